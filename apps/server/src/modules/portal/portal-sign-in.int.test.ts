import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import {
  addPatient,
  auditTrailOf,
  createPortalPractice,
  lastCodeSentTo,
  messagesTo,
  patientCookieOf,
  requestCode,
  uniquePatientEmail,
  uniquePhone,
  verifyCode,
} from './portal-test-support.ts';

const clock = createManualClock('2026-03-02T15:00:00Z');
const { app, database } = await createTestApp({ clock, config: { portalCodeSendsPerIpPerHour: 8 } });

/** A different client address per test, so the per-address limit of one test never meets another's. */
let addressCounter = 0;
function freshAddress(): string {
  addressCounter += 1;
  return `10.20.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
}

async function practiceWithPatient(contact: { phone?: string; email?: string } = {}) {
  const practice = await createPortalPractice(app);
  const phone = contact.phone ?? uniquePhone();
  const email = contact.email ?? uniquePatientEmail();
  const patientId = await addPatient(app, practice, { firstName: 'Ana', lastName: 'Silva', phone, email, dateOfBirth: '1990-04-12' });
  return { practice, phone, email, patientId };
}

describe('portal sign-in codes', () => {
  it('sends a six-digit code by SMS to a phone on file and signs the patient in with it', async () => {
    const { practice, phone, patientId } = await practiceWithPatient();
    const requested = await requestCode(app, practice.slug, { channel: 'sms', phone }, freshAddress());
    expect(requested.statusCode).toBe(202);
    expect(requested.json()).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 600 });

    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    expect(code).toMatch(/^\d{6}$/);
    const verified = await verifyCode(app, practice.slug, { channel: 'sms', phone }, code);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({ needsIdentity: false });
    const cookie = verified.cookies.find((candidate) => candidate.name === 'glowdesk_patient_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/' });

    const me = await app.inject({ method: 'GET', url: '/api/v1/portal/me', headers: { cookie: patientCookieOf(verified) } });
    expect(me.statusCode).toBe(200);
    expect(me.json().patient).toMatchObject({ id: patientId, firstName: 'Ana', lastName: 'Silva', phone });
  });

  it('signs in by email code ("Use email to log in"), whatever the case of the address typed', async () => {
    const { practice, email, patientId } = await practiceWithPatient();
    expect((await requestCode(app, practice.slug, { channel: 'email', email: email.toUpperCase() }, freshAddress())).statusCode).toBe(202);
    const code = await lastCodeSentTo(database, practice.practiceId, email);
    const verified = await verifyCode(app, practice.slug, { channel: 'email', email }, code);
    expect(verified.statusCode).toBe(200);
    const me = await app.inject({ method: 'GET', url: '/api/v1/portal/me', headers: { cookie: patientCookieOf(verified) } });
    expect(me.json().patient.id).toBe(patientId);
  });

  it('answers a phone that is not on file exactly as one that is, and sends it nothing', async () => {
    const { practice, phone } = await practiceWithPatient();
    const stranger = uniquePhone();
    const known = await requestCode(app, practice.slug, { channel: 'sms', phone }, freshAddress());
    const unknown = await requestCode(app, practice.slug, { channel: 'sms', phone: stranger }, freshAddress());
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());
    expect(await messagesTo(database, practice.practiceId, stranger)).toEqual([]);

    const guessed = await verifyCode(app, practice.slug, { channel: 'sms', phone: stranger }, '123456');
    expect(guessed.statusCode).toBe(401);
    expect(guessed.json().code).toBe('invalid_code');
  });

  it('takes the same time class for a phone on file and one that is not (both hash and store a code)', async () => {
    const { practice } = await practiceWithPatient();
    const timeRequests = async (onFile: boolean) => {
      const durations: number[] = [];
      for (let round = 0; round < 7; round += 1) {
        const phone = uniquePhone();
        if (onFile) await addPatient(app, practice, { firstName: 'Tim', lastName: 'Ng', phone });
        const started = performance.now();
        const response = await requestCode(app, practice.slug, { channel: 'sms', phone }, freshAddress());
        durations.push(performance.now() - started);
        expect(response.statusCode).toBe(202);
      }
      return durations.sort((a, b) => a - b)[3] ?? 0;
    };
    const knownMedian = await timeRequests(true);
    const unknownMedian = await timeRequests(false);
    // A class, not a figure: the unknown path may not skip the work that takes the time.
    expect(unknownMedian).toBeGreaterThan(knownMedian / 4);
    expect(unknownMedian).toBeLessThan(knownMedian * 4);
  });

  it('refuses a code after its ten minutes', async () => {
    const { practice, phone } = await practiceWithPatient();
    await requestCode(app, practice.slug, { channel: 'sms', phone }, freshAddress());
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    clock.advanceMinutes(10);
    const late = await verifyCode(app, practice.slug, { channel: 'sms', phone }, code);
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('invalid_code');
  });

  it('accepts a code once only', async () => {
    const { practice, phone } = await practiceWithPatient();
    await requestCode(app, practice.slug, { channel: 'sms', phone }, freshAddress());
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    expect((await verifyCode(app, practice.slug, { channel: 'sms', phone }, code)).statusCode).toBe(200);
    const again = await verifyCode(app, practice.slug, { channel: 'sms', phone }, code);
    expect(again.statusCode).toBe(401);
    expect(again.cookies).toEqual([]);
  });

  it('lets two parallel checks of the right code open one session only', async () => {
    const { practice, phone } = await practiceWithPatient();
    await requestCode(app, practice.slug, { channel: 'sms', phone }, freshAddress());
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    const answers = await Promise.all([1, 2, 3].map(() => verifyCode(app, practice.slug, { channel: 'sms', phone }, code)));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 401, 401]);
  });

  it('refuses even the right code after five wrong tries', async () => {
    const { practice, phone } = await practiceWithPatient();
    await requestCode(app, practice.slug, { channel: 'sms', phone }, freshAddress());
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await verifyCode(app, practice.slug, { channel: 'sms', phone }, wrong)).statusCode).toBe(401);
    }
    expect((await verifyCode(app, practice.slug, { channel: 'sms', phone }, code)).statusCode).toBe(401);
    const failures = (await auditTrailOf(database, practice.practiceId)).filter((event) => event.action === 'portal.sign_in');
    expect(failures.map((event) => event.details.reason)).toEqual([...Array(5).fill('wrong_code'), 'no_usable_code']);
  });

  it('counts parallel wrong guesses atomically: eight at once leave no try for the right code', async () => {
    const { practice, phone } = await practiceWithPatient();
    await requestCode(app, practice.slug, { channel: 'sms', phone }, freshAddress());
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    const wrongCodes = Array.from({ length: 8 }, (_, index) => String((Number(code) + index + 1) % 1_000_000).padStart(6, '0'));
    const answers = await Promise.all(wrongCodes.map((wrong) => verifyCode(app, practice.slug, { channel: 'sms', phone }, wrong)));
    expect(answers.every((answer) => answer.statusCode === 401)).toBe(true);
    expect((await verifyCode(app, practice.slug, { channel: 'sms', phone }, code)).statusCode).toBe(401);
  });

  it('makes Resend wait for the cooldown, then replaces the old code with a new one', async () => {
    const { practice, phone } = await practiceWithPatient();
    const address = freshAddress();
    await requestCode(app, practice.slug, { channel: 'sms', phone }, address);
    const first = await lastCodeSentTo(database, practice.practiceId, phone);

    const early = await requestCode(app, practice.slug, { channel: 'sms', phone }, address);
    expect(early.statusCode).toBe(429);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);
    expect(await messagesTo(database, practice.practiceId, phone)).toHaveLength(1);

    clock.advanceMinutes(1);
    expect((await requestCode(app, practice.slug, { channel: 'sms', phone }, address)).statusCode).toBe(202);
    const messages = await messagesTo(database, practice.practiceId, phone);
    expect(messages).toHaveLength(2);
    const second = await lastCodeSentTo(database, practice.practiceId, phone);
    if (second !== first) expect((await verifyCode(app, practice.slug, { channel: 'sms', phone }, first)).statusCode).toBe(401);
    expect((await verifyCode(app, practice.slug, { channel: 'sms', phone }, second)).statusCode).toBe(200);
  });

  it('sends one code when the same phone asks five times at once', async () => {
    const { practice, phone } = await practiceWithPatient();
    const answers = await Promise.all(
      [1, 2, 3, 4, 5].map(() => requestCode(app, practice.slug, { channel: 'sms', phone }, freshAddress())),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([202, 429, 429, 429, 429]);
    expect(await messagesTo(database, practice.practiceId, phone)).toHaveLength(1);
  });

  it('limits codes per phone to five an hour', async () => {
    const { practice, phone } = await practiceWithPatient();
    clock.set('2026-03-02T18:00:00Z');
    for (let send = 0; send < 5; send += 1) {
      expect((await requestCode(app, practice.slug, { channel: 'sms', phone }, freshAddress())).statusCode).toBe(202);
      clock.advanceMinutes(1);
    }
    const sixth = await requestCode(app, practice.slug, { channel: 'sms', phone }, freshAddress());
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('too_many_requests');
    expect(await messagesTo(database, practice.practiceId, phone)).toHaveLength(5);
  });

  it('limits code requests per client address, counting phones that are not on file too', async () => {
    const practice = await createPortalPractice(app);
    const address = freshAddress();
    for (let send = 0; send < 8; send += 1) {
      expect((await requestCode(app, practice.slug, { channel: 'sms', phone: uniquePhone() }, address)).statusCode).toBe(202);
    }
    expect((await requestCode(app, practice.slug, { channel: 'sms', phone: uniquePhone() }, address)).statusCode).toBe(429);
    expect((await requestCode(app, practice.slug, { channel: 'sms', phone: uniquePhone() }, freshAddress())).statusCode).toBe(202);
  });

  it('keeps the code out of its table, the staff message list and the audit trail', async () => {
    const { practice, phone } = await practiceWithPatient();
    await requestCode(app, practice.slug, { channel: 'sms', phone }, freshAddress());
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    await verifyCode(app, practice.slug, { channel: 'sms', phone }, code === '999999' ? '999998' : '999999');
    await verifyCode(app, practice.slug, { channel: 'sms', phone }, code);

    const stored = await database.db.execute(sql`select * from portal_sign_in_codes where practice_id = ${practice.practiceId}`);
    expect(stored.rows).toHaveLength(1);
    expect(JSON.stringify(stored.rows)).not.toContain(code);
    expect(JSON.stringify(stored.rows)).not.toContain(phone);

    const [message] = await messagesTo(database, practice.practiceId, phone);
    const detail = await app.inject({ method: 'GET', url: `/api/v1/messages/${message?.id}`, headers: practice.owner.headers });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ to: phone, templateKey: 'portal_sign_in_code' });
    expect(detail.body).not.toContain(code);
    const resend = await app.inject({ method: 'POST', url: `/api/v1/messages/${message?.id}/resend`, headers: practice.owner.headers });
    expect(resend.statusCode).toBe(409);
    expect(resend.json().code).toBe('message_not_resendable');

    const trail = await app.inject({ method: 'GET', url: '/api/v1/audit-events?limit=200', headers: practice.owner.headers });
    expect(trail.statusCode).toBe(200);
    expect(trail.json().items.map((event: { action: string }) => event.action)).toEqual(
      expect.arrayContaining(['portal.sign_in_code.request', 'portal.sign_in']),
    );
    expect(trail.body).not.toContain(code);
  });

  it.each([
    ['a malformed phone', { channel: 'sms', phone: '555-0100' }, 'phone'],
    ['an email for the SMS channel', { channel: 'sms', email: 'a@example.com' }, 'phone'],
    ['a malformed email', { channel: 'email', email: 'not-an-email' }, 'email'],
    ['both a phone and an email', { channel: 'email', email: 'a@example.com', phone: '+12125550100' }, 'phone'],
    ['an unknown channel', { channel: 'fax', phone: '+12125550100' }, 'channel'],
  ])('refuses a code request with %s with 400 naming the field, sending nothing', async (_label, payload, field) => {
    const practice = await createPortalPractice(app);
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/${practice.slug}/auth/code`,
      payload,
      remoteAddress: freshAddress(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().field).toBe(field);
    const queued = await database.db.execute<{ count: number }>(
      sql`select count(*)::int as count from messages where practice_id = ${practice.practiceId}`,
    );
    expect(queued.rows[0]?.count).toBe(0);
  });

  it('refuses a code that is not six digits with 400 naming the field', async () => {
    const { practice, phone } = await practiceWithPatient();
    const response = await verifyCode(app, practice.slug, { channel: 'sms', phone }, '12345');
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('code');
  });

  it('answers an unknown portal address with 404 problem+json on every sign-in route', async () => {
    for (const step of ['code', 'verify']) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/no-such-clinic-here/auth/${step}`,
        payload: { channel: 'sms', phone: '+12125550100', ...(step === 'verify' ? { code: '123456' } : {}) },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found', field: 'slug' });
    }
  });
});
