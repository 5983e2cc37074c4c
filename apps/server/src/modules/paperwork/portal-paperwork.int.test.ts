import { createHash } from 'node:crypto';
import type { PortalPaperworkItem, PortalPaperworkList } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { book, type BookablePractice } from '../appointments/appointments-test-builders.ts';
import { addPatient, auditTrailOf, createPortalWithPatient, signInPatient, uniquePhone } from '../portal/portal-test-support.ts';
import { attachPaperwork, createConsent, createInstructions, createQuestionnaire } from './paperwork-test-builders.ts';

// Thursday 5 March 2026, 07:00 in New York.
const clock = createManualClock('2026-03-05T12:00:00Z');
const { app, database } = await createTestApp({ clock });

/** A 1×1 PNG, as a signature pad's toDataURL gives one. */
const SIGNATURE = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const BROWSER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)';

interface Arranged {
  setup: BookablePractice;
  cookie: string;
  patientId: string;
  appointmentId: string;
  consentId: string;
  questionnaireId: string;
  instructionsId: string;
}

async function bookFor(setup: BookablePractice, patientId: string, start: string, serviceId = setup.consultation.id): Promise<string> {
  const response = await book(app, setup, { patientId, start, serviceIds: [serviceId] });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

const list = (cookie: string) => app.inject({ method: 'GET', url: '/api/v1/portal/paperwork', headers: { cookie } });

const answer = (cookie: string, assignmentId: string, payload: unknown) =>
  app.inject({ method: 'POST', url: `/api/v1/portal/paperwork/${assignmentId}/answers`, headers: { cookie }, payload: payload as object });

const sign = (cookie: string, assignmentId: string, payload: unknown = { signature: SIGNATURE, typedName: 'Rosa Diaz' }) =>
  app.inject({
    method: 'POST',
    url: `/api/v1/portal/paperwork/${assignmentId}/sign`,
    headers: { cookie, 'user-agent': BROWSER },
    remoteAddress: '203.0.113.7',
    payload: payload as object,
  });

const markRead = (cookie: string, assignmentId: string) =>
  app.inject({ method: 'POST', url: `/api/v1/portal/paperwork/${assignmentId}/viewed`, headers: { cookie } });

async function incompletePaperwork(cookie: string): Promise<number> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/portal/dashboard', headers: { cookie } });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ counts: { incompletePaperwork: number } }>().counts.incompletePaperwork;
}

const ownPdf = (cookie: string, assignmentId: string) =>
  app.inject({ method: 'GET', url: `/api/v1/portal/paperwork/${assignmentId}/pdf`, headers: { cookie } });

function itemsOf(body: PortalPaperworkList): PortalPaperworkItem[] {
  return [...body.consents, ...body.questionnaires, ...body.instructions];
}

async function ownItem(cookie: string, assignmentId: string): Promise<PortalPaperworkItem> {
  const response = await list(cookie);
  expect(response.statusCode, response.body).toBe(200);
  const item = itemsOf(response.json<PortalPaperworkList>()).find((candidate) => candidate.id === assignmentId);
  if (!item) throw new Error(`form ${assignmentId} is not listed`);
  return item;
}

/**
 * Rosa Diaz signed in, with a consultation on Tuesday 10 March that forwards a consent, a
 * questionnaire (q1 yes/no required, q2 long text) and instructions.
 */
async function arrange(options: { witness?: boolean } = {}): Promise<Arranged> {
  clock.set('2026-03-05T12:00:00Z');
  const { setup, portalPractice, phone, patientId } = await createPortalWithPatient(app);
  const consent = await createConsent(app, setup.practice, { requiresWitnessSignature: options.witness ?? false });
  const questionnaire = await createQuestionnaire(app, setup.practice);
  const instructions = await createInstructions(app, setup.practice);
  await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id, questionnaire.id, instructions.id]);
  const appointmentId = await bookFor(setup, patientId, '2026-03-10T15:00:00Z');
  const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
  const body = (await list(cookie)).json<PortalPaperworkList>();
  const idOf = (forms: PortalPaperworkItem[]) => {
    const [form] = forms;
    if (!form) throw new Error('a form is missing');
    return form.id;
  };
  return {
    setup,
    cookie,
    patientId,
    appointmentId,
    consentId: idOf(body.consents),
    questionnaireId: idOf(body.questionnaires),
    instructionsId: idOf(body.instructions),
  };
}

async function countRows(table: 'paperwork_signatures' | 'paperwork_responses', assignmentId: string): Promise<number> {
  const result = await database.db.execute<{ count: number }>(
    sql`select count(*)::int as count from ${sql.identifier(table)} where assignment_id = ${assignmentId}`,
  );
  return result.rows[0]?.count ?? 0;
}

describe('the portal paperwork page', () => {
  it('lists the patient’s own forms in Consents, Questionnaires and Instructions tabs with the visit and the exact wording', async () => {
    const { setup, cookie, appointmentId, patientId } = await arrange();
    const response = await list(cookie);
    expect(response.statusCode).toBe(200);
    const body = response.json<PortalPaperworkList>();
    expect(body.needsActionCount).toBe(3);
    expect(body.consents).toEqual([
      expect.objectContaining({
        kind: 'consent',
        status: 'not_signed',
        statusLabel: 'Not Signed',
        needsAction: true,
        templateVersion: 1,
        appointment: {
          id: appointmentId,
          startsAt: '2026-03-10T15:00:00.000Z',
          timezone: 'America/New_York',
          clinicName: expect.any(String),
          services: ['Consultation'],
        },
        content: expect.objectContaining({ body: expect.stringContaining('botulinum toxin'), format: 'plain', questions: [] }),
        answers: {},
        signatures: [],
        hasSignedDocument: false,
      }),
    ]);
    expect(body.questionnaires[0]).toMatchObject({
      status: 'not_filled',
      statusLabel: 'Not Filled',
      content: {
        questions: [
          expect.objectContaining({ id: 'q1', type: 'yes_no', required: true }),
          expect.objectContaining({ id: 'q2', type: 'long_text', required: false }),
        ],
      },
    });
    expect(body.instructions[0]).toMatchObject({ status: 'not_viewed', content: { format: 'markdown' } });

    // Once while arranging, once here.
    const listed = (await auditTrailOf(database, setup.practice.practiceId)).filter((event) => event.action === 'paperwork.list');
    expect(listed).toHaveLength(2);
    expect(listed[1]).toEqual(
      expect.objectContaining({
        actorType: 'patient',
        actorId: patientId,
        objectId: patientId,
        details: { via: 'portal', assignmentIds: expect.arrayContaining(itemsOf(body).map((item) => item.id)) },
      }),
    );
    expect(listed[1]?.details.assignmentIds).toHaveLength(3);
  });

  it('lists nobody else’s forms, and shows a form only from its template’s N days before the appointment', async () => {
    clock.set('2026-03-05T12:00:00Z');
    const { setup, portalPractice, phone, patientId } = await createPortalWithPatient(app);
    const consent = await createConsent(app, setup.practice, { showDaysBefore: 3 });
    const questionnaire = await createQuestionnaire(app, setup.practice);
    expect(questionnaire.showDaysBefore).toBe(7);
    await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id, questionnaire.id]);
    // Monday 16 March: the questionnaire shows from Monday 9 March, the consent from Friday 13 March.
    await bookFor(setup, patientId, '2026-03-16T14:00:00Z');
    // Another patient's visit tomorrow.
    await bookFor(setup, setup.patientId, '2026-03-06T15:00:00Z', setup.consultation.id);

    const early = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    expect(itemsOf((await list(early.cookie)).json())).toEqual([]);
    expect(await incompletePaperwork(early.cookie)).toBe(0);

    clock.set('2026-03-09T14:00:00Z');
    const week = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    const weekBefore = (await list(week.cookie)).json<PortalPaperworkList>();
    expect(weekBefore.questionnaires).toHaveLength(1);
    expect(weekBefore.consents).toEqual([]);
    expect(await incompletePaperwork(week.cookie)).toBe(1);

    clock.set('2026-03-13T14:00:00Z');
    const days = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    const threeDaysBefore = (await list(days.cookie)).json<PortalPaperworkList>();
    expect(threeDaysBefore.consents).toHaveLength(1);
    expect(threeDaysBefore.questionnaires).toHaveLength(1);
  });

  it('refuses to act on a form that does not show yet (409), naming the day it opens', async () => {
    clock.set('2026-03-05T12:00:00Z');
    const { setup, portalPractice, phone, patientId } = await createPortalWithPatient(app);
    const consent = await createConsent(app, setup.practice, { showDaysBefore: 2 });
    await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id]);
    const appointmentId = await bookFor(setup, patientId, '2026-03-12T15:00:00Z');
    const staffList = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointmentId}/paperwork`,
      headers: setup.practice.owner.headers,
    });
    const [assignment] = staffList.json<{ items: { id: string }[] }>().items;
    if (!assignment) throw new Error('no assignment');
    const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    const early = await sign(cookie, assignment.id);
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'paperwork_not_open_yet', field: 'assignmentId' });
    expect(early.json().detail).toContain('2026-03-10');
    expect(await countRows('paperwork_signatures', assignment.id)).toBe(0);
  });

  it('lets staff change when a form shows without adding a version', async () => {
    clock.set('2026-03-05T12:00:00Z');
    const { setup } = await createPortalWithPatient(app);
    const consent = await createConsent(app, setup.practice);
    const { id: _id, kind, name, body } = consent;
    const updated = await app.inject({
      method: 'PUT',
      url: `/api/v1/paperwork-templates/${consent.id}`,
      headers: setup.practice.owner.headers,
      payload: { kind, name, body: body ?? '', showDaysBefore: 14 },
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json()).toMatchObject({ version: 1, showDaysBefore: 14 });
    const tooMany = await app.inject({
      method: 'PUT',
      url: `/api/v1/paperwork-templates/${consent.id}`,
      headers: setup.practice.owner.headers,
      payload: { kind, name, body: body ?? '', showDaysBefore: 400 },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json()).toMatchObject({ field: 'showDaysBefore' });
  });
});

describe('filling a questionnaire in the portal', () => {
  it('saves a partial draft to come back to, then submits it as Filled and locks it', async () => {
    const { setup, cookie, questionnaireId, patientId } = await arrange();
    const draft = await answer(cookie, questionnaireId, { answers: { q2: 'Tretinoin' } });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'not_filled', answers: { q2: 'Tretinoin' }, submittedAt: null });
    expect(draft.json().answersSavedAt).toBe('2026-03-05T12:00:00.000Z');

    // Coming back later: the draft is there.
    expect((await ownItem(cookie, questionnaireId)).answers).toEqual({ q2: 'Tretinoin' });

    const submitted = await answer(cookie, questionnaireId, { answers: { q1: false, q2: 'Tretinoin' }, submit: true });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'filled',
      statusLabel: 'Filled',
      needsAction: false,
      answers: { q1: false, q2: 'Tretinoin' },
      submittedAt: '2026-03-05T12:00:00.000Z',
    });

    const again = await answer(cookie, questionnaireId, { answers: { q1: true } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'paperwork_completed' });
    expect((await ownItem(cookie, questionnaireId)).answers).toEqual({ q1: false, q2: 'Tretinoin' });

    const actions = (await auditTrailOf(database, setup.practice.practiceId))
      .filter((event) => event.objectId === questionnaireId)
      .map((event) => [event.action, event.actorType, event.actorId]);
    expect(actions).toEqual([
      ['paperwork_assignment.save_answers', 'patient', patientId],
      ['paperwork_assignment.submit', 'patient', patientId],
    ]);
  });

  it('refuses a submit missing required answers, naming each one, and keeps the draft as it was', async () => {
    const { cookie, questionnaireId } = await arrange();
    await answer(cookie, questionnaireId, { answers: { q2: 'None' } });
    const missing = await answer(cookie, questionnaireId, { answers: { q2: 'Retinol' }, submit: true });
    expect(missing.statusCode).toBe(400);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({
      code: 'answer_required',
      field: 'answers.q1',
      errors: [{ field: 'answers.q1', code: 'answer_required', message: expect.stringContaining('pregnant') }],
    });
    const item = await ownItem(cookie, questionnaireId);
    expect(item).toMatchObject({ status: 'not_filled', answers: { q2: 'None' } });
  });

  it('checks each answer against the version’s questions (400 naming the answer)', async () => {
    const { cookie, questionnaireId } = await arrange();
    const cases: [unknown, string][] = [
      [{ answers: { q1: 'maybe' } }, 'answers.q1'],
      [{ answers: { q9: 'x' } }, 'answers.q9'],
      [{ answers: { q2: 42 } }, 'answers.q2'],
      [{ answers: 'yes' }, 'answers'],
      [{ answers: {}, submit: 'yes' }, 'submit'],
      [{ answers: {}, extra: true }, 'extra'],
    ];
    for (const [payload, field] of cases) {
      const response = await answer(cookie, questionnaireId, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json().field, JSON.stringify(payload)).toBe(field);
    }
    expect(await countRows('paperwork_responses', questionnaireId)).toBe(0);
  });

  it('refuses answers to a consent (409): a consent is signed', async () => {
    const { cookie, consentId } = await arrange();
    const response = await answer(cookie, consentId, { answers: {} });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'not_a_questionnaire' });
  });
});

describe('signing a consent in the portal', () => {
  it('records the signature, time, IP, device, version and the SHA-256 of the PDF it produces', async () => {
    const { setup, cookie, consentId, patientId } = await arrange();
    const signed = await sign(cookie, consentId);
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json()).toMatchObject({
      status: 'signed',
      statusLabel: 'Signed',
      hasSignedDocument: true,
      signatures: [{ role: 'patient', typedName: 'Rosa Diaz', signedAt: '2026-03-05T12:00:00.000Z', templateVersion: 1 }],
    });
    const recordedSha = signed.json<PortalPaperworkItem>().signatures[0]?.documentSha256;

    const pdf = await ownPdf(cookie, consentId);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(recordedSha);

    const staffPdf = await app.inject({
      method: 'GET',
      url: `/api/v1/paperwork-assignments/${consentId}/pdf`,
      headers: setup.practice.owner.headers,
    });
    expect(staffPdf.statusCode).toBe(200);
    expect(staffPdf.rawPayload.equals(pdf.rawPayload)).toBe(true);

    const stored = await database.db.execute<{ ip: string; user_agent: string; template_version: number; document_sha256: string }>(
      sql`select ip, user_agent, template_version, document_sha256 from paperwork_signatures where assignment_id = ${consentId}`,
    );
    expect(stored.rows).toEqual([{ ip: '203.0.113.7', user_agent: BROWSER, template_version: 1, document_sha256: recordedSha }]);

    const trail = await auditTrailOf(database, setup.practice.practiceId);
    expect(trail.find((event) => event.action === 'paperwork_assignment.sign')).toMatchObject({
      actorType: 'patient',
      actorId: patientId,
      objectId: consentId,
      details: expect.objectContaining({ templateVersion: 1, documentSha256: recordedSha, status: 'signed' }),
    });
    expect(trail.filter((event) => event.action === 'paperwork_assignment.download').map((event) => event.actorType)).toEqual([
      'patient',
      'staff',
    ]);
  });

  it('refuses a second signature (409) until staff reset the form, which reopens it', async () => {
    const { setup, cookie, consentId } = await arrange();
    expect((await sign(cookie, consentId)).statusCode).toBe(200);
    const twice = await sign(cookie, consentId);
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'paperwork_already_signed', field: 'assignmentId' });
    expect(await countRows('paperwork_signatures', consentId)).toBe(1);

    const reset = await app.inject({
      method: 'POST',
      url: `/api/v1/paperwork-assignments/${consentId}/reset`,
      headers: setup.practice.owner.headers,
      payload: { reason: 'Signed with the wrong name' },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    const reopened = await ownItem(cookie, consentId);
    expect(reopened).toMatchObject({ status: 'not_signed', signatures: [], hasSignedDocument: false });
    expect((await ownPdf(cookie, consentId)).statusCode).toBe(404);

    clock.set('2026-03-05T12:05:00Z');
    const resigned = await sign(cookie, consentId, { signature: SIGNATURE, typedName: 'Rosa M. Diaz' });
    expect(resigned.statusCode, resigned.body).toBe(200);
    expect(resigned.json().signatures).toEqual([expect.objectContaining({ typedName: 'Rosa M. Diaz' })]);
    expect(await countRows('paperwork_signatures', consentId)).toBe(2);
  });

  it('refuses a signature that is not a PNG or a missing typed name (400 naming the field), writing nothing', async () => {
    const { cookie, consentId } = await arrange();
    const notPng = `data:image/png;base64,${Buffer.from('GIF89a not a png at all, just text').toString('base64')}`;
    const cases: [unknown, string][] = [
      [{ signature: 'data:image/jpeg;base64,AAAA', typedName: 'Rosa Diaz' }, 'signature'],
      [{ signature: notPng, typedName: 'Rosa Diaz' }, 'signature'],
      [{ signature: `data:image/png;base64,${'A'.repeat(300_000)}`, typedName: 'Rosa Diaz' }, 'signature'],
      [{ signature: SIGNATURE, typedName: '   ' }, 'typedName'],
      [{ signature: SIGNATURE }, 'typedName'],
    ];
    for (const [payload, field] of cases) {
      const response = await sign(cookie, consentId, payload);
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
      expect(response.json().field).toBe(field);
    }
    expect(await countRows('paperwork_signatures', consentId)).toBe(0);
    expect((await ownItem(cookie, consentId)).status).toBe('not_signed');
  });

  it('refuses to sign a questionnaire (409)', async () => {
    const { cookie, questionnaireId } = await arrange();
    const response = await sign(cookie, questionnaireId);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'not_a_consent' });
  });
});

describe('a consent that needs a witness', () => {
  it('waits for a staff witness, who signs it to Signed with a new PDF; neither signs twice', async () => {
    const { setup, cookie, consentId, patientId } = await arrange({ witness: true });
    const signed = await sign(cookie, consentId);
    expect(signed.json()).toMatchObject({
      status: 'witness_signature_required',
      statusLabel: 'Witness Signature Required',
      needsAction: false,
    });
    const patientSha = signed.json<PortalPaperworkItem>().signatures[0]?.documentSha256;
    expect((await sign(cookie, consentId)).statusCode).toBe(409);

    const frontDesk = await setup.practice.signInAs('front_desk');
    const witness = (payload: unknown) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/paperwork-assignments/${consentId}/witness`,
        headers: frontDesk.headers,
        payload: payload as object,
      });
    const badWitness = await witness({ signature: SIGNATURE });
    expect(badWitness.statusCode).toBe(400);
    expect(badWitness.json()).toMatchObject({ field: 'typedName' });

    clock.set('2026-03-05T12:05:00Z');
    const witnessed = await witness({ signature: SIGNATURE, typedName: 'Jamie Front' });
    expect(witnessed.statusCode, witnessed.body).toBe(200);
    const witnessSha = witnessed.json<{ documentSha256: string }>().documentSha256;
    expect(witnessSha).not.toBe(patientSha);
    expect((await witness({ signature: SIGNATURE, typedName: 'Jamie Front' })).statusCode).toBe(409);

    const item = await ownItem(cookie, consentId);
    expect(item).toMatchObject({ status: 'signed', statusLabel: 'Signed' });
    expect(item.signatures.map((signature) => [signature.role, signature.typedName])).toEqual([
      ['patient', 'Rosa Diaz'],
      ['witness', 'Jamie Front'],
    ]);
    const pdf = await ownPdf(cookie, consentId);
    expect(createHash('sha256').update(pdf.rawPayload).digest('hex')).toBe(witnessSha);

    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/paperwork-assignments/${consentId}`,
      headers: setup.practice.owner.headers,
    });
    expect(history.json().history.map((event: { toStatus: string }) => event.toStatus)).toEqual([
      'not_signed',
      'witness_signature_required',
      'signed',
    ]);
    expect(
      (await auditTrailOf(database, setup.practice.practiceId)).find((event) => event.action === 'paperwork_assignment.witness'),
    ).toMatchObject({
      actorType: 'staff',
      actorId: frontDesk.id,
      objectId: consentId,
      details: expect.objectContaining({ patientId, documentSha256: witnessSha }),
    });
  });

  it('cannot be witnessed before the patient signs (409)', async () => {
    const { setup, consentId } = await arrange({ witness: true });
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/paperwork-assignments/${consentId}/witness`,
      headers: setup.practice.owner.headers,
      payload: { signature: SIGNATURE, typedName: 'Pat Owner' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'paperwork_not_awaiting_witness' });
    expect(await countRows('paperwork_signatures', consentId)).toBe(0);
  });
});

describe('whose paperwork', () => {
  it('answers 404 for another patient’s form: listing, answers, signature and PDF', async () => {
    const { setup, consentId, questionnaireId, cookie } = await arrange();
    expect((await sign(cookie, consentId)).statusCode).toBe(200);
    // Another patient of the same practice, signed in to the portal.
    const phone = uniquePhone();
    await addPatient(app, setup.practice, { firstName: 'Ana', lastName: 'Lopez', phone });
    const slug = `clinic-${setup.practice.practiceId.slice(0, 8)}`;
    const other = await signInPatient(app, { ...setup.practice, slug }, { channel: 'sms', phone });
    expect(itemsOf((await list(other.cookie)).json())).toEqual([]);
    for (const response of [
      await answer(other.cookie, questionnaireId, { answers: { q1: true }, submit: true }),
      await sign(other.cookie, consentId),
      await ownPdf(other.cookie, consentId),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found', field: 'assignmentId' });
    }
    expect((await ownItem(cookie, questionnaireId)).answers).toEqual({});
  });

  it('answers 404 for a form of another practice', async () => {
    const first = await arrange();
    const second = await arrange();
    expect((await sign(first.cookie, second.consentId)).statusCode).toBe(404);
    expect((await answer(first.cookie, second.questionnaireId, { answers: {} })).statusCode).toBe(404);
    expect((await ownPdf(first.cookie, second.consentId)).statusCode).toBe(404);
    const staff = await app.inject({
      method: 'GET',
      url: `/api/v1/paperwork-assignments/${second.consentId}/pdf`,
      headers: first.setup.practice.owner.headers,
    });
    expect(staff.statusCode).toBe(404);
  });

  it('keeps the realms apart: a staff session opens no portal paperwork route, a patient session no staff one', async () => {
    const { setup, cookie, consentId } = await arrange();
    expect((await sign(cookie, consentId)).statusCode).toBe(200);
    const staffCookie = setup.practice.owner.headers.cookie ?? '';
    expect((await list(staffCookie)).statusCode).toBe(401);
    expect((await ownPdf(staffCookie, consentId)).statusCode).toBe(401);
    expect((await sign(staffCookie, consentId)).statusCode).toBe(401);
    const asPatient = await app.inject({ method: 'GET', url: `/api/v1/paperwork-assignments/${consentId}/pdf`, headers: { cookie } });
    expect(asPatient.statusCode).toBe(401);
    const witnessAsPatient = await app.inject({
      method: 'POST',
      url: `/api/v1/paperwork-assignments/${consentId}/witness`,
      headers: { cookie },
      payload: { signature: SIGNATURE, typedName: 'Rosa Diaz' },
    });
    expect(witnessAsPatient.statusCode).toBe(401);
  });

  it('has no PDF for a consent not signed yet (404)', async () => {
    const { setup, cookie, consentId } = await arrange();
    expect((await ownPdf(cookie, consentId)).statusCode).toBe(404);
    const staff = await app.inject({
      method: 'GET',
      url: `/api/v1/paperwork-assignments/${consentId}/pdf`,
      headers: setup.practice.owner.headers,
    });
    expect(staff.statusCode).toBe(404);
  });
});

describe('instructions and the dashboard badge', () => {
  it('marks instructions as read once, and counts on the dashboard only the forms that still need the patient', async () => {
    const { setup, cookie, instructionsId, consentId, questionnaireId, patientId } = await arrange();
    expect(await incompletePaperwork(cookie)).toBe(3);

    const read = await markRead(cookie, instructionsId);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json()).toMatchObject({ status: 'viewed', statusLabel: 'Viewed', needsAction: false });
    expect((await markRead(cookie, instructionsId)).statusCode).toBe(200);
    const viewed = (await auditTrailOf(database, setup.practice.practiceId)).filter(
      (event) => event.action === 'paperwork_assignment.viewed',
    );
    expect(viewed).toEqual([expect.objectContaining({ actorType: 'patient', actorId: patientId, objectId: instructionsId })]);

    expect((await sign(cookie, consentId)).statusCode).toBe(200);
    expect(await incompletePaperwork(cookie)).toBe(1);
    expect((await answer(cookie, questionnaireId, { answers: { q1: true }, submit: true })).statusCode).toBe(200);
    expect(await incompletePaperwork(cookie)).toBe(0);
    expect((await list(cookie)).json().needsActionCount).toBe(0);
  });

  it('refuses to mark a consent as read (409)', async () => {
    const { cookie, consentId } = await arrange();
    const response = await markRead(cookie, consentId);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'not_instructions' });
  });
});

describe('a cancelled appointment', () => {
  it('hides its forms still to complete, keeps the completed ones, and refuses to complete the rest (409)', async () => {
    const { setup, cookie, appointmentId, consentId, questionnaireId } = await arrange();
    expect((await sign(cookie, consentId)).statusCode).toBe(200);
    const cancel = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${appointmentId}/cancel`,
      headers: setup.practice.owner.headers,
      payload: { reason: 'Patient called' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(itemsOf((await list(cookie)).json()).map((item) => item.id)).toEqual([consentId]);
    const late = await answer(cookie, questionnaireId, { answers: { q1: true }, submit: true });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'appointment_cancelled' });
    expect(await countRows('paperwork_responses', questionnaireId)).toBe(0);
    expect(await incompletePaperwork(cookie)).toBe(0);
  });
});

describe('staff who may not see the client', () => {
  it('refuses a provider limited to their own clients the PDF and the witness signature of another’s client (403), writing nothing', async () => {
    const { setup, cookie, consentId } = await arrange({ witness: true });
    expect((await sign(cookie, consentId)).statusCode).toBe(200);
    const limited = await app.inject({
      method: 'PATCH',
      url: '/api/v1/practice-settings',
      headers: setup.practice.owner.headers,
      payload: { providersManageAllAppointments: false },
    });
    expect(limited.statusCode, limited.body).toBe(200);
    // A provider with no appointment with Rosa.
    const provider = await setup.practice.signInAs('provider');
    const pdf = await app.inject({ method: 'GET', url: `/api/v1/paperwork-assignments/${consentId}/pdf`, headers: provider.headers });
    expect(pdf.statusCode).toBe(403);
    expect(pdf.json()).toMatchObject({ code: 'not_your_client' });
    const witness = await app.inject({
      method: 'POST',
      url: `/api/v1/paperwork-assignments/${consentId}/witness`,
      headers: provider.headers,
      payload: { signature: SIGNATURE, typedName: 'Pro Vider' },
    });
    expect(witness.statusCode).toBe(403);
    expect(await countRows('paperwork_signatures', consentId)).toBe(1);
    expect((await ownItem(cookie, consentId)).status).toBe('witness_signature_required');
  });

  it('refuses a provider limited to their own clients one assigned form of another’s client (403) and records no read of it', async () => {
    const { setup, consentId } = await arrange();
    const limited = await app.inject({
      method: 'PATCH',
      url: '/api/v1/practice-settings',
      headers: setup.practice.owner.headers,
      payload: { providersManageAllAppointments: false },
    });
    expect(limited.statusCode, limited.body).toBe(200);
    const provider = await setup.practice.signInAs('provider');
    const read = await app.inject({ method: 'GET', url: `/api/v1/paperwork-assignments/${consentId}`, headers: provider.headers });
    expect(read.statusCode).toBe(403);
    expect(read.json()).toMatchObject({ code: 'not_your_client' });
    const audited = await database.db.execute<{ count: number }>(
      sql`select count(*)::int as count from audit_events where action = 'paperwork_assignment.read' and object_id = ${consentId}`,
    );
    expect(audited.rows[0]?.count).toBe(0);
    const owner = await app.inject({
      method: 'GET',
      url: `/api/v1/paperwork-assignments/${consentId}`,
      headers: setup.practice.owner.headers,
    });
    expect(owner.statusCode).toBe(200);
  });
});
