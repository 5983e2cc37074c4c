import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { sqlStateOf } from '../database.ts';
import { inPractice } from '../tenancy.ts';
import { createTestApp, createTestPractice } from '../../testing/test-app.ts';

const { app, database } = await createTestApp();

describe('audit trail', () => {
  it('records sign-ins and staff changes, newest first, for owners and admins', async () => {
    const practice = await createTestPractice(app);
    const member = await practice.signInAs('front_desk');
    const response = await app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: practice.owner.headers });
    expect(response.statusCode).toBe(200);
    const actions = response.json().items.map((event: { action: string }) => event.action);
    expect(actions.slice(0, 3)).toEqual(['auth.login', 'staff.create', 'auth.login']);
    expect(response.json().items[1]).toMatchObject({ objectType: 'staff', objectId: member.id, actorId: practice.owner.id });
  });

  it('pages with a cursor without repeating or skipping events', async () => {
    const practice = await createTestPractice(app);
    for (let index = 0; index < 4; index++) await practice.signInAs('provider');
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/v1/audit-events?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await app.inject({ method: 'GET', url, headers: practice.owner.headers });
      const body = page.json<{ items: { id: number }[]; nextCursor: string | null }>();
      seen.push(...body.items.map((event) => event.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(new Set(seen).size);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(seen.length).toBeGreaterThanOrEqual(10);
  });

  it('filters by action, outcome and time range', async () => {
    const practice = await createTestPractice(app);
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: practice.owner.email, password: 'wrong-password-1' } });
    const failures = await app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?action=auth.login&outcome=failure',
      headers: practice.owner.headers,
    });
    expect(failures.json().items).toHaveLength(1);
    const future = await app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?from=2199-01-01T00:00:00Z',
      headers: practice.owner.headers,
    });
    expect(future.json().items).toHaveLength(0);
  });

  it('refuses the audit log to front desk and providers', async () => {
    const practice = await createTestPractice(app);
    for (const role of ['front_desk', 'provider'] as const) {
      const member = await practice.signInAs(role);
      const response = await app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: member.headers });
      expect(response.statusCode).toBe(403);
    }
  });

  it('rejects an inverted time range', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      headers: practice.owner.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('to');
  });

  it('cannot be changed or deleted by the application role', async () => {
    const practice = await createTestPractice(app);
    await expect(
      inPractice(database, practice.practiceId, (tx) => tx.execute(sql`update audit_events set action = 'x'`)),
    ).rejects.toThrow();
    await expect(inPractice(database, practice.practiceId, (tx) => tx.execute(sql`delete from audit_events`))).rejects.toThrow();
    const count = await inPractice(database, practice.practiceId, (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_events`),
    );
    expect(count.rows[0]?.n).toBeGreaterThan(0);
  });

  it('cannot be changed even by the owning role', async () => {
    const failure = await database.db.execute(sql`delete from audit_events where id = (select min(id) from audit_events)`).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(sqlStateOf(failure)).toBe('42501');
  });
});
