import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { inPractice } from './tenancy.ts';
import { createTestApp, createTestPractice } from '../testing/test-app.ts';

const { app, database } = await createTestApp();

describe('row-level security', () => {
  it('hides practice B’s rows from a query under practice A that forgets its filter', async () => {
    const practiceA = await createTestPractice(app);
    const practiceB = await createTestPractice(app);
    await practiceB.signInAs('provider');
    const rows = await inPractice(database, practiceA.practiceId, async (tx) => {
      const staff = await tx.execute<{ practice_id: string }>(sql`select practice_id from staff`);
      const sessions = await tx.execute<{ practice_id: string }>(sql`select practice_id from staff_sessions`);
      const audit = await tx.execute<{ practice_id: string }>(sql`select practice_id from audit_events`);
      const practices = await tx.execute<{ id: string }>(sql`select id from practices`);
      return { staff: staff.rows, sessions: sessions.rows, audit: audit.rows, practices: practices.rows };
    });
    expect(rows.staff.length).toBeGreaterThan(0);
    for (const table of ['staff', 'sessions', 'audit'] as const) {
      expect(rows[table].every((row) => row.practice_id === practiceA.practiceId)).toBe(true);
    }
    expect(rows.practices).toEqual([{ id: practiceA.practiceId }]);
  });

  it('refuses to write a row into another practice', async () => {
    const practiceA = await createTestPractice(app);
    const practiceB = await createTestPractice(app);
    await expect(
      inPractice(database, practiceA.practiceId, (tx) =>
        tx.execute(
          sql`insert into staff (practice_id, email, display_name, role, password_hash) values (${practiceB.practiceId}, 'intruder@test.glowdesk.app', 'Intruder', 'owner', 'x')`,
        ),
      ),
    ).rejects.toThrow();
  });

  it('cannot change another practice’s rows even with an unfiltered update', async () => {
    const practiceA = await createTestPractice(app);
    const practiceB = await createTestPractice(app);
    await inPractice(database, practiceA.practiceId, (tx) => tx.execute(sql`update staff set display_name = 'Renamed'`));
    const bStaff = await inPractice(database, practiceB.practiceId, (tx) =>
      tx.execute<{ display_name: string }>(sql`select display_name from staff`),
    );
    expect(bStaff.rows.map((row) => row.display_name)).toEqual(['Test Owner']);
  });

  it('shows nothing when no practice is set for the application role', async () => {
    await createTestPractice(app);
    const rows = await database.db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'glowdesk_app', true)`);
      return (await tx.execute(sql`select id from staff`)).rows;
    });
    expect(rows).toEqual([]);
  });
});
