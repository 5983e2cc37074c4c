import type { PatientPortalAccess } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { createBookablePractice } from '../appointments/appointments-test-builders.ts';
import { addPatient, auditTrailOf, createPortalPractice, signInPatient, uniquePatientEmail, uniquePhone } from './portal-test-support.ts';

const clock = createManualClock('2026-03-02T15:00:00Z');
const { app, database } = await createTestApp({ clock });

const portalAccess = (patientId: string, headers: Record<string, string>) =>
  app.inject({ method: 'GET', url: `/api/v1/patients/${patientId}/portal-access`, headers });

describe("the client profile's portal access", () => {
  it('says a client never signed in, lists the contacts a code can go to and the portal address, and audits the read', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    const email = uniquePatientEmail();
    const patientId = await addPatient(app, practice, { firstName: 'Ivy', lastName: 'Chen', phone, email });
    const frontDesk = await practice.signInAs('front_desk');

    const response = await portalAccess(patientId, frontDesk.headers);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({
      hasSignedIn: false,
      firstSignedInAt: null,
      lastSignedInAt: null,
      signInCount: 0,
      activeSessions: 0,
      signInContacts: [
        { channel: 'sms', address: phone },
        { channel: 'email', address: email },
      ],
      portalPath: `/portal/${practice.slug}`,
    });
    const trail = await auditTrailOf(database, practice.practiceId);
    expect(trail).toContainEqual(
      expect.objectContaining({ action: 'patient.portal_access.read', actorType: 'staff', actorId: frontDesk.id, objectId: patientId }),
    );
  });

  it('keeps the first and last sign-in and counts only the sessions still open (not signed out, expired or idle)', async () => {
    clock.set('2026-03-02T15:00:00Z');
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    const email = uniquePatientEmail();
    const patientId = await addPatient(app, practice, { firstName: 'Ivy', lastName: 'Chen', phone, email });
    await signInPatient(app, practice, { channel: 'sms', phone });
    clock.set('2026-03-02T16:30:00Z');
    const second = await signInPatient(app, practice, { channel: 'email', email });
    // The owner's staff session idled out meanwhile.
    const frontDesk = await practice.signInAs('front_desk');

    const both = (await portalAccess(patientId, frontDesk.headers)).json<PatientPortalAccess>();
    expect(both).toMatchObject({
      hasSignedIn: true,
      firstSignedInAt: '2026-03-02T15:00:00.000Z',
      lastSignedInAt: '2026-03-02T16:30:00.000Z',
      signInCount: 2,
      // The first one idled out (15 minutes without a request).
      activeSessions: 1,
    });

    const out = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/${practice.slug}/auth/logout`,
      headers: { cookie: second.cookie },
    });
    expect(out.statusCode).toBe(204);
    const afterLogout = (await portalAccess(patientId, frontDesk.headers)).json<PatientPortalAccess>();
    expect(afterLogout).toMatchObject({ hasSignedIn: true, lastSignedInAt: '2026-03-02T16:30:00.000Z', activeSessions: 0 });
  });

  it('counts a sign-in for the profile a shared phone opened with its date of birth and last name, not for the other', async () => {
    clock.set('2026-03-02T15:00:00Z');
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    const mother = await addPatient(app, practice, { firstName: 'Ana', lastName: 'Silva', phone, dateOfBirth: '1970-01-02' });
    const daughter = await addPatient(app, practice, { firstName: 'Bea', lastName: 'Silva', phone, dateOfBirth: '2001-05-06' });
    const waiting = await signInPatient(app, practice, { channel: 'sms', phone });
    expect(waiting.needsIdentity).toBe(true);
    // Proving the phone alone opens no profile.
    expect((await portalAccess(daughter, practice.owner.headers)).json()).toMatchObject({ hasSignedIn: false, activeSessions: 0 });

    const identified = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/${practice.slug}/auth/identify`,
      headers: { cookie: waiting.cookie },
      payload: { dateOfBirth: '2001-05-06', lastName: 'silva' },
    });
    expect(identified.statusCode, identified.body).toBe(200);
    expect((await portalAccess(daughter, practice.owner.headers)).json()).toMatchObject({
      hasSignedIn: true,
      lastSignedInAt: '2026-03-02T15:00:00.000Z',
      signInCount: 1,
      activeSessions: 1,
    });
    expect((await portalAccess(mother, practice.owner.headers)).json()).toMatchObject({ hasSignedIn: false, activeSessions: 0 });
  });

  it('answers 404 for a client of another practice, 403 to a provider limited to their own clients, 401 to a patient session', async () => {
    const practice = await createPortalPractice(app);
    const phone = uniquePhone();
    const patientId = await addPatient(app, practice, { firstName: 'Ivy', lastName: 'Chen', phone });
    const other = await createPortalPractice(app);
    const foreign = await portalAccess(patientId, other.owner.headers);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ field: 'patientId' });

    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
    expect((await portalAccess(patientId, { cookie })).statusCode).toBe(401);
    expect((await portalAccess(patientId, {})).statusCode).toBe(401);
    const malformed = await portalAccess('not-an-id', practice.owner.headers);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ field: 'patientId' });

    const setup = await createBookablePractice(app);
    const limited = await app.inject({
      method: 'PATCH',
      url: '/api/v1/practice-settings',
      headers: setup.practice.owner.headers,
      payload: { providersManageAllAppointments: false },
    });
    expect(limited.statusCode, limited.body).toBe(200);
    const provider = await setup.practice.signInAs('provider');
    const refused = await portalAccess(setup.patientId, provider.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'not_your_client' });
    const unread = (await auditTrailOf(database, setup.practice.practiceId)).filter(
      (event) => event.action === 'patient.portal_access.read',
    );
    expect(unread).toEqual([]);
  });
});
