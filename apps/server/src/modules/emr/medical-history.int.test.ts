import type { MedicalHistory, MedicalHistoryReviewList, MedicalHistoryVersionList, PortalMedicalHistory } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp, createTestPractice } from '../../testing/test-app.ts';
import { addPatient, auditTrailOf, createPortalPractice, signInPatient, uniquePhone } from '../portal/portal-test-support.ts';

const clock = createManualClock('2026-05-04T14:00:00Z');
const { app, database } = await createTestApp({ clock });

const history = (overrides: Record<string, unknown> = {}) => ({
  allergies: [{ substance: 'Lidocaine', reaction: 'Hives', severity: 'moderate' }],
  medications: [{ name: 'Isotretinoin', dose: '20 mg', frequency: 'Daily' }],
  conditions: ['Rosacea'],
  previousTreatments: [{ treatment: 'Botox', when: '2025-11', notes: null }],
  pregnancy: { status: 'not_pregnant', dueDate: null },
  notes: null,
  ...overrides,
});

const url = (patientId: string) => `/api/v1/patients/${patientId}/medical-history`;
const put = (headers: Record<string, string>, patientId: string, payload: unknown, ifMatch?: string) =>
  app.inject({
    method: 'PUT',
    url: url(patientId),
    headers: { ...headers, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
    payload: payload as object,
  });
const putOwn = (cookie: string, payload: unknown, ifMatch?: string) =>
  app.inject({
    method: 'PUT',
    url: '/api/v1/portal/medical-history',
    headers: { cookie, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) },
    payload: payload as object,
  });

/** A practice with a portal and Nora Quinn, who signs in by phone. */
async function arrange() {
  clock.advanceMinutes(30);
  const practice = await createPortalPractice(app);
  const phone = uniquePhone();
  const patientId = await addPatient(app, practice, { firstName: 'Nora', lastName: 'Quinn', phone, dateOfBirth: '1990-02-14' });
  return { practice, phone, patientId };
}

describe('medical history for staff', () => {
  it('starts as an empty version 0 and saves the whole history as version 1, audited without the health data', async () => {
    const { practice, patientId } = await arrange();
    const empty = await app.inject({ method: 'GET', url: url(patientId), headers: practice.owner.headers });
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.headers.etag).toBe('"0"');
    expect(empty.json<MedicalHistory>()).toMatchObject({ version: 0, allergies: [], needsReview: false, updatedBy: null });

    const saved = await put(practice.owner.headers, patientId, history(), '"0"');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.headers.etag).toBe('"1"');
    expect(saved.json<MedicalHistory>()).toMatchObject({
      version: 1,
      allergies: [{ substance: 'Lidocaine', reaction: 'Hives', severity: 'moderate' }],
      updatedBy: { kind: 'staff', id: practice.owner.id },
      needsReview: false,
    });

    const trail = (await auditTrailOf(database, practice.practiceId)).filter((entry) => entry.action.startsWith('medical_history.'));
    expect(trail.map((entry) => entry.action)).toEqual(['medical_history.read', 'medical_history.update']);
    expect(trail[1]).toMatchObject({ actorType: 'staff', objectId: patientId });
    expect(trail[1]?.details.changedSections).toEqual(['allergies', 'medications', 'conditions', 'previousTreatments', 'pregnancy']);
    expect(JSON.stringify(trail)).not.toContain('Lidocaine');
  });

  it('refuses a save over a version someone else replaced (412) and keeps theirs', async () => {
    const { practice, patientId } = await arrange();
    expect((await put(practice.owner.headers, patientId, history(), '"0"')).statusCode).toBe(200);
    const admin = await practice.signInAs('admin');
    const stale = await put(admin.headers, patientId, history({ conditions: ['Eczema'] }), '"0"');
    expect(stale.statusCode, stale.body).toBe(412);
    expect(stale.json()).toMatchObject({ code: 'stale_version', field: 'If-Match' });
    const current = await app.inject({ method: 'GET', url: url(patientId), headers: practice.owner.headers });
    expect(current.json<MedicalHistory>()).toMatchObject({ version: 1, conditions: ['Rosacea'] });
  });

  it('records each change as a version with who saved it and a readable list of what changed', async () => {
    const { practice, patientId } = await arrange();
    expect((await put(practice.owner.headers, patientId, history(), '"0"')).statusCode).toBe(200);
    clock.advanceMinutes(5);
    const second = history({
      allergies: [{ substance: 'Lidocaine', reaction: 'Anaphylaxis', severity: 'severe' }],
      medications: [],
      pregnancy: { status: 'pregnant', dueDate: '2026-10-01' },
    });
    const changed = await put(practice.owner.headers, patientId, second, '"1"');
    expect(changed.statusCode, changed.body).toBe(200);
    // Saving the same history again adds no version.
    const same = await put(practice.owner.headers, patientId, second, '"2"');
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json<MedicalHistory>().version).toBe(2);

    const versions = await app.inject({ method: 'GET', url: `${url(patientId)}/versions`, headers: practice.owner.headers });
    expect(versions.statusCode, versions.body).toBe(200);
    const items = versions.json<MedicalHistoryVersionList>().items;
    expect(items.map((item) => item.version)).toEqual([2, 1]);
    expect(items[0]?.changedBy).toMatchObject({ kind: 'staff', id: practice.owner.id });
    expect(items[0]?.changes).toEqual([
      { section: 'allergies', kind: 'changed', text: 'Lidocaine: Hives; moderate → Anaphylaxis; severe' },
      { section: 'medications', kind: 'removed', text: 'Isotretinoin (20 mg, Daily)' },
      { section: 'pregnancy', kind: 'changed', text: 'Not pregnant → Pregnant, due 2026-10-01' },
    ]);
    expect(items[1]?.changes.map((change) => change.kind)).toEqual(['added', 'added', 'added', 'added', 'changed']);
    expect(items[1]?.content.medications).toHaveLength(1);
  });

  it('names the field at fault and writes nothing when the history is invalid', async () => {
    const { practice, patientId } = await arrange();
    expect((await put(practice.owner.headers, patientId, history(), '"0"')).statusCode).toBe(200);
    const cases: { payload: unknown; field: string }[] = [
      { payload: history({ allergies: [{ substance: ' ', reaction: null, severity: 'mild' }] }), field: 'allergies[0].substance' },
      { payload: history({ allergies: [{ substance: 'Latex', reaction: null, severity: 'deadly' }] }), field: 'allergies[0].severity' },
      { payload: history({ pregnancy: { status: 'not_pregnant', dueDate: '2026-10-01' } }), field: 'pregnancy.dueDate' },
      {
        payload: history({ previousTreatments: [{ treatment: 'Filler', when: 'last spring', notes: null }] }),
        field: 'previousTreatments[0].when',
      },
      { payload: history({ conditions: Array.from({ length: 51 }, (_, index) => `Condition ${index}`) }), field: 'conditions' },
    ];
    for (const { payload, field } of cases) {
      const response = await put(practice.owner.headers, patientId, payload, '"1"');
      expect({ field, status: response.statusCode }).toEqual({ field, status: 400 });
      expect(response.json<{ field: string }>().field).toBe(field);
    }
    const current = await app.inject({ method: 'GET', url: url(patientId), headers: practice.owner.headers });
    expect(current.json<MedicalHistory>()).toMatchObject({ version: 1, conditions: ['Rosacea'] });
  });

  it('keeps the front desk out of every medical history route', async () => {
    const { practice, patientId } = await arrange();
    const frontDesk = await practice.signInAs('front_desk');
    const requests = [
      { method: 'GET' as const, url: url(patientId) },
      { method: 'PUT' as const, url: url(patientId), payload: history() },
      { method: 'GET' as const, url: `${url(patientId)}/versions` },
      { method: 'POST' as const, url: `${url(patientId)}/review` },
      { method: 'GET' as const, url: '/api/v1/medical-history/reviews' },
    ];
    for (const request of requests) {
      const response = await app.inject({ ...request, headers: frontDesk.headers });
      expect({ url: request.url, status: response.statusCode }).toEqual({ url: request.url, status: 403 });
    }
  });

  it("answers 404 for another practice's patient and leaves their history untouched", async () => {
    const { patientId, practice } = await arrange();
    expect((await put(practice.owner.headers, patientId, history(), '"0"')).statusCode).toBe(200);
    const other = await createTestPractice(app);
    expect((await app.inject({ method: 'GET', url: url(patientId), headers: other.owner.headers })).statusCode).toBe(404);
    expect((await put(other.owner.headers, patientId, history({ conditions: [] }))).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `${url(patientId)}/versions`, headers: other.owner.headers })).statusCode).toBe(404);
    const current = await app.inject({ method: 'GET', url: url(patientId), headers: practice.owner.headers });
    expect(current.json<MedicalHistory>().conditions).toEqual(['Rosacea']);
  });

  it('shows a provider limited to their own clients no history of a client they have never seen (403)', async () => {
    const { practice, patientId } = await arrange();
    const provider = await practice.signInAs('provider');
    const response = await app.inject({ method: 'GET', url: url(patientId), headers: provider.headers });
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json()).toMatchObject({ code: 'not_your_client' });
  });
});

describe('medical history in the portal', () => {
  it('lets the patient update their own history, which flags it for staff until a staff member marks it reviewed', async () => {
    const { practice, phone, patientId } = await arrange();
    expect((await put(practice.owner.headers, patientId, history(), '"0"')).statusCode).toBe(200);
    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });

    const own = await app.inject({ method: 'GET', url: '/api/v1/portal/medical-history', headers: { cookie } });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<PortalMedicalHistory>()).toMatchObject({
      version: 1,
      updatedBy: 'clinic',
      awaitingReview: false,
      conditions: ['Rosacea'],
    });

    clock.advanceMinutes(10);
    const saved = await putOwn(cookie, history({ medications: [{ name: 'Doxycycline', dose: '100 mg', frequency: null }] }), '"1"');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<PortalMedicalHistory>()).toMatchObject({ version: 2, updatedBy: 'you', awaitingReview: true });

    const flagged = await app.inject({ method: 'GET', url: url(patientId), headers: practice.owner.headers });
    expect(flagged.json<MedicalHistory>()).toMatchObject({ version: 2, needsReview: true, updatedBy: { kind: 'patient', id: patientId } });
    const waiting = await app.inject({ method: 'GET', url: '/api/v1/medical-history/reviews', headers: practice.owner.headers });
    expect(waiting.json<MedicalHistoryReviewList>().items).toEqual([
      { patient: { id: patientId, firstName: 'Nora', lastName: 'Quinn' }, version: 2, changedAt: clock.now().toISOString() },
    ]);
    const versions = await app.inject({ method: 'GET', url: `${url(patientId)}/versions`, headers: practice.owner.headers });
    expect(versions.json<MedicalHistoryVersionList>().items[0]).toMatchObject({
      version: 2,
      changedBy: { kind: 'patient', displayName: 'Nora Quinn' },
      changes: [
        { section: 'medications', kind: 'removed', text: 'Isotretinoin (20 mg, Daily)' },
        { section: 'medications', kind: 'added', text: 'Doxycycline (100 mg)' },
      ],
    });

    const provider = await practice.signInAs('admin');
    const staleReview = await app.inject({
      method: 'POST',
      url: `${url(patientId)}/review`,
      headers: { ...provider.headers, 'if-match': '"1"' },
    });
    expect(staleReview.statusCode, staleReview.body).toBe(412);
    const reviewed = await app.inject({
      method: 'POST',
      url: `${url(patientId)}/review`,
      headers: { ...provider.headers, 'if-match': '"2"' },
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json<MedicalHistory>()).toMatchObject({ version: 2, needsReview: false, reviewedBy: { id: provider.id } });
    const again = await app.inject({ method: 'POST', url: `${url(patientId)}/review`, headers: provider.headers });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'nothing_to_review' });
    const none = await app.inject({ method: 'GET', url: '/api/v1/medical-history/reviews', headers: practice.owner.headers });
    expect(none.json<MedicalHistoryReviewList>().items).toEqual([]);
    const portalView = await app.inject({ method: 'GET', url: '/api/v1/portal/medical-history', headers: { cookie } });
    expect(portalView.json<PortalMedicalHistory>().awaitingReview).toBe(false);

    const trail = (await auditTrailOf(database, practice.practiceId)).filter((entry) => entry.action.startsWith('medical_history.'));
    expect(trail.filter((entry) => entry.actorType === 'patient').map((entry) => entry.action)).toEqual([
      'medical_history.read',
      'medical_history.update',
      'medical_history.read',
    ]);
    expect(trail.some((entry) => entry.action === 'medical_history.review' && entry.actorId === provider.id)).toBe(true);
  });

  it('lists a change waiting for review to a provider limited to their own clients only when the client is theirs', async () => {
    const { practice, phone, patientId } = await arrange();
    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
    expect((await putOwn(cookie, history(), '"0"')).statusCode).toBe(200);
    const owner = await app.inject({ method: 'GET', url: '/api/v1/medical-history/reviews', headers: practice.owner.headers });
    expect(owner.json<MedicalHistoryReviewList>().items.map((item) => item.patient.id)).toEqual([patientId]);
    const provider = await practice.signInAs('provider');
    const theirs = await app.inject({ method: 'GET', url: '/api/v1/medical-history/reviews', headers: provider.headers });
    expect(theirs.statusCode, theirs.body).toBe(200);
    expect(theirs.json<MedicalHistoryReviewList>().items).toEqual([]);
    expect(theirs.body).not.toContain('Quinn');
  });

  it('shows each patient only their own history', async () => {
    const { practice, phone, patientId } = await arrange();
    expect((await put(practice.owner.headers, patientId, history(), '"0"')).statusCode).toBe(200);
    const otherPhone = uniquePhone();
    await addPatient(app, practice, { firstName: 'Ivo', lastName: 'Berg', phone: otherPhone, dateOfBirth: '1985-07-01' });
    const other = await signInPatient(app, practice, { channel: 'sms', phone: otherPhone });
    const theirs = await app.inject({ method: 'GET', url: '/api/v1/portal/medical-history', headers: { cookie: other.cookie } });
    expect(theirs.json<PortalMedicalHistory>()).toMatchObject({ version: 0, allergies: [], conditions: [] });
    // A patient's cookie opens no staff route, whatever id it names.
    expect((await app.inject({ method: 'GET', url: url(patientId), headers: { cookie: other.cookie } })).statusCode).toBe(401);

    const mine = await signInPatient(app, practice, { channel: 'sms', phone });
    expect(
      (
        await app.inject({ method: 'GET', url: '/api/v1/portal/medical-history', headers: { cookie: mine.cookie } })
      ).json<PortalMedicalHistory>().conditions,
    ).toEqual(['Rosacea']);
  });

  it('refuses a patient save over a version the clinic replaced (412), and validates like the staff route', async () => {
    const { practice, phone, patientId } = await arrange();
    const { cookie } = await signInPatient(app, practice, { channel: 'sms', phone });
    expect((await put(practice.owner.headers, patientId, history(), '"0"')).statusCode).toBe(200);
    const stale = await putOwn(cookie, history({ conditions: [] }), '"0"');
    expect(stale.statusCode, stale.body).toBe(412);
    const invalid = await putOwn(cookie, history({ medications: [{ name: '', dose: null, frequency: null }] }), '"1"');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ field: 'medications[0].name' });
    const staff = await app.inject({ method: 'GET', url: url(patientId), headers: practice.owner.headers });
    expect(staff.json<MedicalHistory>()).toMatchObject({ version: 1, needsReview: false, conditions: ['Rosacea'] });
  });
});
