import { describe, expect, it } from 'vitest';
import { createTestApp, createTestPractice, TEST_PASSWORD, uniqueEmail } from '../../testing/test-app.ts';

const { app } = await createTestApp();

function newStaffBody(overrides: Record<string, unknown> = {}) {
  return { email: uniqueEmail('new'), displayName: 'Jordan Lee', role: 'front_desk', password: 'a long first password', ...overrides };
}

describe('staff accounts', () => {
  it('lets an owner create a staff member who can then sign in', async () => {
    const practice = await createTestPractice(app);
    const body = newStaffBody();
    const created = await app.inject({ method: 'POST', url: '/api/v1/staff', headers: practice.owner.headers, payload: body });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: body.email, displayName: 'Jordan Lee', role: 'front_desk', active: true, version: 1 });
    expect(created.json()).not.toHaveProperty('passwordHash');
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: body.email, password: body.password } });
    expect(login.statusCode).toBe(200);
  });

  it('lists only the practice’s own staff', async () => {
    const practiceA = await createTestPractice(app);
    const practiceB = await createTestPractice(app);
    await practiceB.signInAs('provider');
    const list = await app.inject({ method: 'GET', url: '/api/v1/staff', headers: practiceA.owner.headers });
    expect(list.json().items.map((member: { email: string }) => member.email)).toEqual([practiceA.owner.email]);
  });

  it('does not reveal another practice’s staff member by id', async () => {
    const practiceA = await createTestPractice(app);
    const practiceB = await createTestPractice(app);
    const response = await app.inject({ method: 'GET', url: `/api/v1/staff/${practiceB.owner.id}`, headers: practiceA.owner.headers });
    expect(response.statusCode).toBe(404);
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${practiceB.owner.id}`,
      headers: practiceA.owner.headers,
      payload: { displayName: 'Hijacked' },
    });
    expect(patch.statusCode).toBe(404);
  });

  it('lets an admin create staff but not an owner', async () => {
    const practice = await createTestPractice(app);
    const admin = await practice.signInAs('admin');
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/staff', headers: admin.headers, payload: newStaffBody({ role: 'provider' }) }))
        .statusCode,
    ).toBe(201);
    const owner = await app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: admin.headers,
      payload: newStaffBody({ role: 'owner' }),
    });
    expect(owner.statusCode).toBe(403);
    expect(owner.json().code).toBe('owner_role_required');
  });

  it.each(['provider', 'front_desk'] as const)('refuses staff management to %s', async (role) => {
    const practice = await createTestPractice(app);
    const member = await practice.signInAs(role);
    expect((await app.inject({ method: 'GET', url: '/api/v1/staff', headers: member.headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: '/api/v1/staff', headers: member.headers, payload: newStaffBody() })).statusCode).toBe(
      403,
    );
  });

  it('refuses a second account with the same email, whatever the letter case', async () => {
    const practice = await createTestPractice(app);
    const body = newStaffBody();
    await app.inject({ method: 'POST', url: '/api/v1/staff', headers: practice.owner.headers, payload: body });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: practice.owner.headers,
      payload: { ...newStaffBody(), email: body.email.toUpperCase() },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'email_taken', field: 'email' });
  });

  it('changes a role and records before and after in the audit trail', async () => {
    const practice = await createTestPractice(app);
    const member = await practice.signInAs('front_desk');
    const patch = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${member.id}`,
      headers: practice.owner.headers,
      payload: { role: 'admin' },
    });
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ role: 'admin', version: 2 });
    const audit = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-events?objectId=${member.id}&action=staff.update`,
      headers: practice.owner.headers,
    });
    expect(audit.json().items[0]).toMatchObject({
      actorId: practice.owner.id,
      details: { before: { role: 'front_desk' }, after: { role: 'admin' } },
    });
  });

  it('rejects an edit sent with a stale If-Match version', async () => {
    const practice = await createTestPractice(app);
    const member = await practice.signInAs('provider');
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${member.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { displayName: 'First edit' },
    });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${member.id}`,
      headers: { ...practice.owner.headers, 'if-match': '"1"' },
      payload: { displayName: 'Second edit' },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().code).toBe('stale_version');
    const current = await app.inject({ method: 'GET', url: `/api/v1/staff/${member.id}`, headers: practice.owner.headers });
    expect(current.json().displayName).toBe('First edit');
  });

  it('refuses to deactivate yourself', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${practice.owner.id}`,
      headers: practice.owner.headers,
      payload: { active: false },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'cannot_deactivate_self', field: 'active' });
  });

  it('keeps at least one active owner', async () => {
    const practice = await createTestPractice(app);
    const secondOwner = await app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: practice.owner.headers,
      payload: newStaffBody({ role: 'owner' }),
    });
    const secondOwnerLogin = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: secondOwner.json().email, password: 'a long first password' },
    });
    const cookie = `glowdesk_session=${secondOwnerLogin.cookies[0]?.value}`;
    // The second owner demotes the first: allowed, one owner remains.
    expect(
      (await app.inject({ method: 'PATCH', url: `/api/v1/staff/${practice.owner.id}`, headers: { cookie }, payload: { role: 'admin' } }))
        .statusCode,
    ).toBe(200);
    const count = await app.inject({ method: 'GET', url: '/api/v1/staff', headers: { cookie } });
    expect(count.json().items.filter((member: { role: string }) => member.role === 'owner')).toHaveLength(1);
  });

  it('refuses to demote the last active owner', async () => {
    const practice = await createTestPractice(app);
    const admin = await practice.signInAs('admin');
    // An admin cannot touch an owner at all…
    expect(
      (await app.inject({ method: 'PATCH', url: `/api/v1/staff/${practice.owner.id}`, headers: admin.headers, payload: { role: 'admin' } }))
        .statusCode,
    ).toBe(403);
    // …and the owner cannot change their own role.
    const self = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${practice.owner.id}`,
      headers: practice.owner.headers,
      payload: { role: 'admin' },
    });
    expect(self.statusCode).toBe(409);
  });

  it('reactivates a deactivated member, who can sign in again', async () => {
    const practice = await createTestPractice(app);
    const member = await practice.signInAs('provider');
    await app.inject({ method: 'PATCH', url: `/api/v1/staff/${member.id}`, headers: practice.owner.headers, payload: { active: false } });
    const reactivated = await app.inject({
      method: 'PATCH',
      url: `/api/v1/staff/${member.id}`,
      headers: practice.owner.headers,
      payload: { active: true },
    });
    expect(reactivated.json().active).toBe(true);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: member.email, password: TEST_PASSWORD },
    });
    expect(login.statusCode).toBe(200);
  });
});
