import type { PaperworkTemplate } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { createManualClock, createTestApp, createTestPractice } from '../../testing/test-app.ts';
import { book, createBookablePractice, type BookablePractice } from '../appointments/appointments-test-builders.ts';
import { changePaperworkStatusWithin, createPaperworkBookingObserver } from './paperwork-assignment.ts';
import {
  appointmentPaperwork,
  assignPaperwork,
  attachPaperwork,
  createConsent,
  createInstructions,
  createQuestionnaire,
} from './paperwork-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database } = await createTestApp({ clock });

async function bookedAppointment(setup: BookablePractice, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await book(app, setup, overrides);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function putTemplate(
  setup: BookablePractice,
  templateId: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: 'PUT',
    url: `/api/v1/paperwork-templates/${templateId}`,
    headers: { ...setup.practice.owner.headers, ...headers },
    payload,
  });
}

describe('paperwork templates', () => {
  it('creates a consent, a questionnaire and instructions with their defaults', async () => {
    const setup = await createBookablePractice(app);
    const consent = await createConsent(app, setup.practice, { requiresWitnessSignature: true });
    expect(consent).toMatchObject({
      kind: 'consent',
      version: 1,
      active: true,
      format: 'plain',
      requiresSignature: true,
      requiresWitnessSignature: true,
      questions: [],
    });
    const questionnaire = await createQuestionnaire(app, setup.practice, {
      questions: [
        { label: 'Skin type', type: 'single_choice', options: ['I', 'II', 'III'], required: true },
        { id: 'allergies', label: 'Allergies', type: 'multiple_choice', options: ['Latex', 'Lidocaine'] },
        { label: 'Last treatment', type: 'date' },
        { label: 'Anything else?', type: 'short_text' },
      ],
    });
    expect(questionnaire.questions.map((question) => [question.id, question.type, question.required])).toEqual([
      ['q1', 'single_choice', true],
      ['allergies', 'multiple_choice', false],
      ['q2', 'date', false],
      ['q3', 'short_text', false],
    ]);
    expect(questionnaire).toMatchObject({ body: null, requiresSignature: false });
    const instructions = await createInstructions(app, setup.practice);
    expect(instructions).toMatchObject({ kind: 'instructions', format: 'markdown' });
    expect(instructions.body).toContain('**Avoid the sun**');

    const list = await app.inject({
      method: 'GET',
      url: '/api/v1/paperwork-templates?kind=questionnaire',
      headers: setup.practice.owner.headers,
    });
    expect(list.json().items).toEqual([expect.objectContaining({ id: questionnaire.id, questionCount: 4, version: 1 })]);
  });

  it('adds a version on every edit and keeps each earlier version exactly as it was', async () => {
    const setup = await createBookablePractice(app);
    const consent = await createConsent(app, setup.practice, { name: 'Filler consent', body: 'Version one text.' });
    const edited = await putTemplate(
      setup,
      consent.id,
      { kind: 'consent', name: 'Filler consent', body: 'Version two text.' },
      { 'if-match': '"1"' },
    );
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.headers.etag).toBe('"2"');
    expect(edited.json<PaperworkTemplate>()).toMatchObject({ version: 2, body: 'Version two text.' });
    expect(edited.json<PaperworkTemplate>().versions.map((version) => version.version)).toEqual([2, 1]);

    const first = await app.inject({
      method: 'GET',
      url: `/api/v1/paperwork-templates/${consent.id}/versions/1`,
      headers: setup.practice.owner.headers,
    });
    expect(first.json()).toMatchObject({ version: 1, body: 'Version one text.', name: 'Filler consent' });

    const unchanged = await putTemplate(setup, consent.id, { kind: 'consent', name: 'Filler consent', body: 'Version two text.' });
    expect(unchanged.json().version).toBe(2);
    const stale = await putTemplate(setup, consent.id, { kind: 'consent', name: 'Filler consent', body: 'Three' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
  });

  it('refuses to change a template’s kind', async () => {
    const setup = await createBookablePractice(app);
    const consent = await createConsent(app, setup.practice);
    const response = await putTemplate(setup, consent.id, { kind: 'instructions', name: 'Now instructions', body: 'Text' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'kind', code: 'kind_immutable' });
  });

  it.each([
    [
      'a choice question without options',
      { kind: 'questionnaire', name: 'Q', questions: [{ label: 'Pick', type: 'single_choice' }] },
      'questions[0].options',
    ],
    [
      'options on a text question',
      { kind: 'questionnaire', name: 'Q', questions: [{ label: 'Name', type: 'short_text', options: ['a', 'b'] }] },
      'questions[0].options',
    ],
    ['a questionnaire without questions', { kind: 'questionnaire', name: 'Q', questions: [] }, 'questions'],
    ['an unknown question type', { kind: 'questionnaire', name: 'Q', questions: [{ label: 'Photo', type: 'file' }] }, 'questions[0].type'],
    [
      'two questions with one id',
      {
        kind: 'questionnaire',
        name: 'Q',
        questions: [
          { id: 'a', label: 'A', type: 'date' },
          { id: 'a', label: 'B', type: 'date' },
        ],
      },
      'questions',
    ],
    ['an empty consent text', { kind: 'consent', name: 'C', body: '   ' }, 'body'],
    [
      'a witness without a patient signature',
      { kind: 'consent', name: 'C', body: 'Text', requiresSignature: false, requiresWitnessSignature: true },
      'requiresWitnessSignature',
    ],
    ['an unknown kind', { kind: 'waiver', name: 'W', body: 'Text' }, 'kind'],
    ['a missing name', { kind: 'instructions', body: 'Text' }, 'name'],
  ])('refuses %s with 400 naming the field', async (_label, payload, field) => {
    const setup = await createBookablePractice(app);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/paperwork-templates',
      headers: setup.practice.owner.headers,
      payload,
    });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json().field).toBe(field);
    const list = await app.inject({ method: 'GET', url: '/api/v1/paperwork-templates', headers: setup.practice.owner.headers });
    expect(list.json().items).toEqual([]);
  });

  it('deactivates instead of deleting: a deactivated template is listed as inactive and no longer attachable', async () => {
    const setup = await createBookablePractice(app);
    const instructions = await createInstructions(app, setup.practice);
    const deactivated = await app.inject({
      method: 'POST',
      url: `/api/v1/paperwork-templates/${instructions.id}/deactivate`,
      headers: setup.practice.owner.headers,
    });
    expect(deactivated.json()).toMatchObject({ active: false, version: 1 });
    const active = await app.inject({
      method: 'GET',
      url: '/api/v1/paperwork-templates?active=true',
      headers: setup.practice.owner.headers,
    });
    expect(active.json().items).toEqual([]);
    const attach = await app.inject({
      method: 'PUT',
      url: `/api/v1/services/${setup.consultation.id}/paperwork`,
      headers: setup.practice.owner.headers,
      payload: { templateIds: [instructions.id] },
    });
    expect(attach.statusCode).toBe(400);
    expect(attach.json()).toMatchObject({ field: 'templateIds[0]', code: 'template_inactive' });
    const reactivated = await app.inject({
      method: 'POST',
      url: `/api/v1/paperwork-templates/${instructions.id}/reactivate`,
      headers: setup.practice.owner.headers,
    });
    expect(reactivated.json().active).toBe(true);
  });
});

describe('paperwork attached to services', () => {
  it('keeps the forms of a service in the order given and replaces them', async () => {
    const setup = await createBookablePractice(app);
    const consent = await createConsent(app, setup.practice);
    const questionnaire = await createQuestionnaire(app, setup.practice);
    await attachPaperwork(app, setup.practice, setup.laserTreatment.id, [questionnaire.id, consent.id]);
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/services/${setup.laserTreatment.id}/paperwork`,
      headers: setup.practice.owner.headers,
    });
    expect(read.json().items.map((item: { templateId: string }) => item.templateId)).toEqual([questionnaire.id, consent.id]);
    await attachPaperwork(app, setup.practice, setup.laserTreatment.id, [consent.id]);
    const again = await app.inject({
      method: 'GET',
      url: `/api/v1/services/${setup.laserTreatment.id}/paperwork`,
      headers: setup.practice.owner.headers,
    });
    expect(again.json()).toEqual({
      serviceId: setup.laserTreatment.id,
      items: [{ templateId: consent.id, kind: 'consent', name: consent.name, active: true, version: 1 }],
    });
  });

  it('answers 404 for an unknown service or template', async () => {
    const setup = await createBookablePractice(app);
    const consent = await createConsent(app, setup.practice);
    const unknownService = await app.inject({
      method: 'PUT',
      url: '/api/v1/services/00000000-0000-4000-8000-000000000000/paperwork',
      headers: setup.practice.owner.headers,
      payload: { templateIds: [consent.id] },
    });
    expect(unknownService.statusCode).toBe(404);
    expect(unknownService.json().field).toBe('serviceId');
    const unknownTemplate = await app.inject({
      method: 'PUT',
      url: `/api/v1/services/${setup.consultation.id}/paperwork`,
      headers: setup.practice.owner.headers,
      payload: { templateIds: [consent.id, '00000000-0000-4000-8000-000000000000'] },
    });
    expect(unknownTemplate.statusCode).toBe(404);
    expect(unknownTemplate.json().field).toBe('templateIds[1]');
    const repeated = await app.inject({
      method: 'PUT',
      url: `/api/v1/services/${setup.consultation.id}/paperwork`,
      headers: setup.practice.owner.headers,
      payload: { templateIds: [consent.id, consent.id] },
    });
    expect(repeated.statusCode).toBe(400);
  });
});

describe('assigning paperwork for an appointment', () => {
  it('assigns each service’s forms once when booked, at their current version, with the starting status of each kind', async () => {
    const setup = await createBookablePractice(app);
    const consent = await createConsent(app, setup.practice, { requiresWitnessSignature: true });
    const questionnaire = await createQuestionnaire(app, setup.practice);
    const instructions = await createInstructions(app, setup.practice);
    await attachPaperwork(app, setup.practice, setup.consultation.id, [questionnaire.id, consent.id]);
    await attachPaperwork(app, setup.practice, setup.laserTreatment.id, [consent.id, instructions.id]);
    const appointmentId = await bookedAppointment(setup, { serviceIds: [setup.consultation.id, setup.laserTreatment.id] });

    // The booking itself assigned them; asking again creates nothing.
    const first = { items: await appointmentPaperwork(app, setup.practice, appointmentId) };
    expect(first.items).toHaveLength(3);
    const byTemplate = new Map(first.items.map((item) => [item.templateId, item]));
    expect(byTemplate.get(consent.id)).toMatchObject({
      kind: 'consent',
      status: 'not_signed',
      requiresWitnessSignature: true,
      templateVersion: 1,
    });
    expect(byTemplate.get(questionnaire.id)).toMatchObject({ kind: 'questionnaire', status: 'not_filled' });
    expect(byTemplate.get(instructions.id)).toMatchObject({ kind: 'instructions', status: 'not_viewed' });
    expect(first.items.every((item) => item.appointmentStart === '2026-03-03T15:00:00.000Z')).toBe(true);

    const repeat = await assignPaperwork(app, setup.practice, appointmentId);
    expect(repeat.created).toBe(0);
    expect(repeat.items).toHaveLength(3);

    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointmentId}/history`,
      headers: setup.practice.owner.headers,
    });
    const assigned = history.json().items.filter((event: { type: string }) => event.type === 'paperwork_assigned');
    expect(assigned).toHaveLength(1);
    expect(assigned[0].details.assignments).toHaveLength(3);
  });

  it('keeps what an assignment asks for when the template is edited later, and assigns the new version to later bookings', async () => {
    const setup = await createBookablePractice(app);
    const consent = await createConsent(app, setup.practice, { body: 'Original wording.' });
    await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id]);
    const earlier = await bookedAppointment(setup);
    await assignPaperwork(app, setup.practice, earlier);
    await putTemplate(setup, consent.id, { kind: 'consent', name: consent.name, body: 'New wording.' });
    const later = await bookedAppointment(setup, { start: '2026-03-04T15:00:00Z' });
    await assignPaperwork(app, setup.practice, later);

    const [kept] = await appointmentPaperwork(app, setup.practice, earlier);
    expect(kept?.templateVersion).toBe(1);
    const seen = await app.inject({
      method: 'GET',
      url: `/api/v1/paperwork-templates/${consent.id}/versions/${kept?.templateVersion}`,
      headers: setup.practice.owner.headers,
    });
    expect(seen.json().body).toBe('Original wording.');
    expect((await appointmentPaperwork(app, setup.practice, later))[0]?.templateVersion).toBe(2);
  });

  it('skips deactivated templates and answers 409 for a cancelled appointment', async () => {
    const setup = await createBookablePractice(app);
    const consent = await createConsent(app, setup.practice);
    const questionnaire = await createQuestionnaire(app, setup.practice);
    await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id, questionnaire.id]);
    await app.inject({
      method: 'POST',
      url: `/api/v1/paperwork-templates/${questionnaire.id}/deactivate`,
      headers: setup.practice.owner.headers,
    });
    const appointmentId = await bookedAppointment(setup);
    const assigned = await assignPaperwork(app, setup.practice, appointmentId);
    expect(assigned.items.map((item) => item.templateId)).toEqual([consent.id]);

    const cancelledId = await bookedAppointment(setup, { start: '2026-03-05T15:00:00Z' });
    await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${cancelledId}/cancel`,
      headers: setup.practice.owner.headers,
      payload: { reason: 'Patient is ill' },
    });
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${cancelledId}/paperwork/assign`,
      headers: setup.practice.owner.headers,
    });
    expect(refused.statusCode).toBe(409);
  });

  it('assigns a service’s forms when the appointment is booked, without any further request', async () => {
    const setup = await createBookablePractice(app);
    const questionnaire = await createQuestionnaire(app, setup.practice);
    await attachPaperwork(app, setup.practice, setup.consultation.id, [questionnaire.id]);
    const appointmentId = await bookedAppointment(setup);
    const items = await appointmentPaperwork(app, setup.practice, appointmentId);
    expect(items).toEqual([
      expect.objectContaining({ templateId: questionnaire.id, status: 'not_filled', assignedAt: clock.now().toISOString() }),
    ]);
  });

  it('assigns nothing when the booking fails, because the forms are written in the booking’s transaction', async () => {
    const setup = await createBookablePractice(app);
    const questionnaire = await createQuestionnaire(app, setup.practice);
    await attachPaperwork(app, setup.practice, setup.consultation.id, [questionnaire.id]);
    await bookedAppointment(setup);
    const clash = await book(app, setup);
    expect(clash.statusCode).toBe(409);
    const forms = await app.inject({
      method: 'GET',
      url: `/api/v1/patients/${setup.patientId}/paperwork`,
      headers: setup.practice.owner.headers,
    });
    expect(forms.json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('assigns the forms of a service added when the appointment is edited', async () => {
    const setup = await createBookablePractice(app);
    const questionnaire = await createQuestionnaire(app, setup.practice);
    const appointmentId = await bookedAppointment(setup);
    expect(await appointmentPaperwork(app, setup.practice, appointmentId)).toEqual([]);
    await attachPaperwork(app, setup.practice, setup.consultation.id, [questionnaire.id]);
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${appointmentId}`,
      headers: { ...setup.practice.owner.headers, 'if-match': '"1"' },
      payload: { start: '2026-03-03T16:00:00Z' },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await appointmentPaperwork(app, setup.practice, appointmentId)).toEqual([
      expect.objectContaining({ templateId: questionnaire.id, status: 'not_filled' }),
    ]);
  });

  it('keeps the observer usable on its own, inside a caller’s transaction', async () => {
    const setup = await createBookablePractice(app);
    const questionnaire = await createQuestionnaire(app, setup.practice);
    const appointmentId = await bookedAppointment(setup);
    await attachPaperwork(app, setup.practice, setup.consultation.id, [questionnaire.id]);
    const observer = createPaperworkBookingObserver({ now: () => clock.now() });
    await inPractice(database, setup.practice.practiceId, (tx) =>
      observer.onAppointmentBooked(tx, setup.practice.practiceId, {
        id: appointmentId,
        patientId: setup.patientId,
        serviceIds: [setup.consultation.id],
        startsAt: new Date('2026-03-03T15:00:00Z'),
        actorStaffId: setup.practice.owner.id,
      }),
    );
    expect(await appointmentPaperwork(app, setup.practice, appointmentId)).toEqual([
      expect.objectContaining({ templateId: questionnaire.id, status: 'not_filled' }),
    ]);
  });

  it('lists a patient’s forms across appointments', async () => {
    const setup = await createBookablePractice(app);
    const consent = await createConsent(app, setup.practice);
    await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id]);
    const first = await bookedAppointment(setup);
    const second = await bookedAppointment(setup, { start: '2026-03-04T15:00:00Z' });
    await assignPaperwork(app, setup.practice, first);
    await assignPaperwork(app, setup.practice, second);
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/patients/${setup.patientId}/paperwork`,
      headers: setup.practice.owner.headers,
    });
    expect(response.statusCode).toBe(200);
    expect(
      response
        .json()
        .items.map((item: { appointmentId: string }) => item.appointmentId)
        .sort(),
    ).toEqual([first, second].sort());
    const audit = await app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?objectType=patient',
      headers: setup.practice.owner.headers,
    });
    expect(audit.json().items.map((event: { action: string }) => event.action)).toContain('paperwork.list');
  });
});

describe('resetting a form', () => {
  it('takes a signed consent back to Not Signed and keeps the history', async () => {
    const setup = await createBookablePractice(app);
    const consent = await createConsent(app, setup.practice, { requiresWitnessSignature: true });
    await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id]);
    const appointmentId = await bookedAppointment(setup);
    const [assignment] = (await assignPaperwork(app, setup.practice, appointmentId)).items;
    if (!assignment) throw new Error('no assignment');

    const early = await app.inject({
      method: 'POST',
      url: `/api/v1/paperwork-assignments/${assignment.id}/reset`,
      headers: setup.practice.owner.headers,
      payload: {},
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('paperwork_not_completed');

    // The portal's side: the patient signs, then the witness.
    await inPractice(database, setup.practice.practiceId, async (tx) => {
      await expect(
        changePaperworkStatusWithin(tx, setup.practice.practiceId, { assignmentId: assignment.id, status: 'signed' }),
      ).rejects.toThrow(/cannot become signed/);
    });
    await inPractice(database, setup.practice.practiceId, (tx) =>
      changePaperworkStatusWithin(tx, setup.practice.practiceId, { assignmentId: assignment.id, status: 'witness_signature_required' }),
    );
    expect((await appointmentPaperwork(app, setup.practice, appointmentId))[0]?.status).toBe('witness_signature_required');
    await inPractice(database, setup.practice.practiceId, (tx) =>
      changePaperworkStatusWithin(tx, setup.practice.practiceId, {
        assignmentId: assignment.id,
        status: 'signed',
        actorStaffId: setup.practice.owner.id,
      }),
    );

    const frontDesk = await setup.practice.signInAs('front_desk');
    const reset = await app.inject({
      method: 'POST',
      url: `/api/v1/paperwork-assignments/${assignment.id}/reset`,
      headers: frontDesk.headers,
      payload: { reason: 'Signed the wrong name' },
    });
    expect(reset.statusCode, reset.body).toBe(200);
    expect(reset.json()).toMatchObject({ status: 'not_signed', resetCount: 1, templateVersion: 1 });

    const detail = await app.inject({
      method: 'GET',
      url: `/api/v1/paperwork-assignments/${assignment.id}`,
      headers: setup.practice.owner.headers,
    });
    expect(detail.json().history.map((event: { type: string; toStatus: string }) => [event.type, event.toStatus])).toEqual([
      ['assigned', 'not_signed'],
      ['status_changed', 'witness_signature_required'],
      ['status_changed', 'signed'],
      ['reset', 'not_signed'],
    ]);
    expect(detail.json().history.at(-1).details).toEqual({ reason: 'Signed the wrong name' });
  });
});

describe('paperwork access', () => {
  it('lets owners and admins write templates, every staff member read them, and not providers reset forms', async () => {
    const setup = await createBookablePractice(app);
    const admin = await setup.practice.signInAs('admin');
    const frontDesk = await setup.practice.signInAs('front_desk');
    const provider = await setup.practice.signInAs('provider');
    const payload = { kind: 'instructions', name: 'Aftercare', body: 'Keep it clean.' };
    expect((await app.inject({ method: 'POST', url: '/api/v1/paperwork-templates', headers: admin.headers, payload })).statusCode).toBe(
      201,
    );
    expect((await app.inject({ method: 'POST', url: '/api/v1/paperwork-templates', headers: frontDesk.headers, payload })).statusCode).toBe(
      403,
    );
    expect((await app.inject({ method: 'POST', url: '/api/v1/paperwork-templates', headers: provider.headers, payload })).statusCode).toBe(
      403,
    );
    const list = await app.inject({ method: 'GET', url: '/api/v1/paperwork-templates', headers: provider.headers });
    expect(list.statusCode).toBe(200);
    const templateId = list.json().items[0].id as string;
    const attach = await app.inject({
      method: 'PUT',
      url: `/api/v1/services/${setup.consultation.id}/paperwork`,
      headers: frontDesk.headers,
      payload: { templateIds: [templateId] },
    });
    expect(attach.statusCode).toBe(403);
    const reset = await app.inject({
      method: 'POST',
      url: '/api/v1/paperwork-assignments/00000000-0000-4000-8000-000000000000/reset',
      headers: provider.headers,
      payload: {},
    });
    expect(reset.statusCode).toBe(403);
  });

  it('hides one practice’s templates, attachments and assignments from another', async () => {
    const setup = await createBookablePractice(app);
    const consent = await createConsent(app, setup.practice);
    await attachPaperwork(app, setup.practice, setup.consultation.id, [consent.id]);
    const appointmentId = await bookedAppointment(setup);
    const [assignment] = (await assignPaperwork(app, setup.practice, appointmentId)).items;
    const stranger = await createTestPractice(app);
    const headers = stranger.owner.headers;

    expect((await app.inject({ method: 'GET', url: `/api/v1/paperwork-templates/${consent.id}`, headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: '/api/v1/paperwork-templates', headers })).json().items).toEqual([]);
    expect((await app.inject({ method: 'GET', url: `/api/v1/services/${setup.consultation.id}/paperwork`, headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/appointments/${appointmentId}/paperwork`, headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: `/api/v1/appointments/${appointmentId}/paperwork/assign`, headers })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ method: 'GET', url: `/api/v1/patients/${setup.patientId}/paperwork`, headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/v1/paperwork-assignments/${assignment?.id}`, headers })).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: `/api/v1/paperwork-assignments/${assignment?.id}/reset`, headers, payload: {} })).statusCode,
    ).toBe(404);
    const edit = await app.inject({
      method: 'PUT',
      url: `/api/v1/paperwork-templates/${consent.id}`,
      headers,
      payload: { kind: 'consent', name: 'Hijack', body: 'x' },
    });
    expect(edit.statusCode).toBe(404);

    // Another practice's template cannot be attached to one's own service.
    const ownService = await app.inject({
      method: 'POST',
      url: '/api/v1/services',
      headers,
      payload: { name: 'Peel', durationMinutes: 30, priceCents: 5000 },
    });
    const attach = await app.inject({
      method: 'PUT',
      url: `/api/v1/services/${ownService.json().id}/paperwork`,
      headers,
      payload: { templateIds: [consent.id] },
    });
    expect(attach.statusCode).toBe(404);
  });
});
