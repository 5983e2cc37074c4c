import { describe, expect, it } from 'vitest';
import { createMessageDeliveryWorker, createMessageTransports } from '../notifications/index.ts';
import { startTestSmtpServer } from '../notifications/test-smtp-server.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import {
  addPatient,
  auditTrailOf,
  createPortalPractice,
  patientCookieOf,
  requestCode,
  signInPatient,
  uniquePatientEmail,
  uniquePhone,
  verifyCode,
} from './portal-test-support.ts';

const clock = createManualClock('2026-03-02T15:00:00Z');
const { app, database } = await createTestApp({ clock });

/** Replaces `:param` segments with a syntactically valid value. */
function concreteUrl(url: string): string {
  return url.replace(/:slug/g, 'demo').replace(/:[A-Za-z]+/g, '00000000-0000-4000-8000-000000000000');
}

const identify = (slug: string, cookie: string, payload: Record<string, string>) =>
  app.inject({ method: 'POST', url: `/api/v1/portal/${slug}/auth/identify`, headers: { cookie }, payload });
const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/v1/portal/me', headers: { cookie } });

describe('patient sessions', () => {
  it('ends a session after the idle timeout and keeps an active one until its absolute lifetime', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    await addPatient(app, practice, { firstName: 'Ivy', lastName: 'Chen', phone });
    const active = await signInPatient(app, practice, { channel: 'sms', phone });
    const idle = await signInPatient(app, practice, { channel: 'email', email: await emailPatient(practice) });

    // Active every ten minutes: alive for four hours, gone at the fifth.
    for (let step = 0; step < 23; step += 1) {
      clock.advanceMinutes(10);
      expect((await me(active.cookie)).statusCode).toBe(200);
      if (step === 1) expect((await me(idle.cookie)).statusCode).toBe(401);
    }
    clock.advanceMinutes(10);
    const expired = await me(active.cookie);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('unauthenticated');
  });

  it('idles out only once the idle timeout has passed since the last request, though activity is written once a minute', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    await addPatient(app, practice, { firstName: 'Ivy', lastName: 'Chen', phone });
    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
    clock.set(new Date(clock.now().getTime() + 50_000));
    expect((await me(cookie)).statusCode).toBe(200);
    clock.set(new Date(clock.now().getTime() + 15 * 60_000 - 1_000));
    expect((await me(cookie)).statusCode).toBe(200);
    clock.set(new Date(clock.now().getTime() + 15 * 60_000 + 61_000));
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('ends the session on logout', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    const patientId = await addPatient(app, practice, { firstName: 'Ivy', lastName: 'Chen', phone });
    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
    const out = await app.inject({ method: 'POST', url: `/api/v1/portal/${practice.slug}/auth/logout`, headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((candidate) => candidate.name === 'glowdesk_patient_session')?.value).toBe('');
    expect((await me(cookie)).statusCode).toBe(401);
    const trail = await auditTrailOf(database, practice.practiceId);
    expect(trail).toContainEqual(expect.objectContaining({ action: 'portal.logout', actorType: 'patient', actorId: patientId }));
  });

  it("names the session's practice (name, portal address, zone) in /me, so a portal at another address can tell it is not its own", async () => {
    const practice = await createPortalPractice(app);
    const other = await createPortalPractice(app);
    const phone = uniquePhone();
    await addPatient(app, practice, { firstName: 'Ivy', lastName: 'Chen', phone });
    await addPatient(app, other, { firstName: 'Ivy', lastName: 'Chen', phone });
    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
    const settings = await app.inject({ method: 'GET', url: '/api/v1/practice-settings', headers: practice.owner.headers });

    const answer = await me(cookie);
    expect(answer.statusCode).toBe(200);
    expect(answer.json().practice).toEqual({ name: settings.json().name, slug: practice.slug, timezone: 'America/New_York' });
    expect(answer.json().practice.slug).not.toBe(other.slug);
  });

  it('audits every read of the profile with the patient as actor', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    const patientId = await addPatient(app, practice, { firstName: 'Ivy', lastName: 'Chen', phone });
    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
    await me(cookie);
    await me(cookie);
    const reads = (await auditTrailOf(database, practice.practiceId)).filter((event) => event.action === 'patient.read');
    expect(reads).toEqual([
      expect.objectContaining({ actorType: 'patient', actorId: patientId, objectId: patientId, details: { via: 'portal' } }),
      expect.objectContaining({ actorType: 'patient', actorId: patientId, objectId: patientId }),
    ]);
  });

  async function emailPatient(practice: Awaited<ReturnType<typeof createPortalPractice>>): Promise<string> {
    const email = uniquePatientEmail();
    await addPatient(app, practice, { firstName: 'Leo', lastName: 'Park', email });
    return email;
  }
});

describe('the patient and staff realms', () => {
  it('opens no portal route with a staff session cookie', async () => {
    const practice = await createPortalPractice(app);
    const portalRoutes = app.routeCatalog.filter((route) => route.access !== 'public' && 'patient' in route.access);
    expect(portalRoutes.length).toBeGreaterThanOrEqual(3);
    for (const route of portalRoutes) {
      const response = await app.inject({
        method: route.method as 'GET',
        url: concreteUrl(route.url).replace('/demo/', `/${practice.slug}/`),
        headers: practice.owner.headers,
        payload: route.hasBody ? {} : undefined,
      });
      expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({
        route: `${route.method} ${route.url}`,
        status: 401,
      });
    }
  });

  it('opens no staff route with a patient session cookie, even under the staff cookie name', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    await addPatient(app, practice, { firstName: 'Ivy', lastName: 'Chen', phone });
    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
    const token = cookie.split('=')[1] ?? '';
    const staffRoutes = app.routeCatalog.filter((route) => route.access !== 'public' && 'staff' in route.access);
    expect(staffRoutes.length).toBeGreaterThan(20);
    for (const headers of [{ cookie }, { cookie: `glowdesk_session=${token}` }]) {
      for (const route of staffRoutes) {
        const response = await app.inject({
          method: route.method as 'GET',
          url: concreteUrl(route.url),
          headers,
          payload: route.method === 'GET' || route.method === 'DELETE' ? undefined : {},
        });
        expect({ route: `${route.method} ${route.url}`, status: response.statusCode }).toEqual({
          route: `${route.method} ${route.url}`,
          status: 401,
        });
      }
    }
    expect((await me(cookie)).statusCode).toBe(200);
  });

  it('does not take a staff token under the patient cookie name', async () => {
    const practice = await createPortalPractice(app);
    const staffToken = practice.owner.cookie.split('=')[1] ?? '';
    expect((await me(`glowdesk_patient_session=${staffToken}`)).statusCode).toBe(401);
  });

  it('lets a session of one practice sign out only at its own portal address', async () => {
    const practice = await createPortalPractice(app);
    const other = await createPortalPractice(app);
    const phone = uniquePhone();
    await addPatient(app, practice, { firstName: 'Ivy', lastName: 'Chen', phone });
    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
    const elsewhere = await app.inject({ method: 'POST', url: `/api/v1/portal/${other.slug}/auth/logout`, headers: { cookie } });
    expect(elsewhere.statusCode).toBe(404);
    expect((await me(cookie)).statusCode).toBe(200);
  });
});

describe('several profiles sharing one phone (decision 015)', () => {
  async function family() {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    const mother = await addPatient(app, practice, { firstName: 'Maria', lastName: 'Lopez', phone, dateOfBirth: '1980-01-15' });
    const son = await addPatient(app, practice, { firstName: 'Diego', lastName: 'Lopez-Ruiz', phone, dateOfBirth: '2008-07-01' });
    return { practice, phone, mother, son };
  }

  it('asks for date of birth and last name after the code, then opens only the matching profile', async () => {
    const { practice, phone, son } = await family();
    const signedIn = await signInPatient(app, practice, { channel: 'sms', phone });
    expect(signedIn.needsIdentity).toBe(true);
    const waiting = await me(signedIn.cookie);
    expect(waiting.statusCode).toBe(401);
    expect(waiting.json().code).toBe('identity_required');

    const opened = await identify(practice.slug, signedIn.cookie, { dateOfBirth: '2008-07-01', lastName: 'lopez ruiz' });
    expect(opened.statusCode).toBe(200);
    expect(opened.json()).toEqual({ needsIdentity: false });
    const cookie = patientCookieOf(opened);
    expect(cookie).not.toBe(signedIn.cookie);
    expect((await me(signedIn.cookie)).statusCode).toBe(401);
    const profile = await me(cookie);
    expect(profile.json().patient).toMatchObject({ id: son, firstName: 'Diego' });
  });

  it('answers a wrong date of birth or last name with 401 that names nobody, and ends the session after five', async () => {
    const { practice, phone } = await family();
    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const wrong = await identify(practice.slug, cookie, { dateOfBirth: '1980-01-15', lastName: 'Smith' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json().code).toBe('identity_mismatch');
      expect(wrong.body).not.toMatch(/Maria|Diego|Lopez/);
    }
    const fifth = await identify(practice.slug, cookie, { dateOfBirth: '1980-01-16', lastName: 'Lopez' });
    expect(fifth.statusCode).toBe(401);
    const afterwards = await identify(practice.slug, cookie, { dateOfBirth: '1980-01-15', lastName: 'Lopez' });
    expect(afterwards.statusCode).toBe(401);
    expect(afterwards.json().code).toBe('unauthenticated');
  });

  it('asks for the first name only when two profiles share the phone, date of birth and last name (twins)', async () => {
    const practice = await createPortalPractice(app);
    const email = uniquePatientEmail();
    await addPatient(app, practice, { firstName: 'Ella', lastName: 'Moss', email, dateOfBirth: '2012-05-05' });
    const emma = await addPatient(app, practice, { firstName: 'Emma', lastName: 'Moss', email, dateOfBirth: '2012-05-05' });
    const { cookie, needsIdentity } = await signInPatient(app, practice, { channel: 'email', email });
    expect(needsIdentity).toBe(true);
    const ambiguous = await identify(practice.slug, cookie, { dateOfBirth: '2012-05-05', lastName: 'Moss' });
    expect(ambiguous.statusCode).toBe(401);
    expect(ambiguous.json().code).toBe('first_name_required');
    expect(ambiguous.body).not.toMatch(/Ella|Emma/);
    const opened = await identify(practice.slug, cookie, { dateOfBirth: '2012-05-05', lastName: 'Moss', firstName: 'emma' });
    expect(opened.statusCode).toBe(200);
    expect((await me(patientCookieOf(opened))).json().patient.id).toBe(emma);
  });

  it('gives a waiting session ten minutes to identify', async () => {
    const { practice, phone } = await family();
    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
    clock.advanceMinutes(11);
    expect((await identify(practice.slug, cookie, { dateOfBirth: '1980-01-15', lastName: 'Lopez' })).statusCode).toBe(401);
  });

  it('refuses identify without a signed-in contact, and with bad input names the field', async () => {
    const { practice, phone } = await family();
    expect(
      (await identify(practice.slug, 'glowdesk_patient_session=nothing', { dateOfBirth: '1980-01-15', lastName: 'Lopez' })).statusCode,
    ).toBe(401);
    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
    const bad = await identify(practice.slug, cookie, { dateOfBirth: '15/01/1980', lastName: 'Lopez' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('dateOfBirth');
  });
});

describe('email codes with SMTP_URL set', () => {
  it('delivers the sign-in code by SMTP, and the patient signs in with it', async () => {
    const smtp = await startTestSmtpServer();
    const practice = await createPortalPractice(app);
    const email = uniquePatientEmail();
    const patientId = await addPatient(app, practice, { firstName: 'Nora', lastName: 'Hale', email });
    const transports = createMessageTransports({ smtp: { url: smtp.url, from: 'Glow Clinic <hello@glow.test>' }, twilio: undefined });
    const worker = createMessageDeliveryWorker({ database, transports, clock, onlyPractices: [practice.practiceId] });
    try {
      expect((await requestCode(app, practice.slug, { channel: 'email', email })).statusCode).toBe(202);
      await worker.deliverDueMessages();
      const [received] = await smtp.waitForMessages(1);
      expect(received?.envelopeTo).toEqual([email]);
      const code = received?.parsed?.text?.match(/\b\d{6}\b/)?.[0] ?? '';
      expect(received?.parsed?.subject).toMatch(/sign-in code/);
      const verified = await verifyCode(app, practice.slug, { channel: 'email', email }, code);
      expect(verified.statusCode).toBe(200);
      expect((await me(patientCookieOf(verified))).json().patient.id).toBe(patientId);
    } finally {
      await worker.stop();
      await smtp.stop();
    }
  });
});
