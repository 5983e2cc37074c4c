import type { PortalProfile } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import {
  addPatient,
  auditTrailOf,
  createPortalPractice,
  lastCodeSentTo,
  messagesTo,
  signInPatient,
  uniquePatientEmail,
  uniquePhone,
} from './portal-test-support.ts';

const clock = createManualClock('2026-03-02T15:00:00Z');
const { app, database } = await createTestApp({ clock });

const readProfile = (cookie: string) => app.inject({ method: 'GET', url: '/api/v1/portal/profile', headers: { cookie } });
const patchProfile = (cookie: string, payload: unknown, ifMatch?: string) =>
  app.inject({
    method: 'PATCH',
    url: '/api/v1/portal/profile',
    headers: { cookie, ...(ifMatch ? { 'if-match': ifMatch } : {}) },
    payload: payload as object,
  });
const askCode = (cookie: string, payload: unknown, remoteAddress = '127.0.0.1') =>
  app.inject({
    method: 'POST',
    url: '/api/v1/portal/profile/contact-code',
    headers: { cookie },
    payload: payload as object,
    remoteAddress,
  });
const verify = (cookie: string, payload: unknown) =>
  app.inject({ method: 'POST', url: '/api/v1/portal/profile/contact-verify', headers: { cookie }, payload: payload as object });

/** Rosa Diaz, signed in by phone, with an email and an address on file. */
async function arrange() {
  clock.advanceMinutes(120);
  const practice = await createPortalPractice(app);
  const phone = uniquePhone();
  const email = uniquePatientEmail();
  const patientId = await addPatient(app, practice, { firstName: 'Rosa', lastName: 'Diaz', phone, email, dateOfBirth: '1988-04-12' });
  const staffEdit = await app.inject({
    method: 'PATCH',
    url: `/api/v1/patients/${patientId}`,
    headers: practice.owner.headers,
    payload: { addressLine1: '12 Elm St', city: 'Brooklyn', region: 'NY', postalCode: '11201', country: 'US' },
  });
  expect(staffEdit.statusCode, staffEdit.body).toBe(200);
  const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
  return { practice, phone, email, patientId, cookie };
}

describe('the portal profile', () => {
  it('shows name, date of birth, phone, email, address and preferences of the signed-in patient, audited as their read', async () => {
    const { practice, phone, email, patientId, cookie } = await arrange();
    const response = await readProfile(cookie);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers.etag).toBe('"2"');
    expect(response.json<PortalProfile>()).toEqual({
      id: patientId,
      firstName: 'Rosa',
      lastName: 'Diaz',
      dateOfBirth: '1988-04-12',
      phone,
      email,
      address: { line1: '12 Elm St', line2: null, city: 'Brooklyn', region: 'NY', postalCode: '11201', country: 'US' },
      preferences: { preferredChannel: 'email', marketingConsent: false },
      version: 2,
    });
    const reads = (await auditTrailOf(database, practice.practiceId)).filter(
      (row) => row.action === 'patient.read' && row.actorType === 'patient',
    );
    expect(reads.at(-1)).toMatchObject({ actorId: patientId, objectId: patientId, details: { via: 'portal' } });
    expect((await app.inject({ method: 'GET', url: '/api/v1/portal/profile' })).statusCode).toBe(401);
  });

  it('saves the address and preferences directly, audited with field names only', async () => {
    const { practice, patientId, cookie } = await arrange();
    const saved = await patchProfile(
      cookie,
      {
        address: { line1: '40 Pine Ave', line2: 'Apt 3', postalCode: '11215' },
        preferences: { preferredChannel: 'sms', marketingConsent: true },
      },
      '"2"',
    );
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"3"');
    expect(saved.json<PortalProfile>()).toMatchObject({
      address: { line1: '40 Pine Ave', line2: 'Apt 3', city: 'Brooklyn', postalCode: '11215' },
      preferences: { preferredChannel: 'sms', marketingConsent: true },
      version: 3,
    });
    const staffView = await app.inject({ method: 'GET', url: `/api/v1/patients/${patientId}`, headers: practice.owner.headers });
    expect(staffView.json()).toMatchObject({ addressLine1: '40 Pine Ave', preferredChannel: 'sms', marketingConsent: true });
    expect(staffView.json().marketingConsentAt).toBe(clock.now().toISOString());
    const update = (await auditTrailOf(database, practice.practiceId)).find(
      (row) => row.action === 'patient.update' && row.actorType === 'patient',
    );
    expect(update).toMatchObject({ actorId: patientId, objectId: patientId, details: { via: 'portal' } });
    expect(update?.details.changedFields).toEqual(
      expect.arrayContaining(['addressLine1', 'addressLine2', 'postalCode', 'preferredChannel', 'marketingConsent']),
    );
    expect(JSON.stringify(update)).not.toContain('Pine');

    // Clearing a line with an empty string.
    const cleared = await patchProfile(cookie, { address: { line2: '' } });
    expect(cleared.json<PortalProfile>().address.line2).toBeNull();
  });

  it('refuses a change over a staff edit made since the page loaded (412), and keeps the staff edit', async () => {
    const { practice, patientId, cookie } = await arrange();
    const staffEdit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/patients/${patientId}`,
      headers: { ...practice.owner.headers, 'if-match': '"2"' },
      payload: { city: 'Queens' },
    });
    expect(staffEdit.statusCode).toBe(200);
    const stale = await patchProfile(cookie, { address: { city: 'Manhattan' } }, '"2"');
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'stale_version' });
    expect((await readProfile(cookie)).json<PortalProfile>().address.city).toBe('Queens');
  });

  it('refuses a phone or email in the direct edit, bad input naming the field, and texts without a phone', async () => {
    const { practice, cookie } = await arrange();
    const withPhone = await patchProfile(cookie, { phone: '+12125550100' });
    expect(withPhone.statusCode).toBe(400);
    const badCountry = await patchProfile(cookie, { address: { country: 'USA' } });
    expect(badCountry.statusCode).toBe(400);
    expect(JSON.stringify(badCountry.json())).toContain('country');
    expect((await patchProfile(cookie, {})).statusCode).toBe(400);
    expect((await patchProfile(cookie, { preferences: { marketingConsent: true } }, 'nonsense')).statusCode).toBe(400);

    // A patient with only an email cannot choose texts.
    const email = uniquePatientEmail();
    await addPatient(app, practice, { firstName: 'Ana', lastName: 'Ruiz', email });
    const ana = await signInPatient(app, practice, { channel: 'email', email });
    const texts = await patchProfile(ana.cookie, { preferences: { preferredChannel: 'sms' } });
    expect(texts.statusCode).toBe(400);
    expect(texts.json()).toMatchObject({ code: 'no_phone_on_file' });
  });

  it('changes the email only after the code sent to the new address comes back', async () => {
    const { practice, email, patientId, cookie } = await arrange();
    const newEmail = uniquePatientEmail();
    const asked = await askCode(cookie, { channel: 'email', email: newEmail.toUpperCase() });
    expect(asked.statusCode, asked.body).toBe(202);
    expect(asked.json()).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 600 });
    // Nothing changed yet; the old address got nothing.
    expect((await readProfile(cookie)).json<PortalProfile>().email).toBe(email);
    expect(await messagesTo(database, practice.practiceId, email)).toEqual([]);
    const code = await lastCodeSentTo(database, practice.practiceId, newEmail);

    const changed = await verify(cookie, { channel: 'email', email: newEmail, code });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<PortalProfile>().email).toBe(newEmail);
    expect(changed.headers.etag).toBe('"3"');
    // The code works once.
    expect((await verify(cookie, { channel: 'email', email: newEmail, code })).json()).toMatchObject({ code: 'invalid_code' });

    const trail = await auditTrailOf(database, practice.practiceId);
    expect(trail.find((row) => row.action === 'portal.contact_code.request')).toMatchObject({
      actorType: 'patient',
      actorId: patientId,
      objectId: patientId,
      details: { channel: 'email' },
    });
    expect(trail.find((row) => row.action === 'portal.contact_change' && row.outcome === 'success')).toMatchObject({
      actorId: patientId,
      details: { channel: 'email', changedFields: ['email'] },
    });
    expect(JSON.stringify(trail)).not.toContain(code);
    expect(JSON.stringify(trail)).not.toContain(newEmail);

    // The staff message list shows that a code went out, never the code.
    const staffMessages = await app.inject({
      method: 'GET',
      url: `/api/v1/messages?patientId=${patientId}`,
      headers: practice.owner.headers,
    });
    expect(staffMessages.statusCode).toBe(200);
    expect(staffMessages.json().items.map((item: { templateKey: string }) => item.templateKey)).toContain('portal_contact_code');
    expect(staffMessages.body).not.toContain(code);
    // Nor the patient's Notifications.
    const notifications = await app.inject({ method: 'GET', url: '/api/v1/portal/notifications', headers: { cookie } });
    expect(notifications.body).not.toContain(code);
  });

  it('refuses a wrong code with 400 invalid_code and changes nothing; the fifth try spends the code', async () => {
    const { practice, phone, cookie } = await arrange();
    const newPhone = uniquePhone();
    expect((await askCode(cookie, { channel: 'sms', phone: newPhone })).statusCode).toBe(202);
    const code = await lastCodeSentTo(database, practice.practiceId, newPhone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const refused = await verify(cookie, { channel: 'sms', phone: newPhone, code: wrong });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'invalid_code' });
    }
    expect((await verify(cookie, { channel: 'sms', phone: newPhone, code })).json()).toMatchObject({ code: 'invalid_code' });
    expect((await readProfile(cookie)).json<PortalProfile>().phone).toBe(phone);
    const failures = (await auditTrailOf(database, practice.practiceId)).filter(
      (row) => row.action === 'portal.contact_change' && row.outcome === 'failure',
    );
    expect(failures).toHaveLength(6);
  });

  it('takes a code only for the contact it was sent to, and not after ten minutes', async () => {
    const { practice, phone, cookie } = await arrange();
    const newPhone = uniquePhone();
    await askCode(cookie, { channel: 'sms', phone: newPhone });
    const code = await lastCodeSentTo(database, practice.practiceId, newPhone);
    expect((await verify(cookie, { channel: 'sms', phone: uniquePhone(), code })).statusCode).toBe(400);
    // Nor does it sign anybody in at the sign-in page.
    const signIn = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/${practice.slug}/auth/verify`,
      payload: { channel: 'sms', phone: newPhone, code },
    });
    expect(signIn.statusCode).toBe(401);
    clock.advanceMinutes(11);
    expect((await verify(cookie, { channel: 'sms', phone: newPhone, code })).json()).toMatchObject({ code: 'invalid_code' });
    expect((await readProfile(cookie)).json<PortalProfile>().phone).toBe(phone);
  });

  it('holds Resend for its cooldown, limits sends per contact per hour, and refuses the contact already on file', async () => {
    const { phone, cookie } = await arrange();
    const newPhone = uniquePhone();
    expect((await askCode(cookie, { channel: 'sms', phone: newPhone })).statusCode).toBe(202);
    const early = await askCode(cookie, { channel: 'sms', phone: newPhone });
    expect(early.statusCode).toBe(429);
    expect(early.headers['retry-after']).toBeDefined();
    for (let send = 2; send <= 5; send += 1) {
      clock.set(new Date(clock.now().getTime() + 61_000));
      expect((await askCode(cookie, { channel: 'sms', phone: newPhone })).statusCode).toBe(202);
    }
    clock.set(new Date(clock.now().getTime() + 61_000));
    expect((await askCode(cookie, { channel: 'sms', phone: newPhone })).statusCode).toBe(429);

    const same = await askCode(cookie, { channel: 'sms', phone });
    expect(same.statusCode).toBe(400);
    expect(same.json()).toMatchObject({ code: 'contact_unchanged' });
    const malformed = await askCode(cookie, { channel: 'sms', phone: '555-0100' });
    expect(malformed.statusCode).toBe(400);
    expect(JSON.stringify(malformed.json())).toContain('phone');
  });

  it('allows a phone another profile has on file (a family shares it), without saying so', async () => {
    const { practice, cookie } = await arrange();
    const familyPhone = uniquePhone();
    await addPatient(app, practice, { firstName: 'Luis', lastName: 'Diaz', phone: familyPhone });
    const asked = await askCode(cookie, { channel: 'sms', phone: familyPhone });
    expect(asked.statusCode).toBe(202);
    const code = await lastCodeSentTo(database, practice.practiceId, familyPhone);
    const changed = await verify(cookie, { channel: 'sms', phone: familyPhone, code });
    expect(changed.statusCode).toBe(200);
    expect(changed.json<PortalProfile>().phone).toBe(familyPhone);
  });
});
