import type { PaperworkAssignment, Procedure, ProcedureType } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { changePaperworkStatusWithin } from '../paperwork/index.ts';
import { assignPaperwork, attachPaperwork, createConsent } from '../paperwork/paperwork-test-builders.ts';
import { bookVisit, createChartingPractice, postProcedure, type ChartingPractice } from './emr-test-support.ts';

// Tuesday 3 March 2026, 07:30 in New York.
const { app, database } = await createTestApp({ clock: createManualClock('2026-03-03T12:30:00Z') });

function postType(setup: ChartingPractice, payload: Record<string, unknown>) {
  return app.inject({ method: 'POST', url: '/api/v1/procedure-types', headers: setup.practice.owner.headers, payload });
}

describe('required consents of a procedure type', () => {
  it('are named by the type, shown on its charts with the patient’s signature, and hold the signature back until signed', async () => {
    const setup = await createChartingPractice(app);
    const headers = setup.practice.owner.headers;
    const consent = await createConsent(app, setup.practice, { name: 'Filler consent', requiresSignature: true });
    const created = await postType(setup, {
      name: 'Lip filler',
      sections: ['clinical_notes', 'consents'],
      requiredConsentTemplateIds: [consent.id],
    });
    expect(created.statusCode, created.body).toBe(201);
    const type = created.json<ProcedureType>();
    expect(type).toMatchObject({ sections: ['clinical_notes', 'consents'], requiredConsentTemplateIds: [consent.id] });

    const appointmentId = await bookVisit(app, setup, '2026-03-03T16:00:00Z');
    const started = await postProcedure(app, headers, { patientId: setup.patientId, procedureTypeId: type.id, appointmentId });
    expect(started.statusCode, started.body).toBe(201);
    const procedure = started.json<Procedure>();
    expect(procedure.requiredConsents).toEqual([{ templateId: consent.id, name: 'Filler consent', signedAt: null }]);

    const refused = await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedure.id}/sign`, headers, payload: {} });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(String(refused.headers['content-type'])).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'consent_not_signed', field: 'procedureId', consentTemplateId: consent.id });
    expect(refused.json<{ detail: string }>().detail).toContain('“Filler consent”');
    const unsigned = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}`, headers });
    expect(unsigned.json<Procedure>().signedAt).toBeNull();

    await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id]);
    const assigned = await assignPaperwork(app, setup.practice, appointmentId);
    const assignment = assigned.items.find((item: PaperworkAssignment) => item.templateId === consent.id);
    if (!assignment) throw new Error('the consent was not assigned');
    await inPractice(database, setup.practice.practiceId, (tx) =>
      changePaperworkStatusWithin(tx, setup.practice.practiceId, { assignmentId: assignment.id, status: 'signed' }),
    );
    const read = await app.inject({ method: 'GET', url: `/api/v1/procedures/${procedure.id}`, headers });
    expect(read.json<Procedure>().requiredConsents).toEqual([
      { templateId: consent.id, name: 'Filler consent', signedAt: expect.any(String) },
    ]);
    const signed = await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedure.id}/sign`, headers, payload: {} });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json<Procedure>().signedAt).not.toBeNull();
  });

  it('are none on a type without the consents section: its charts list none and sign as before', async () => {
    const setup = await createChartingPractice(app);
    const appointmentId = await bookVisit(app, setup, '2026-03-03T17:00:00Z');
    const headers = setup.practice.owner.headers;
    const started = await postProcedure(app, headers, {
      patientId: setup.patientId,
      procedureTypeId: setup.procedureType.id,
      appointmentId,
    });
    const procedure = started.json<Procedure>();
    expect(procedure.requiredConsents).toEqual([]);
    expect(setup.procedureType.requiredConsentTemplateIds).toEqual([]);
    const signed = await app.inject({ method: 'POST', url: `/api/v1/procedures/${procedure.id}/sign`, headers, payload: {} });
    expect(signed.statusCode, signed.body).toBe(200);
  });

  it('refuse the consents section without consents, consents without the section, and unknown or other-practice consents, naming the field', async () => {
    const setup = await createChartingPractice(app);
    const elsewhere = await createChartingPractice(app);
    const ours = await createConsent(app, setup.practice, { name: 'Ours' });
    const theirs = await createConsent(app, elsewhere.practice, { name: 'Theirs' });
    const cases: [Record<string, unknown>, number, string][] = [
      [{ name: 'A', sections: ['consents'] }, 400, 'requiredConsentTemplateIds'],
      [{ name: 'B', sections: ['clinical_notes'], requiredConsentTemplateIds: [ours.id] }, 400, 'requiredConsentTemplateIds'],
      [{ name: 'C', sections: ['consents'], requiredConsentTemplateIds: [ours.id, ours.id] }, 400, 'requiredConsentTemplateIds'],
      [{ name: 'D', sections: ['consents'], requiredConsentTemplateIds: [ours.id, theirs.id] }, 404, 'requiredConsentTemplateIds[1]'],
      [{ name: 'E', sections: ['consents'], requiredConsentTemplateIds: ['not-an-id'] }, 400, 'requiredConsentTemplateIds[0]'],
    ];
    for (const [payload, status, field] of cases) {
      const response = await postType(setup, payload);
      expect(response.statusCode, response.body).toBe(status);
      expect(response.json()).toMatchObject({ field });
    }
    const listed = await app.inject({ method: 'GET', url: '/api/v1/procedure-types', headers: setup.practice.owner.headers });
    expect(listed.json<{ items: { name: string }[] }>().items.map((type) => type.name)).toEqual(['Neurotoxin']);
  });
});
