import type { PortalPaperworkList, SignedDocument } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { auditTrailOf, createPortalWithPatient, signInPatient } from '../portal/portal-test-support.ts';
import { attachPaperwork, createConsent, createInstructions, createQuestionnaire } from './paperwork-test-builders.ts';

// Thursday 5 March 2026, 07:00 in New York.
const clock = createManualClock('2026-03-05T12:00:00Z');
const { app, database } = await createTestApp({ clock });

const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/**
 * Rosa Diaz signed in, with a consultation on Tuesday 10 March that forwards a consent needing a
 * witness, a plain consent, a questionnaire and instructions.
 */
async function arrange() {
  clock.set('2026-03-05T12:00:00Z');
  const { setup, portalPractice, phone, patientId } = await createPortalWithPatient(app);
  const witnessed = await createConsent(app, setup.practice, { name: 'Botox consent', requiresWitnessSignature: true });
  const plain = await createConsent(app, setup.practice, { name: 'Photo release' });
  const questionnaire = await createQuestionnaire(app, setup.practice, { name: 'Medical history' });
  const instructions = await createInstructions(app, setup.practice);
  await attachPaperwork(app, setup.practice, setup.consultation.id, [witnessed.id, plain.id, questionnaire.id, instructions.id]);
  const booked = await book(app, setup, { patientId, start: '2026-03-10T15:00:00Z' });
  expect(booked.statusCode, booked.body).toBe(201);
  const appointmentId = booked.json<{ id: string }>().id;
  const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
  const forms = (await app.inject({ method: 'GET', url: '/api/v1/portal/paperwork', headers: { cookie } })).json<PortalPaperworkList>();
  const idNamed = (name: string) => {
    const form = [...forms.consents, ...forms.questionnaires].find((candidate) => candidate.name === name);
    if (!form) throw new Error(`form ${name} is missing`);
    return form.id;
  };
  return {
    setup,
    cookie,
    patientId,
    appointmentId,
    witnessedId: idNamed('Botox consent'),
    plainId: idNamed('Photo release'),
    questionnaireId: idNamed('Medical history'),
  };
}

const sign = (cookie: string, assignmentId: string, typedName: string) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/portal/paperwork/${assignmentId}/sign`,
    headers: { cookie },
    payload: { signature: SIGNATURE, typedName },
  });

const signedDocuments = (patientId: string, headers: Record<string, string>) =>
  app.inject({ method: 'GET', url: `/api/v1/patients/${patientId}/signed-documents`, headers });

describe("the client profile's signed documents", () => {
  it('lists signed consents and filled questionnaires, newest first, with who signed when, the witness, and which have a PDF', async () => {
    const { setup, cookie, patientId, appointmentId, witnessedId, plainId, questionnaireId } = await arrange();
    expect((await signedDocuments(patientId, setup.practice.owner.headers)).json()).toEqual({ items: [] });

    clock.set('2026-03-05T12:01:00Z');
    expect((await sign(cookie, witnessedId, 'Rosa M. Diaz')).statusCode).toBe(200);
    clock.set('2026-03-05T12:02:00Z');
    const filled = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/paperwork/${questionnaireId}/answers`,
      headers: { cookie },
      payload: { answers: { q1: false }, submit: true },
    });
    expect(filled.statusCode, filled.body).toBe(200);

    const waiting = await signedDocuments(patientId, setup.practice.owner.headers);
    expect(waiting.statusCode, waiting.body).toBe(200);
    expect(waiting.json<{ items: SignedDocument[] }>().items).toEqual([
      {
        assignmentId: questionnaireId,
        appointmentId,
        appointmentStart: '2026-03-10T15:00:00.000Z',
        kind: 'questionnaire',
        name: 'Medical history',
        templateVersion: 1,
        status: 'filled',
        signedAt: '2026-03-05T12:02:00.000Z',
        signerName: null,
        witness: { status: 'not_required' },
        hasPdf: false,
      },
      {
        assignmentId: witnessedId,
        appointmentId,
        appointmentStart: '2026-03-10T15:00:00.000Z',
        kind: 'consent',
        name: 'Botox consent',
        templateVersion: 1,
        status: 'witness_signature_required',
        signedAt: '2026-03-05T12:01:00.000Z',
        signerName: 'Rosa M. Diaz',
        witness: { status: 'awaiting' },
        hasPdf: true,
      },
    ]);

    const frontDesk = await setup.practice.signInAs('front_desk');
    clock.set('2026-03-05T12:03:00Z');
    const witnessed = await app.inject({
      method: 'POST',
      url: `/api/v1/paperwork-assignments/${witnessedId}/witness`,
      headers: frontDesk.headers,
      payload: { signature: SIGNATURE, typedName: 'Jamie Front' },
    });
    expect(witnessed.statusCode, witnessed.body).toBe(200);
    clock.set('2026-03-05T12:04:00Z');
    expect((await sign(cookie, plainId, 'Rosa Diaz')).statusCode).toBe(200);

    const after = (await signedDocuments(patientId, frontDesk.headers)).json<{ items: SignedDocument[] }>().items;
    expect(after.map((document) => [document.name, document.status, document.signerName, document.witness])).toEqual([
      ['Photo release', 'signed', 'Rosa Diaz', { status: 'not_required' }],
      ['Medical history', 'filled', null, { status: 'not_required' }],
      ['Botox consent', 'signed', 'Rosa M. Diaz', { status: 'signed', name: 'Jamie Front', signedAt: '2026-03-05T12:03:00.000Z' }],
    ]);
    const pdf = await app.inject({ method: 'GET', url: `/api/v1/paperwork-assignments/${witnessedId}/pdf`, headers: frontDesk.headers });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString('latin1')).toBe('%PDF');

    const reads = (await auditTrailOf(database, setup.practice.practiceId)).filter(
      (event) => event.action === 'paperwork.signed_documents.list',
    );
    expect(reads.at(-1)).toMatchObject({
      actorType: 'staff',
      actorId: frontDesk.id,
      objectId: patientId,
      details: { patientId, count: 3 },
    });
  });

  it('leaves out a consent staff reset, until the patient signs it again', async () => {
    const { setup, cookie, patientId, plainId } = await arrange();
    expect((await sign(cookie, plainId, 'Rosa Diaz')).statusCode).toBe(200);
    const reset = await app.inject({
      method: 'POST',
      url: `/api/v1/paperwork-assignments/${plainId}/reset`,
      headers: setup.practice.owner.headers,
      payload: { reason: 'Wrong name' },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect((await signedDocuments(patientId, setup.practice.owner.headers)).json()).toEqual({ items: [] });
    clock.set('2026-03-05T12:10:00Z');
    expect((await sign(cookie, plainId, 'Rosa Diaz-Lopez')).statusCode).toBe(200);
    const items = (await signedDocuments(patientId, setup.practice.owner.headers)).json<{ items: SignedDocument[] }>().items;
    expect(items.map((document) => [document.signerName, document.signedAt])).toEqual([['Rosa Diaz-Lopez', '2026-03-05T12:10:00.000Z']]);
  });

  it('answers 404 for a client of another practice, 403 to a provider limited to their own clients, 401 to a patient session', async () => {
    const { setup, cookie, patientId, plainId } = await arrange();
    expect((await sign(cookie, plainId, 'Rosa Diaz')).statusCode).toBe(200);
    const other = await createPortalWithPatient(app);
    const foreign = await signedDocuments(patientId, other.setup.practice.owner.headers);
    expect(foreign.statusCode).toBe(404);

    const limited = await app.inject({
      method: 'PATCH',
      url: '/api/v1/practice-settings',
      headers: setup.practice.owner.headers,
      payload: { providersManageAllAppointments: false },
    });
    expect(limited.statusCode, limited.body).toBe(200);
    const provider = await setup.practice.signInAs('provider');
    const refused = await signedDocuments(patientId, provider.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'not_your_client' });

    expect((await signedDocuments(patientId, { cookie })).statusCode).toBe(401);
    const malformed = await signedDocuments('not-an-id', setup.practice.owner.headers);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ field: 'patientId' });
  });
});
