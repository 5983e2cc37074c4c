import { describe, expect, it } from 'vitest';
import { createTestApp, createTestPractice, uniqueEmail } from '../../testing/test-app.ts';

const { app } = await createTestApp({ config: { loginMaxFailuresPerAccount: 5 } });

describe('limits that parallel requests must not slip past', () => {
  it('keeps an active owner when two owners deactivate each other at the same moment', async () => {
    for (let attempt = 0; attempt < 5; attempt++) {
      const practice = await createTestPractice(app);
      const second = await practice.signInAs('owner', { email: uniqueEmail('second-owner') });
      const [first, other] = await Promise.all([
        app.inject({ method: 'PATCH', url: `/api/v1/staff/${second.id}`, headers: practice.owner.headers, payload: { active: false } }),
        app.inject({ method: 'PATCH', url: `/api/v1/staff/${practice.owner.id}`, headers: second.headers, payload: { active: false } }),
      ]);
      const statuses = [first.statusCode, other.statusCode].sort();
      // One goes through; the other is refused as the last owner (or, when it comes second,
      // finds its own session ended by the first).
      expect(statuses.filter((status) => status === 200)).toHaveLength(1);
      const refused = first.statusCode === 200 ? other : first;
      expect([409, 401]).toContain(refused.statusCode);
      if (refused.statusCode === 409) expect(refused.json().code).toBe('last_owner');
      const survivor = first.statusCode === 200 ? practice.owner : second;
      const staff = await app.inject({ method: 'GET', url: '/api/v1/staff', headers: survivor.headers });
      const activeOwners = staff
        .json()
        .items.filter((member: { role: string; active: boolean }) => member.role === 'owner' && member.active);
      expect(activeOwners).toHaveLength(1);
    }
  });

  it('checks no more passwords than the account limit when wrong guesses arrive in parallel', async () => {
    const practice = await createTestPractice(app);
    // An address of its own: the suite's other sign-ins come from 127.0.0.1.
    const remoteAddress = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
    const guesses = await Promise.all(
      Array.from({ length: 60 }, (_, index) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress,
          payload: { email: practice.owner.email, password: `wrong guess ${index}` },
        }),
      ),
    );
    const statuses = guesses.map((guess) => guess.statusCode);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(55);
    const checked = await app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?action=auth.login&outcome=failure&limit=200',
      headers: practice.owner.headers,
    });
    const reasons = checked.json().items.map((event: { details: { reason: string } }) => event.details.reason);
    expect(reasons.filter((reason: string) => reason === 'wrong_password')).toHaveLength(5);
  });
});
