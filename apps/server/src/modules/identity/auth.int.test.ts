import { meSchema } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { createTestApp, createTestPractice, TEST_PASSWORD, uniqueEmail } from '../../testing/test-app.ts';

const clock = createManualClock('2026-03-01T15:00:00Z');
const { app } = await createTestApp({ clock, config: { loginMaxFailuresPerAccount: 3 } });
const { app: proxiedApp } = await createTestApp({ config: { trustProxy: true } });
const { app: ipLimitedApp } = await createTestApp({ config: { loginMaxFailuresPerAccount: 100, loginMaxFailuresPerIp: 6 } });

/** A client address of its own per test, so per-IP throttling in one test cannot touch another. */
function clientAddress(): string {
  return `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
}

describe('sign-in', () => {
  it('signs in with the right password and sets an httpOnly SameSite session cookie', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: practice.owner.email, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((candidate) => candidate.name === 'glowdesk_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(response.json()).toMatchObject({ staff: { email: practice.owner.email, role: 'owner' }, practice: { id: practice.practiceId } });
  });

  it('answers sign-in with the staff member and practice in the shape the staff app reads', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: practice.owner.email, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    const signedIn = meSchema.pick({ staff: true, practice: true }).safeParse(response.json());
    expect(signedIn.error?.issues ?? []).toEqual([]);
    expect(signedIn.data?.staff.medicalDirector).toBe(false);
  });

  it('accepts the email in any letter case', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: practice.owner.email.toUpperCase(), password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
  });

  it('answers a wrong password with 401 problem+json and audits the failure', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: practice.owner.email, password: 'wrong password!' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'invalid_credentials', status: 401 });
    expect(response.cookies).toHaveLength(0);

    const audit = await app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?action=auth.login&outcome=failure',
      headers: practice.owner.headers,
    });
    expect(audit.json().items[0]).toMatchObject({
      action: 'auth.login',
      outcome: 'failure',
      actorLabel: practice.owner.email,
      details: { reason: 'wrong_password' },
    });
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: uniqueEmail('nobody'), password: 'whatever-it-is' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('invalid_credentials');
  });

  it('refuses a deactivated staff member', async () => {
    const practice = await createTestPractice(app);
    const member = await practice.signInAs('front_desk');
    await app.inject({ method: 'PATCH', url: `/api/v1/staff/${member.id}`, headers: practice.owner.headers, payload: { active: false } });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: member.email, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(401);
  });

  it('throttles an account after repeated failures with 429 and Retry-After, even for the right password', async () => {
    const practice = await createTestPractice(app);
    for (let attempt = 0; attempt < 3; attempt++) {
      const failed = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: practice.owner.email, password: 'not the password' },
      });
      expect(failed.statusCode).toBe(401);
    }
    const throttled = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: practice.owner.email, password: TEST_PASSWORD },
    });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().code).toBe('too_many_requests');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('throttles a client address that keeps failing across different accounts', async () => {
    const practice = await createTestPractice(ipLimitedApp);
    const remoteAddress = clientAddress();
    for (let attempt = 0; attempt < 6; attempt++) {
      const failed = await ipLimitedApp.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        payload: { email: uniqueEmail('guess'), password: 'not the password' },
      });
      expect(failed.statusCode).toBe(401);
    }
    const throttled = await ipLimitedApp.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress,
      payload: { email: practice.owner.email, password: TEST_PASSWORD },
    });
    expect(throttled.statusCode).toBe(429);
    const elsewhere = await ipLimitedApp.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: clientAddress(),
      payload: { email: practice.owner.email, password: TEST_PASSWORD },
    });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('lifts the account throttle when the window has passed', async () => {
    const practice = await createTestPractice(app);
    for (let attempt = 0; attempt < 3; attempt++) {
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: practice.owner.email, password: 'not the password' },
      });
    }
    clock.advanceMinutes(16);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: practice.owner.email, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('returns the signed-in staff member and practice from /me', async () => {
    const practice = await createTestPractice(app, { timezone: 'America/Los_Angeles' });
    const response = await app.inject({ method: 'GET', url: '/api/v1/me', headers: practice.owner.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      staff: { id: practice.owner.id, role: 'owner' },
      practice: { id: practice.practiceId, timezone: 'America/Los_Angeles' },
      session: { idleTimeoutMinutes: 30 },
    });
  });

  it('answers /me without a session with 401', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/me' });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('unauthenticated');
  });

  it('ends the session on logout', async () => {
    const practice = await createTestPractice(app);
    const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: practice.owner.headers });
    expect(logout.statusCode).toBe(204);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: practice.owner.headers });
    expect(me.statusCode).toBe(401);
  });

  it('expires a session idle for more than 30 minutes', async () => {
    const practice = await createTestPractice(app);
    clock.advanceMinutes(29);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: practice.owner.headers })).statusCode).toBe(200);
    clock.advanceMinutes(31);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: practice.owner.headers })).statusCode).toBe(401);
  });

  it('counts every request as activity, however soon after the last one it comes', async () => {
    const practice = await createTestPractice(app);
    clock.advanceMinutes(2);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: practice.owner.headers })).statusCode).toBe(200);
    clock.advanceMinutes(59 / 60);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: practice.owner.headers })).statusCode).toBe(200);
    // 29 minutes 30 seconds after the last request: still inside the 30-minute idle timeout.
    clock.advanceMinutes(29.5);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: practice.owner.headers })).statusCode).toBe(200);
    clock.advanceMinutes(32);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: practice.owner.headers })).statusCode).toBe(401);
  });

  it('expires an active session 12 hours after sign-in', async () => {
    const practice = await createTestPractice(app);
    // 24 requests 29 minutes apart keep the session from idling: 696 minutes in, it still works.
    for (let step = 0; step < 24; step++) {
      clock.advanceMinutes(29);
      expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: practice.owner.headers })).statusCode).toBe(200);
    }
    clock.advanceMinutes(29); // 725 minutes: past the 12-hour absolute limit
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: practice.owner.headers })).statusCode).toBe(401);
  });

  it('signs a staff member out everywhere when deactivated', async () => {
    const practice = await createTestPractice(app);
    const member = await practice.signInAs('provider');
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: member.headers })).statusCode).toBe(200);
    await app.inject({ method: 'PATCH', url: `/api/v1/staff/${member.id}`, headers: practice.owner.headers, payload: { active: false } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: member.headers })).statusCode).toBe(401);
  });

  it('ignores a forged session cookie', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: 'glowdesk_session=forged-token-value' } });
    expect(response.statusCode).toBe(401);
  });
});

describe('cross-site request protection', () => {
  it('refuses a write whose Origin is another site', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/staff',
      headers: { ...practice.owner.headers, origin: 'https://evil.example', host: 'glowdesk.test' },
      payload: { email: uniqueEmail(), displayName: 'Mallory', role: 'owner', password: 'long enough password' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('cross_site_request');
  });

  it('refuses a write a browser marks as cross-site', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...practice.owner.headers, 'sec-fetch-site': 'cross-site' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('accepts a write from the same origin', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...practice.owner.headers, origin: 'http://glowdesk.test', host: 'glowdesk.test', 'sec-fetch-site': 'same-origin' },
    });
    expect(response.statusCode).toBe(204);
  });

  it.each([
    ['Origin: null', { origin: 'null', host: 'glowdesk.test' }],
    ['an https Origin on an http server', { origin: 'https://glowdesk.test', host: 'glowdesk.test' }],
    [
      'a foreign Origin with a matching X-Forwarded-Host while no proxy is trusted',
      { origin: 'https://evil.example', host: 'glowdesk.test', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    ],
  ])('refuses a write with %s', async (_label, headers) => {
    const practice = await createTestPractice(app);
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { ...practice.owner.headers, ...headers } });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('cross_site_request');
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: practice.owner.headers })).statusCode).toBe(200);
  });

  it('takes the host and scheme from X-Forwarded-* when a proxy is trusted', async () => {
    const practice = await createTestPractice(proxiedApp);
    const forwarded = { host: '10.0.0.5:3000', 'x-forwarded-host': 'clinic.example', 'x-forwarded-proto': 'https' };
    const foreign = await proxiedApp.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...practice.owner.headers, ...forwarded, origin: 'https://evil.example' },
    });
    expect(foreign.statusCode).toBe(403);
    const own = await proxiedApp.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { ...practice.owner.headers, ...forwarded, origin: 'https://clinic.example' },
    });
    expect(own.statusCode).toBe(204);
  });

  it('refuses a text/plain body, which a cross-site form could send', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: '{"email":"a@b.co","password":"x"}',
    });
    expect(response.statusCode).toBe(415);
  });
});
