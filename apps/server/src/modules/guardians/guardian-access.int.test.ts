import type { GuardianGrant, PatientGuardians, PortalMe, PortalPaperworkList, PortalProfileChoices } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { attachPaperwork, createQuestionnaire } from '../paperwork/paperwork-test-builders.ts';
import { addPatient, auditTrailOf, createPortalWithPatient, signInPatient, uniquePhone } from '../portal/portal-test-support.ts';

const clock = createManualClock('2026-03-05T12:00:00Z');
const { app, database } = await createTestApp({ clock });

type Headers = Record<string, string>;

const guardiansOf = (headers: Headers, patientId: string) =>
  app.inject({ method: 'GET', url: `/api/v1/patients/${patientId}/guardians`, headers });
const grant = (headers: Headers, patientId: string, guardianPatientId: string) =>
  app.inject({ method: 'POST', url: `/api/v1/patients/${patientId}/guardians`, headers, payload: { guardianPatientId } });
const revoke = (headers: Headers, patientId: string, grantId: string) =>
  app.inject({ method: 'DELETE', url: `/api/v1/patients/${patientId}/guardians/${grantId}`, headers });

const portalGet = (cookie: string, url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
const switchTo = (cookie: string, patientId: string) =>
  app.inject({ method: 'POST', url: `/api/v1/portal/profiles/${patientId}/switch`, headers: { cookie } });

/**
 * Rosa Diaz (the guardian, signed in by phone) and her daughter Emma, who has a consultation
 * next Tuesday that forwards a questionnaire. Rosa has a visit of her own on Monday.
 */
async function arrange() {
  clock.set('2026-03-05T12:00:00Z');
  const { setup, portalPractice, phone, patientId: rosaId } = await createPortalWithPatient(app);
  const emmaId = await addPatient(app, setup.practice, {
    firstName: 'Emma',
    lastName: 'Diaz',
    phone: uniquePhone(),
    dateOfBirth: '2012-06-01',
  });
  const questionnaire = await createQuestionnaire(app, setup.practice);
  await attachPaperwork(app, setup.practice, setup.consultation.id, [questionnaire.id]);
  const emmaVisit = await book(app, setup, { patientId: emmaId, start: '2026-03-10T15:00:00Z', serviceIds: [setup.consultation.id] });
  expect(emmaVisit.statusCode, emmaVisit.body).toBe(201);
  const rosaVisit = await book(app, setup, { patientId: rosaId, start: '2026-03-09T15:00:00Z', serviceIds: [setup.laserTreatment.id] });
  expect(rosaVisit.statusCode, rosaVisit.body).toBe(201);
  const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
  return {
    setup,
    owner: setup.practice.owner.headers,
    rosaId,
    emmaId,
    emmaAppointmentId: emmaVisit.json<{ id: string }>().id,
    rosaAppointmentId: rosaVisit.json<{ id: string }>().id,
    cookie,
  };
}

const appointmentIds = async (cookie: string) => {
  const response = await portalGet(cookie, '/api/v1/portal/appointments');
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: { id: string }[] }>().items.map((item) => item.id);
};

const paperworkCount = async (cookie: string) => {
  const response = await portalGet(cookie, '/api/v1/portal/paperwork');
  expect(response.statusCode, response.body).toBe(200);
  const body = response.json<PortalPaperworkList>();
  return body.consents.length + body.questionnaires.length + body.instructions.length;
};

describe('guardian access', () => {
  it('lets front desk grant, list and revoke; the dependant’s profile shows who granted and revoked, all audited', async () => {
    const { setup, owner, rosaId, emmaId } = await arrange();
    const frontDesk = await setup.practice.signInAs('front_desk', { displayName: 'Fran Desk' });
    const granted = await grant(frontDesk.headers, emmaId, rosaId);
    expect(granted.statusCode, granted.body).toBe(201);
    const grantBody = granted.json<GuardianGrant>();
    expect(grantBody).toMatchObject({
      guardian: { id: rosaId, firstName: 'Rosa', lastName: 'Diaz' },
      dependant: { id: emmaId, firstName: 'Emma' },
      grantedAt: clock.now().toISOString(),
      grantedBy: { displayName: 'Fran Desk' },
      revokedAt: null,
      revokedBy: null,
    });

    const emmaSide = (await guardiansOf(owner, emmaId)).json<PatientGuardians>();
    expect(emmaSide.guardians.map((item) => item.id)).toEqual([grantBody.id]);
    expect(emmaSide.dependants).toEqual([]);
    const rosaSide = (await guardiansOf(owner, rosaId)).json<PatientGuardians>();
    expect(rosaSide.dependants.map((item) => item.dependant.id)).toEqual([emmaId]);

    clock.advanceMinutes(5);
    const revoked = await revoke(frontDesk.headers, emmaId, grantBody.id);
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json<GuardianGrant>()).toMatchObject({ revokedAt: clock.now().toISOString(), revokedBy: { displayName: 'Fran Desk' } });
    const history = (await guardiansOf(owner, emmaId)).json<PatientGuardians>();
    expect(history.guardians).toHaveLength(1);
    expect(history.guardians[0]?.revokedAt).not.toBeNull();
    expect((await guardiansOf(owner, rosaId)).json<PatientGuardians>().dependants).toEqual([]);

    const trail = await auditTrailOf(database, setup.practice.practiceId);
    expect(trail.find((row) => row.action === 'patient.guardian_grant')).toMatchObject({
      actorType: 'staff',
      actorId: frontDesk.id,
      objectId: emmaId,
      details: { grantId: grantBody.id, guardianId: rosaId },
    });
    expect(trail.find((row) => row.action === 'patient.guardian_revoke')).toMatchObject({
      objectId: emmaId,
      details: { grantId: grantBody.id },
    });
    expect(trail.filter((row) => row.action === 'patient.guardians_read')).toHaveLength(4);
  });

  it('refuses providers to grant or revoke (403), a second live grant (409), a client as their own guardian (400) and unknown clients (404)', async () => {
    const { setup, owner, rosaId, emmaId } = await arrange();
    const provider = await setup.practice.signInAs('provider');
    expect((await grant(provider.headers, emmaId, rosaId)).statusCode).toBe(403);
    const admin = await setup.practice.signInAs('admin');
    const granted = await grant(admin.headers, emmaId, rosaId);
    expect(granted.statusCode).toBe(201);
    const grantId = granted.json<GuardianGrant>().id;
    expect((await revoke(provider.headers, emmaId, grantId)).statusCode).toBe(403);

    const twice = await grant(owner, emmaId, rosaId);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'already_granted' });
    const self = await grant(owner, emmaId, emmaId);
    expect(self.statusCode).toBe(400);
    expect(JSON.stringify(self.json())).toContain('guardianPatientId');
    const unknown = await grant(owner, emmaId, '00000000-0000-4000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect((await grant(owner, emmaId, 'not-an-id')).statusCode).toBe(400);
    // A grant is revoked from its own dependant's profile only.
    expect((await revoke(owner, rosaId, grantId)).statusCode).toBe(404);
    expect((await revoke(owner, emmaId, grantId)).statusCode).toBe(200);
    expect((await revoke(owner, emmaId, grantId)).json()).toMatchObject({ code: 'already_revoked' });
    // After a revocation the pair may be granted again.
    expect((await grant(owner, emmaId, rosaId)).statusCode).toBe(201);
    // Another practice's staff see no such client.
    const other = await createPortalWithPatient(app);
    expect((await guardiansOf(other.setup.practice.owner.headers, emmaId)).statusCode).toBe(404);
  });

  it('lets a guardian switch to the dependant only after the grant; every page then reads the dependant, audited with the guardian as actor', async () => {
    const { setup, owner, rosaId, emmaId, emmaAppointmentId, rosaAppointmentId, cookie } = await arrange();
    // Before the grant: only her own profile, and switching to Emma is a 404 like any unknown id.
    const before = (await portalGet(cookie, '/api/v1/portal/me')).json<PortalMe>();
    expect(before.profiles).toEqual([{ id: rosaId, firstName: 'Rosa', lastName: 'Diaz', relation: 'self' }]);
    expect(before.activeProfileId).toBe(rosaId);
    const refused = await switchTo(cookie, emmaId);
    expect(refused.statusCode).toBe(404);
    expect(refused.body).not.toContain('Emma');
    expect(await appointmentIds(cookie)).toEqual([rosaAppointmentId]);
    expect(await paperworkCount(cookie)).toBe(0);

    await grant(owner, emmaId, rosaId);
    const choices = (await portalGet(cookie, '/api/v1/portal/profiles')).json<PortalProfileChoices>();
    expect(choices.items.map((item) => [item.firstName, item.relation])).toEqual([
      ['Rosa', 'self'],
      ['Emma', 'dependant'],
    ]);
    const switched = await switchTo(cookie, emmaId);
    expect(switched.statusCode, switched.body).toBe(200);
    expect(switched.json<PortalProfileChoices>().activeProfileId).toBe(emmaId);

    expect(await appointmentIds(cookie)).toEqual([emmaAppointmentId]);
    expect(await paperworkCount(cookie)).toBe(1);
    const profile = await portalGet(cookie, '/api/v1/portal/profile');
    expect(profile.json()).toMatchObject({ id: emmaId, firstName: 'Emma', dateOfBirth: '2012-06-01' });
    const me = (await portalGet(cookie, '/api/v1/portal/me')).json<PortalMe>();
    expect(me.patient.id).toBe(rosaId);
    expect(me.activeProfileId).toBe(emmaId);
    // Rosa's own appointment is not Emma's.
    const confirmOwn = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/appointments/${rosaAppointmentId}/confirm`,
      headers: { cookie },
    });
    expect(confirmOwn.statusCode).toBe(404);

    const trail = await auditTrailOf(database, setup.practice.practiceId);
    const emmaReads = trail.filter((row) => row.actorType === 'patient' && row.objectId === emmaId);
    expect(emmaReads.map((row) => row.action)).toEqual(
      expect.arrayContaining(['portal.profile_switch', 'appointment.list', 'patient.read', 'paperwork.list']),
    );
    for (const row of emmaReads) expect(row).toMatchObject({ actorId: rosaId });
    expect(trail.find((row) => row.action === 'appointment.list' && row.objectId === emmaId)).toMatchObject({ actorId: rosaId });

    // Back to her own profile.
    expect((await switchTo(cookie, rosaId)).json<PortalProfileChoices>().activeProfileId).toBe(rosaId);
    expect(await appointmentIds(cookie)).toEqual([rosaAppointmentId]);
  });

  it('ends access on the next request after a revocation (403), then reads the guardian’s own profile; switching back is a 404', async () => {
    const { owner, rosaId, emmaId, rosaAppointmentId, cookie } = await arrange();
    const grantId = (await grant(owner, emmaId, rosaId)).json<GuardianGrant>().id;
    expect((await switchTo(cookie, emmaId)).statusCode).toBe(200);
    expect((await portalGet(cookie, '/api/v1/portal/appointments')).statusCode).toBe(200);

    expect((await revoke(owner, emmaId, grantId)).statusCode).toBe(200);
    const ended = await portalGet(cookie, '/api/v1/portal/appointments');
    expect(ended.statusCode).toBe(403);
    expect(ended.json()).toMatchObject({ code: 'profile_access_ended' });
    expect(ended.body).not.toContain('Emma');
    const me = (await portalGet(cookie, '/api/v1/portal/me')).json<PortalMe>();
    expect(me.activeProfileId).toBe(rosaId);
    expect(me.profiles.map((item) => item.id)).toEqual([rosaId]);
    expect(await appointmentIds(cookie)).toEqual([rosaAppointmentId]);
    expect((await switchTo(cookie, emmaId)).statusCode).toBe(404);
  });

  it('does not let a patient switch to a profile without a grant, one granted to someone else, or another practice’s', async () => {
    const { setup, owner, rosaId, emmaId, cookie } = await arrange();
    const lucasId = await addPatient(app, setup.practice, { firstName: 'Lucas', lastName: 'Gray', phone: uniquePhone() });
    // Emma may see Lucas; that does not let Rosa (Emma's guardian) see him.
    await grant(owner, lucasId, emmaId);
    await grant(owner, emmaId, rosaId);
    expect((await switchTo(cookie, lucasId)).statusCode).toBe(404);
    // A dependant does not hold their guardian's profile.
    const other = await createPortalWithPatient(app);
    expect((await switchTo(cookie, other.patientId)).statusCode).toBe(404);
    expect((await switchTo(cookie, 'not-an-id')).statusCode).toBe(400);
    const me = (await portalGet(cookie, '/api/v1/portal/me')).json<PortalMe>();
    expect(me.activeProfileId).toBe(rosaId);
    expect(me.profiles.map((item) => item.firstName)).toEqual(['Rosa', 'Emma']);
    // Switching needs a patient session, not a staff one.
    expect((await app.inject({ method: 'POST', url: `/api/v1/portal/profiles/${emmaId}/switch`, headers: owner })).statusCode).toBe(401);
  });
});
