import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createTestApp, createTestPractice } from '../../testing/test-app.ts';

const { app } = await createTestApp();

function uniqueSlug(label = 'clinic'): string {
  return `${label}-${randomUUID().slice(0, 8)}`;
}

describe('practice portal address (slug)', () => {
  it('starts without a slug and lets the owner set one, which the portal then answers to', async () => {
    const practice = await createTestPractice(app, { name: 'Glow Spa' });
    const before = await app.inject({ method: 'GET', url: '/api/v1/practice-settings', headers: practice.owner.headers });
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ id: practice.practiceId, name: 'Glow Spa', slug: null });

    const slug = uniqueSlug('glow');
    const changed = await app.inject({
      method: 'PATCH',
      url: '/api/v1/practice-settings',
      headers: practice.owner.headers,
      payload: { slug: `  ${slug.toUpperCase()} ` },
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().slug).toBe(slug);

    const portal = await app.inject({ method: 'GET', url: `/api/v1/portal/${slug}` });
    expect(portal.statusCode).toBe(200);
    expect(portal.json()).toEqual({ name: 'Glow Spa', slug, timezone: 'America/New_York' });

    const audit = await app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: practice.owner.headers });
    expect(audit.json().items).toContainEqual(
      expect.objectContaining({ action: 'practice.update', details: { before: { slug: null }, after: { slug } } }),
    );
  });

  it('answers 409 naming the field when another practice already uses the slug, and keeps the old one', async () => {
    const first = await createTestPractice(app);
    const second = await createTestPractice(app);
    const taken = uniqueSlug('taken');
    const own = uniqueSlug('own');
    const set = (headers: Record<string, string>, slug: string) =>
      app.inject({ method: 'PATCH', url: '/api/v1/practice-settings', headers, payload: { slug } });
    expect((await set(first.owner.headers, taken)).statusCode).toBe(200);
    expect((await set(second.owner.headers, own)).statusCode).toBe(200);

    const conflict = await set(second.owner.headers, taken);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.headers['content-type']).toContain('application/problem+json');
    expect(conflict.json()).toMatchObject({ code: 'slug_taken', field: 'slug' });
    const after = await app.inject({ method: 'GET', url: '/api/v1/practice-settings', headers: second.owner.headers });
    expect(after.json().slug).toBe(own);
  });

  it('lets a practice set the slug it already has again', async () => {
    const practice = await createTestPractice(app);
    const slug = uniqueSlug();
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await app.inject({
        method: 'PATCH',
        url: '/api/v1/practice-settings',
        headers: practice.owner.headers,
        payload: { slug },
      });
      expect(response.statusCode).toBe(200);
    }
  });

  it.each([
    ['too short', 'ab'],
    ['too long', 'a'.repeat(41)],
    ['spaces inside', 'glow spa'],
    ['a leading hyphen', '-glow'],
    ['a double hyphen', 'glow--spa'],
    ['an underscore', 'glow_spa'],
    ['a reserved word', 'appointments'],
    ['a number instead of text', 42],
  ])('refuses a slug with %s with 400 naming the field', async (_label, slug) => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'PATCH',
      url: '/api/v1/practice-settings',
      headers: practice.owner.headers,
      payload: { slug },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'slug' });
    const after = await app.inject({ method: 'GET', url: '/api/v1/practice-settings', headers: practice.owner.headers });
    expect(after.json().slug).toBeNull();
  });

  it('lets only the owner change the slug; other staff may read it', async () => {
    const practice = await createTestPractice(app);
    for (const role of ['admin', 'front_desk', 'provider'] as const) {
      const member = await practice.signInAs(role);
      const change = await app.inject({
        method: 'PATCH',
        url: '/api/v1/practice-settings',
        headers: member.headers,
        payload: { slug: uniqueSlug() },
      });
      expect({ role, status: change.statusCode }).toEqual({ role, status: 403 });
      const read = await app.inject({ method: 'GET', url: '/api/v1/practice-settings', headers: member.headers });
      expect({ role, status: read.statusCode }).toEqual({ role, status: 200 });
    }
  });

  it('answers an unknown or malformed portal address with 404 problem+json', async () => {
    for (const slug of [uniqueSlug('nobody'), 'NOT_A_SLUG', 'ab']) {
      const response = await app.inject({ method: 'GET', url: `/api/v1/portal/${slug}` });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'not_found', field: 'slug' });
    }
  });
});

describe('whether providers manage every appointment', () => {
  it('lets the owner and admins change it, audits the change, and refuses other roles', async () => {
    const practice = await createTestPractice(app);
    const admin = await practice.signInAs('admin');
    const set = (headers: Record<string, string>, value: boolean) =>
      app.inject({ method: 'PATCH', url: '/api/v1/practice-settings', headers, payload: { providersManageAllAppointments: value } });

    const byAdmin = await set(admin.headers, true);
    expect(byAdmin.statusCode, byAdmin.body).toBe(200);
    expect(byAdmin.json()).toMatchObject({ providersManageAllAppointments: true, slug: null });
    expect((await set(practice.owner.headers, false)).json().providersManageAllAppointments).toBe(false);
    for (const role of ['front_desk', 'provider'] as const) {
      const member = await practice.signInAs(role);
      const refused = await set(member.headers, true);
      expect({ role, status: refused.statusCode }).toEqual({ role, status: 403 });
    }

    const audit = await app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: practice.owner.headers });
    const changes = audit
      .json<{ items: { action: string; actorLabel?: string; details: unknown }[] }>()
      .items.filter((event) => event.action === 'practice.update')
      .map((event) => event.details);
    expect(changes).toEqual(
      expect.arrayContaining([
        { before: { providersManageAllAppointments: false }, after: { providersManageAllAppointments: true } },
        { before: { providersManageAllAppointments: true }, after: { providersManageAllAppointments: false } },
      ]),
    );
    const after = await app.inject({ method: 'GET', url: '/api/v1/practice-settings', headers: practice.owner.headers });
    expect(after.json().providersManageAllAppointments).toBe(false);
  });

  it('refuses an admin the portal address, which stays the owner’s, and an empty change', async () => {
    const practice = await createTestPractice(app);
    const admin = await practice.signInAs('admin');
    const slug = await app.inject({
      method: 'PATCH',
      url: '/api/v1/practice-settings',
      headers: admin.headers,
      payload: { slug: uniqueSlug() },
    });
    expect(slug.statusCode).toBe(403);
    expect(slug.json().code).toBe('owner_role_required');
    const empty = await app.inject({ method: 'PATCH', url: '/api/v1/practice-settings', headers: practice.owner.headers, payload: {} });
    expect(empty.statusCode).toBe(400);
  });
});
