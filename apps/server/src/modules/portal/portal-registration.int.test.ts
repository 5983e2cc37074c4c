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
  uniquePatientEmail,
  uniquePhone,
  type Contact,
  type PortalPractice,
} from './portal-test-support.ts';

const clock = createManualClock('2026-03-02T15:00:00Z');
const { app, database } = await createTestApp({ clock, config: { portalCodeSendsPerIpPerHour: 8 } });

let addressCounter = 0;
function freshAddress(): string {
  addressCounter += 1;
  return `10.30.${Math.floor(addressCounter / 250)}.${(addressCounter % 250) + 1}`;
}

interface Registration {
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  [field: string]: unknown;
}

const maya: Registration = {
  firstName: 'Maya',
  lastName: 'Okafor',
  dateOfBirth: '1992-07-19',
  gender: 'female',
  address: { line1: '12 Elm St', city: 'Brooklyn', region: 'NY', postalCode: '11201', country: 'us' },
  referralSource: 'Instagram',
  marketingOptIn: true,
};

function register(practice: PortalPractice, contact: Contact, fields: Record<string, unknown> = maya, remoteAddress = freshAddress()) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/portal/${practice.slug}/auth/register`,
    payload: { ...fields, ...contact },
    remoteAddress,
  });
}

function verifyRegistration(practice: PortalPractice, contact: Contact, code: string) {
  return app.inject({ method: 'POST', url: `/api/v1/portal/${practice.slug}/auth/register/verify`, payload: { ...contact, code } });
}

const addressOf = (contact: Contact) => (contact.channel === 'sms' ? contact.phone : contact.email);

/** Registers and verifies with the code sent: the verify response. */
async function registerAndVerify(practice: PortalPractice, contact: Contact, fields: Record<string, unknown> = maya) {
  const requested = await register(practice, contact, fields);
  expect(requested.statusCode).toBe(202);
  const code = await lastCodeSentTo(database, practice.practiceId, addressOf(contact));
  return verifyRegistration(practice, contact, code);
}

async function patientsWith(practiceId: string, column: 'phone' | 'email', value: string) {
  const result = await database.db.execute<{ id: string; first_name: string; gender: string | null; referral_source: string | null }>(
    sql`select id, first_name, gender, referral_source from patients where practice_id = ${practiceId} and ${sql.raw(column)} = ${value}`,
  );
  return result.rows;
}

async function queueOf(practice: PortalPractice, headers = practice.owner.headers) {
  return app.inject({ method: 'GET', url: '/api/v1/portal-registrations', headers });
}

/** A registration queued: a profile holds the phone, with another date of birth. */
async function queuedRegistration() {
  const practice = await createPortalPractice(app);
  const phone = uniquePhone();
  const existingId = await addPatient(app, practice, { firstName: 'Ada', lastName: 'Okafor', phone, dateOfBirth: '1960-01-02' });
  const verified = await registerAndVerify(practice, { channel: 'sms', phone });
  expect(verified.json()).toEqual({ outcome: 'queued' });
  const queue = await queueOf(practice);
  const registrationId = queue.json<{ items: { id: string }[] }>().items[0]?.id ?? '';
  return { practice, phone, existingId, registrationId };
}

describe('portal sign up (New Client Registration)', () => {
  it('creates a profile for a new phone with everything the form said, and signs the new client in', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    const email = uniquePatientEmail();
    const requested = await register(practice, { channel: 'sms', phone }, { ...maya, email });
    expect(requested.statusCode).toBe(202);
    expect(requested.json()).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 600 });
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    const verified = await verifyRegistration(practice, { channel: 'sms', phone }, code);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({ outcome: 'created' });
    expect(verified.cookies.find((cookie) => cookie.name === 'glowdesk_patient_session')).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/',
    });

    const me = await app.inject({ method: 'GET', url: '/api/v1/portal/me', headers: { cookie: patientCookieOf(verified) } });
    expect(me.statusCode).toBe(200);
    const patientId = me.json().patient.id as string;
    const profile = await app.inject({ method: 'GET', url: `/api/v1/patients/${patientId}`, headers: practice.owner.headers });
    expect(profile.json()).toMatchObject({
      firstName: 'Maya',
      lastName: 'Okafor',
      phone,
      email,
      dateOfBirth: '1992-07-19',
      gender: 'female',
      addressLine1: '12 Elm St',
      city: 'Brooklyn',
      region: 'NY',
      postalCode: '11201',
      country: 'US',
      referralSource: 'Instagram',
      marketingConsent: true,
      preferredChannel: 'sms',
    });
    const trail = await auditTrailOf(database, practice.practiceId);
    expect(trail.find((event) => event.action === 'patient.create')).toMatchObject({ actorType: 'patient', actorId: patientId });
    expect(trail.find((event) => event.action === 'portal.registration.verify')).toMatchObject({
      actorType: 'patient',
      actorId: patientId,
      details: { outcome: 'created', channel: 'sms' },
    });
  });

  it('registers by email code ("Use email"), whatever the case typed', async () => {
    const practice = await createPortalPractice(app);
    const email = uniquePatientEmail();
    expect((await register(practice, { channel: 'email', email: email.toUpperCase() })).statusCode).toBe(202);
    const code = await lastCodeSentTo(database, practice.practiceId, email);
    const verified = await verifyRegistration(practice, { channel: 'email', email }, code);
    expect(verified.json()).toEqual({ outcome: 'created' });
    expect(await patientsWith(practice.practiceId, 'email', email)).toHaveLength(1);
  });

  it('opens the profile already holding the phone when date of birth and last name match (claim), filling only its empty fields', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    const existingId = await addPatient(app, practice, { firstName: 'May', lastName: 'Okafor', phone, dateOfBirth: '1992-07-19' });
    await app.inject({
      method: 'PATCH',
      url: `/api/v1/patients/${existingId}`,
      headers: practice.owner.headers,
      payload: { gender: 'prefer_not_to_say' },
    });
    const email = uniquePatientEmail();
    const verified = await registerAndVerify(practice, { channel: 'sms', phone }, { ...maya, lastName: '  OKÁFOR ', email });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({ outcome: 'claimed' });

    const me = await app.inject({ method: 'GET', url: '/api/v1/portal/me', headers: { cookie: patientCookieOf(verified) } });
    expect(me.json().patient.id).toBe(existingId);
    expect(await patientsWith(practice.practiceId, 'phone', phone)).toHaveLength(1);
    const profile = (await app.inject({ method: 'GET', url: `/api/v1/patients/${existingId}`, headers: practice.owner.headers })).json();
    // Staff's data stays: first name, last name and gender as entered; the empty fields are filled.
    expect(profile).toMatchObject({
      firstName: 'May',
      lastName: 'Okafor',
      gender: 'prefer_not_to_say',
      email,
      addressLine1: '12 Elm St',
      referralSource: 'Instagram',
    });
    const claim = (await auditTrailOf(database, practice.practiceId)).find((event) => event.action === 'portal.registration.verify');
    expect(claim).toMatchObject({ actorType: 'patient', actorId: existingId, details: { outcome: 'claimed' } });
    expect(claim?.details.filledFields).toEqual(expect.arrayContaining(['email', 'addressLine1', 'referralSource']));
    expect(claim?.details.filledFields).not.toContain('gender');
  });

  it('claims the matching one of several profiles sharing a phone, by date of birth and last name', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    await addPatient(app, practice, { firstName: 'Ada', lastName: 'Okafor', phone, dateOfBirth: '1960-01-02' });
    const mayaId = await addPatient(app, practice, { firstName: 'Maya', lastName: 'Okafor', phone, dateOfBirth: '1992-07-19' });
    const verified = await registerAndVerify(practice, { channel: 'sms', phone });
    expect(verified.json()).toEqual({ outcome: 'claimed' });
    const me = await app.inject({ method: 'GET', url: '/api/v1/portal/me', headers: { cookie: patientCookieOf(verified) } });
    expect(me.json().patient.id).toBe(mayaId);
    expect(await patientsWith(practice.practiceId, 'phone', phone)).toHaveLength(2);
  });

  it('queues the registration when the phone belongs to a profile with another date of birth: nothing is created or opened', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    await addPatient(app, practice, { firstName: 'Ada', lastName: 'Okafor', phone, dateOfBirth: '1960-01-02' });
    const verified = await registerAndVerify(practice, { channel: 'sms', phone });
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toEqual({ outcome: 'queued' });
    expect(verified.cookies).toEqual([]);
    expect(await patientsWith(practice.practiceId, 'phone', phone)).toHaveLength(1);
    const verify = (await auditTrailOf(database, practice.practiceId)).find((event) => event.action === 'portal.registration.verify');
    expect(verify).toMatchObject({ actorType: 'anonymous', actorId: null, details: { outcome: 'queued' } });
    expect(JSON.stringify(verify)).not.toContain('Ada');
  });

  it('queues when the last name differs, even with the same date of birth', async () => {
    const practice = await createPortalPractice(app);
    const email = uniquePatientEmail();
    await addPatient(app, practice, { firstName: 'Maya', lastName: 'Smith', email, dateOfBirth: '1992-07-19' });
    const verified = await registerAndVerify(practice, { channel: 'email', email });
    expect(verified.json()).toEqual({ outcome: 'queued' });
    expect(await patientsWith(practice.practiceId, 'email', email)).toHaveLength(1);
  });

  it('answers a contact on file exactly as one that is not, and sends the code to both', async () => {
    const practice = await createPortalPractice(app);
    const known = uniquePhone();
    await addPatient(app, practice, { firstName: 'Ada', lastName: 'Okafor', phone: known, dateOfBirth: '1960-01-02' });
    const stranger = uniquePhone();
    const onFile = await register(practice, { channel: 'sms', phone: known });
    const notOnFile = await register(practice, { channel: 'sms', phone: stranger });
    expect(notOnFile.statusCode).toBe(onFile.statusCode);
    expect(notOnFile.body).toBe(onFile.body);
    expect(Object.keys(notOnFile.headers).sort()).toEqual(Object.keys(onFile.headers).sort());
    expect(await messagesTo(database, practice.practiceId, known)).toHaveLength(1);
    expect(await messagesTo(database, practice.practiceId, stranger)).toHaveLength(1);
    const requests = (await auditTrailOf(database, practice.practiceId)).filter((event) => event.action === 'portal.registration.request');
    expect(requests.map((event) => event.details)).toEqual([{ channel: 'sms' }, { channel: 'sms' }]);
  });

  it('takes the same time class for a contact on file and one that is not', async () => {
    const practice = await createPortalPractice(app);
    const timeRequests = async (onFile: boolean) => {
      const durations: number[] = [];
      for (let round = 0; round < 7; round += 1) {
        const phone = uniquePhone();
        if (onFile) await addPatient(app, practice, { firstName: 'Tim', lastName: 'Ng', phone });
        const started = performance.now();
        const response = await register(practice, { channel: 'sms', phone });
        durations.push(performance.now() - started);
        expect(response.statusCode).toBe(202);
      }
      return durations.sort((a, b) => a - b)[3] ?? 0;
    };
    const knownMedian = await timeRequests(true);
    const unknownMedian = await timeRequests(false);
    expect(unknownMedian).toBeGreaterThan(knownMedian / 4);
    expect(unknownMedian).toBeLessThan(knownMedian * 4);
  });

  it('refuses a wrong code with 401 invalid_code, creating nothing', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    await register(practice, { channel: 'sms', phone });
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    const wrong = await verifyRegistration(practice, { channel: 'sms', phone }, code === '000000' ? '000001' : '000000');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('invalid_code');
    expect(wrong.cookies).toEqual([]);
    expect(await patientsWith(practice.practiceId, 'phone', phone)).toHaveLength(0);
  });

  it('refuses a code after its ten minutes, and the registration is gone with it', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    await register(practice, { channel: 'sms', phone });
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    clock.advanceMinutes(10);
    const late = await verifyRegistration(practice, { channel: 'sms', phone }, code);
    expect(late.statusCode).toBe(401);
    expect(late.json().code).toBe('invalid_code');
    // The next registration at the practice removes expired ones with their details.
    await register(practice, { channel: 'sms', phone: uniquePhone() });
    const left = await database.db.execute(
      sql`select 1 from portal_registrations where practice_id = ${practice.practiceId} and contact = ${phone}`,
    );
    expect(left.rows).toHaveLength(0);
  });

  it('accepts a code once only', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    await register(practice, { channel: 'sms', phone });
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    expect((await verifyRegistration(practice, { channel: 'sms', phone }, code)).json()).toEqual({ outcome: 'created' });
    const again = await verifyRegistration(practice, { channel: 'sms', phone }, code);
    expect(again.statusCode).toBe(401);
    expect(again.cookies).toEqual([]);
    expect(await patientsWith(practice.practiceId, 'phone', phone)).toHaveLength(1);
  });

  it('lets parallel checks of the right code create one profile only', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    await register(practice, { channel: 'sms', phone });
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    const answers = await Promise.all([1, 2, 3].map(() => verifyRegistration(practice, { channel: 'sms', phone }, code)));
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 401, 401]);
    expect(await patientsWith(practice.practiceId, 'phone', phone)).toHaveLength(1);
  });

  it('refuses even the right code after five wrong tries', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    await register(practice, { channel: 'sms', phone });
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    const wrong = code === '000000' ? '000001' : '000000';
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await verifyRegistration(practice, { channel: 'sms', phone }, wrong)).statusCode).toBe(401);
    }
    expect((await verifyRegistration(practice, { channel: 'sms', phone }, code)).statusCode).toBe(401);
    const failures = (await auditTrailOf(database, practice.practiceId)).filter((event) => event.action === 'portal.registration.verify');
    expect(failures.map((event) => event.details.reason)).toEqual([...Array(5).fill('wrong_code'), 'no_usable_code']);
    expect(await patientsWith(practice.practiceId, 'phone', phone)).toHaveLength(0);
  });

  it('makes Resend wait for the cooldown, then replaces the registration and its code', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    const address = freshAddress();
    await register(practice, { channel: 'sms', phone }, maya, address);
    const first = await lastCodeSentTo(database, practice.practiceId, phone);
    const early = await register(practice, { channel: 'sms', phone }, maya, address);
    expect(early.statusCode).toBe(429);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);
    expect(await messagesTo(database, practice.practiceId, phone)).toHaveLength(1);

    clock.advanceMinutes(1);
    expect((await register(practice, { channel: 'sms', phone }, { ...maya, firstName: 'Mayah' }, address)).statusCode).toBe(202);
    const second = await lastCodeSentTo(database, practice.practiceId, phone);
    if (second !== first) expect((await verifyRegistration(practice, { channel: 'sms', phone }, first)).statusCode).toBe(401);
    expect((await verifyRegistration(practice, { channel: 'sms', phone }, second)).json()).toEqual({ outcome: 'created' });
    expect((await patientsWith(practice.practiceId, 'phone', phone)).map((row) => row.first_name)).toEqual(['Mayah']);
  });

  it('counts registration codes in the same hourly limit per contact as sign-in codes', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    clock.set('2026-03-02T18:00:00Z');
    for (let send = 0; send < 3; send += 1) {
      expect((await register(practice, { channel: 'sms', phone })).statusCode).toBe(202);
      clock.advanceMinutes(1);
    }
    for (let send = 0; send < 2; send += 1) {
      const signIn = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/${practice.slug}/auth/code`,
        payload: { channel: 'sms', phone },
        remoteAddress: freshAddress(),
      });
      expect(signIn.statusCode).toBe(202);
      clock.advanceMinutes(1);
    }
    const sixth = await register(practice, { channel: 'sms', phone });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().code).toBe('too_many_requests');
  });

  it('limits registrations per client address, whatever the contacts', async () => {
    const practice = await createPortalPractice(app);
    const address = freshAddress();
    for (let send = 0; send < 8; send += 1) {
      expect((await register(practice, { channel: 'sms', phone: uniquePhone() }, maya, address)).statusCode).toBe(202);
    }
    expect((await register(practice, { channel: 'sms', phone: uniquePhone() }, maya, address)).statusCode).toBe(429);
    expect((await register(practice, { channel: 'sms', phone: uniquePhone() }, maya, freshAddress())).statusCode).toBe(202);
  });

  it('keeps the code out of its table, the staff message list and the audit trail', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    await register(practice, { channel: 'sms', phone });
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    await verifyRegistration(practice, { channel: 'sms', phone }, code === '999999' ? '999998' : '999999');
    await verifyRegistration(practice, { channel: 'sms', phone }, code);
    const stored = await database.db.execute(sql`select * from portal_registrations where practice_id = ${practice.practiceId}`);
    expect(stored.rows).toHaveLength(1);
    expect(JSON.stringify(stored.rows)).not.toContain(`"${code}"`);
    const [message] = await messagesTo(database, practice.practiceId, phone);
    const detail = await app.inject({ method: 'GET', url: `/api/v1/messages/${message?.id}`, headers: practice.owner.headers });
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toContain(code);
    const trail = await app.inject({ method: 'GET', url: '/api/v1/audit-events?limit=200', headers: practice.owner.headers });
    expect(trail.json().items.map((event: { action: string }) => event.action)).toEqual(
      expect.arrayContaining(['portal.registration.request', 'portal.registration.verify', 'patient.create']),
    );
    expect(trail.body).not.toContain(code);
  });

  it.each([
    ['no phone for the SMS channel', { ...maya, channel: 'sms', email: 'a@example.com' }, 'phone'],
    ['a malformed phone', { ...maya, channel: 'sms', phone: '555-0100' }, 'phone'],
    ['a malformed email', { ...maya, channel: 'email', email: 'not-an-email' }, 'email'],
    ['no first name', { ...maya, firstName: '  ', channel: 'sms', phone: '+12125550100' }, 'firstName'],
    ['no date of birth', { ...maya, dateOfBirth: undefined, channel: 'sms', phone: '+12125550100' }, 'dateOfBirth'],
    ['a date of birth in the future', { ...maya, dateOfBirth: '2199-01-01', channel: 'sms', phone: '+12125550100' }, 'dateOfBirth'],
    ['an unknown gender', { ...maya, gender: 'robot', channel: 'sms', phone: '+12125550100' }, 'gender'],
    [
      'an address without a city',
      { ...maya, address: { line1: '1 A St', region: 'NY', postalCode: '1' }, channel: 'sms', phone: '+12125550100' },
      'address.city',
    ],
    ['an unknown field', { ...maya, password: 'x', channel: 'sms', phone: '+12125550100' }, undefined],
  ])('refuses a registration with %s with 400 naming the field, sending nothing', async (_label, payload, field) => {
    const practice = await createPortalPractice(app);
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/${practice.slug}/auth/register`,
      payload,
      remoteAddress: freshAddress(),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    if (field) expect(response.json().field).toBe(field);
    const queued = await database.db.execute<{ count: number }>(
      sql`select count(*)::int as count from messages where practice_id = ${practice.practiceId}`,
    );
    expect(queued.rows[0]?.count).toBe(0);
  });

  it('answers an unknown portal address with 404 on both registration routes', async () => {
    for (const step of ['register', 'register/verify']) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/portal/no-such-clinic-here/auth/${step}`,
        payload: { channel: 'sms', phone: '+12125550100', ...(step === 'register' ? maya : { code: '123456' }) },
      });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found', field: 'slug' });
    }
  });
});

describe('the staff queue of portal registrations', () => {
  it('lists a queued registration with what was submitted and the profiles holding its phone, and counts it', async () => {
    const { practice, phone, existingId, registrationId } = await queuedRegistration();
    const count = await app.inject({ method: 'GET', url: '/api/v1/portal-registrations/count', headers: practice.owner.headers });
    expect(count.json()).toEqual({ count: 1 });
    const queue = await queueOf(practice);
    expect(queue.statusCode).toBe(200);
    expect(queue.json().items).toEqual([
      expect.objectContaining({
        id: registrationId,
        status: 'queued',
        channel: 'sms',
        contact: phone,
        details: expect.objectContaining({ firstName: 'Maya', lastName: 'Okafor', dateOfBirth: '1992-07-19', referralSource: 'Instagram' }),
        matches: [expect.objectContaining({ id: existingId, firstName: 'Ada', dateOfBirth: '1960-01-02' })],
      }),
    ]);
    const read = (await auditTrailOf(database, practice.practiceId)).find((event) => event.action === 'portal_registration.list');
    expect(read).toMatchObject({ actorType: 'staff', details: { registrationIds: [registrationId], patientIds: [existingId] } });
  });

  it('merges into the chosen profile, copying the chosen fields; the person then signs in with the phone', async () => {
    const { practice, phone, existingId, registrationId } = await queuedRegistration();
    const frontDesk = await practice.signInAs('front_desk');
    const merged = await app.inject({
      method: 'POST',
      url: `/api/v1/portal-registrations/${registrationId}/merge`,
      headers: frontDesk.headers,
      payload: { patientId: existingId, fields: ['firstName', 'dateOfBirth', 'address'] },
    });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toEqual({ id: registrationId, status: 'merged', patientId: existingId });
    const profile = (await app.inject({ method: 'GET', url: `/api/v1/patients/${existingId}`, headers: practice.owner.headers })).json();
    expect(profile).toMatchObject({ firstName: 'Maya', dateOfBirth: '1992-07-19', city: 'Brooklyn', gender: null, referralSource: null });
    expect((await queueOf(practice)).json().items).toEqual([]);

    await app.inject({
      method: 'POST',
      url: `/api/v1/portal/${practice.slug}/auth/code`,
      payload: { channel: 'sms', phone },
      remoteAddress: freshAddress(),
    });
    const code = await lastCodeSentTo(database, practice.practiceId, phone);
    const signedIn = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/${practice.slug}/auth/verify`,
      payload: { channel: 'sms', phone, code },
    });
    const me = await app.inject({ method: 'GET', url: '/api/v1/portal/me', headers: { cookie: patientCookieOf(signedIn) } });
    expect(me.json().patient.id).toBe(existingId);
    const trail = await auditTrailOf(database, practice.practiceId);
    expect(trail.find((event) => event.action === 'portal_registration.merge')).toMatchObject({
      actorType: 'staff',
      actorId: frontDesk.id,
      objectId: registrationId,
      details: { patientId: existingId },
    });
  });

  it('creates a separate client from the registration', async () => {
    const { practice, phone, registrationId } = await queuedRegistration();
    const created = await app.inject({
      method: 'POST',
      url: `/api/v1/portal-registrations/${registrationId}/create-client`,
      headers: practice.owner.headers,
    });
    expect(created.statusCode).toBe(200);
    const { patientId } = created.json();
    expect(created.json()).toMatchObject({ id: registrationId, status: 'created_by_staff' });
    const profile = (await app.inject({ method: 'GET', url: `/api/v1/patients/${patientId}`, headers: practice.owner.headers })).json();
    expect(profile).toMatchObject({ firstName: 'Maya', lastName: 'Okafor', phone, dateOfBirth: '1992-07-19', referralSource: 'Instagram' });
    expect(await patientsWith(practice.practiceId, 'phone', phone)).toHaveLength(2);
  });

  it('dismisses a registration, changing no profile', async () => {
    const { practice, phone, registrationId } = await queuedRegistration();
    const admin = await practice.signInAs('admin');
    const dismissed = await app.inject({
      method: 'POST',
      url: `/api/v1/portal-registrations/${registrationId}/dismiss`,
      headers: admin.headers,
    });
    expect(dismissed.json()).toEqual({ id: registrationId, status: 'dismissed', patientId: null });
    expect(await patientsWith(practice.practiceId, 'phone', phone)).toHaveLength(1);
    const count = await app.inject({ method: 'GET', url: '/api/v1/portal-registrations/count', headers: practice.owner.headers });
    expect(count.json()).toEqual({ count: 0 });
  });

  it('answers 409 to the second of two staff handling the same registration, at once or later', async () => {
    const { practice, existingId, registrationId } = await queuedRegistration();
    const frontDesk = await practice.signInAs('front_desk');
    const [merge, create] = await Promise.all([
      app.inject({
        method: 'POST',
        url: `/api/v1/portal-registrations/${registrationId}/merge`,
        headers: frontDesk.headers,
        payload: { patientId: existingId, fields: [] },
      }),
      app.inject({ method: 'POST', url: `/api/v1/portal-registrations/${registrationId}/create-client`, headers: practice.owner.headers }),
    ]);
    expect([merge.statusCode, create.statusCode].sort()).toEqual([200, 409]);
    const loser = merge.statusCode === 409 ? merge : create;
    expect(loser.headers['content-type']).toContain('application/problem+json');
    expect(loser.json().code).toBe('registration_already_handled');
    const late = await app.inject({
      method: 'POST',
      url: `/api/v1/portal-registrations/${registrationId}/dismiss`,
      headers: practice.owner.headers,
    });
    expect(late.statusCode).toBe(409);
    const rows = await database.db.execute<{ count: number }>(
      sql`select count(*)::int as count from patients where practice_id = ${practice.practiceId}`,
    );
    expect(rows.rows[0]?.count).toBe(create.statusCode === 200 ? 2 : 1);
  });

  it('lets neither a provider nor a patient handle the queue (403 / 401)', async () => {
    const { practice, registrationId } = await queuedRegistration();
    const provider = await practice.signInAs('provider');
    expect((await queueOf(practice, provider.headers)).statusCode).toBe(403);
    const dismiss = await app.inject({
      method: 'POST',
      url: `/api/v1/portal-registrations/${registrationId}/dismiss`,
      headers: provider.headers,
    });
    expect(dismiss.statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/v1/portal-registrations' })).statusCode).toBe(401);
    const newcomer = await registerAndVerify(practice, { channel: 'sms', phone: uniquePhone() });
    const asPatient = await app.inject({
      method: 'GET',
      url: '/api/v1/portal-registrations',
      headers: { cookie: patientCookieOf(newcomer) },
    });
    expect(asPatient.statusCode).toBe(401);
  });

  it("keeps another practice's queue apart: its staff see none of it and get 404 for its registrations", async () => {
    const { registrationId } = await queuedRegistration();
    const other = await createPortalPractice(app);
    expect((await queueOf(other)).json().items).toEqual([]);
    const dismiss = await app.inject({
      method: 'POST',
      url: `/api/v1/portal-registrations/${registrationId}/dismiss`,
      headers: other.owner.headers,
    });
    expect(dismiss.statusCode).toBe(404);
    expect(dismiss.json().field).toBe('registrationId');
  });

  it('refuses a merge into an unknown profile or with an unknown field with 4xx naming the field', async () => {
    const { practice, registrationId } = await queuedRegistration();
    const unknownProfile = await app.inject({
      method: 'POST',
      url: `/api/v1/portal-registrations/${registrationId}/merge`,
      headers: practice.owner.headers,
      payload: { patientId: '00000000-0000-4000-8000-000000000000', fields: [] },
    });
    expect(unknownProfile.statusCode).toBe(404);
    expect(unknownProfile.json().field).toBe('patientId');
    const badField = await app.inject({
      method: 'POST',
      url: `/api/v1/portal-registrations/${registrationId}/merge`,
      headers: practice.owner.headers,
      payload: { patientId: '00000000-0000-4000-8000-000000000000', fields: ['notes'] },
    });
    expect(badField.statusCode).toBe(400);
    expect(badField.json().field).toMatch(/^fields/);
    expect((await queueOf(practice)).json().items).toHaveLength(1);
  });
});
