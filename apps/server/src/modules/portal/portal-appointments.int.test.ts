import { describe, expect, it } from 'vitest';
import { book, type createBookablePractice } from '../appointments/appointments-test-builders.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { auditTrailOf, createPortalWithPatient, messagesTo, signInPatient } from './portal-test-support.ts';

const clock = createManualClock('2026-03-01T12:00:00Z');
const { app, database } = await createTestApp({ clock });

async function bookFor(
  setup: Awaited<ReturnType<typeof createBookablePractice>>,
  patientId: string,
  overrides: Record<string, unknown>,
): Promise<string> {
  const response = await book(app, setup, { patientId, ...overrides });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

const list = (cookie: string, scope?: string) =>
  app.inject({ method: 'GET', url: `/api/v1/portal/appointments${scope ? `?scope=${scope}` : ''}`, headers: { cookie } });

describe('portal appointments', () => {
  it("lists the patient's own upcoming and past appointments apart, and nobody else's", async () => {
    clock.set('2026-03-01T12:00:00Z');
    const { setup, portalPractice, phone, patientId } = await createPortalWithPatient(app);
    const yesterday = await bookFor(setup, patientId, { start: '2026-03-02T15:00:00Z' });
    const nextWeek = await bookFor(setup, patientId, {
      start: '2026-03-10T15:00:00Z',
      mode: 'virtual',
      serviceIds: [setup.consultation.id],
    });
    const soon = await bookFor(setup, patientId, { start: '2026-03-09T14:00:00Z', serviceIds: [setup.laserTreatment.id] });
    const cancelled = await bookFor(setup, patientId, { start: '2026-03-11T15:00:00Z' });
    const cancel = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${cancelled}/cancel`,
      headers: setup.practice.owner.headers,
      payload: { reason: 'Patient called' },
    });
    expect(cancel.statusCode).toBe(200);
    // Another patient's appointment at the same time, and the provider's out-of-office block.
    await bookFor(setup, setup.patientId, { start: '2026-03-10T15:00:00Z', providerId: setup.providerB.id });
    const block = await book(app, setup, {
      kind: 'out_of_office',
      mode: undefined,
      serviceIds: undefined,
      patientId: undefined,
      title: 'Training',
      start: '2026-03-12T15:00:00Z',
      end: '2026-03-12T17:00:00Z',
    });
    expect(block.statusCode).toBe(201);

    clock.set('2026-03-05T12:00:00Z');
    const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    const upcoming = await list(cookie);
    expect(upcoming.statusCode).toBe(200);
    expect(upcoming.json().items.map((item: { id: string }) => item.id)).toEqual([soon, nextWeek, cancelled]);
    expect(upcoming.json().items[0]).toMatchObject({
      status: 'booked',
      mode: 'in_person',
      startsAt: '2026-03-09T14:00:00.000Z',
      services: ['Laser hair removal'],
      clinic: { id: setup.clinic.id, timezone: 'America/New_York' },
      provider: { id: setup.providerA.id, name: setup.providerA.displayName },
    });
    expect(upcoming.json().items[1]).toMatchObject({ mode: 'virtual', services: ['Consultation'] });
    expect(upcoming.json().items[2]).toMatchObject({ status: 'cancelled' });

    const past = await list(cookie, 'past');
    expect(past.json().items.map((item: { id: string }) => item.id)).toEqual([yesterday]);

    const listed = (await auditTrailOf(database, setup.practice.practiceId)).filter(
      (event) => event.action === 'appointment.list' && event.actorType === 'patient',
    );
    expect(listed).toEqual([
      expect.objectContaining({
        actorId: patientId,
        details: { via: 'portal', scope: 'upcoming', appointmentIds: [soon, nextWeek, cancelled] },
      }),
      expect.objectContaining({ actorId: patientId, details: { via: 'portal', scope: 'past', appointmentIds: [yesterday] } }),
    ]);
  });

  it('moves a finished appointment to the past even before its time is over', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const { setup, portalPractice, phone, patientId } = await createPortalWithPatient(app);
    const today = await bookFor(setup, patientId, { start: '2026-03-01T13:00:00Z' });
    for (const step of ['check-in', 'complete']) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/appointments/${today}/${step}`,
        headers: setup.practice.owner.headers,
        payload: {},
      });
      expect(response.statusCode, response.body).toBe(200);
    }
    const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    expect((await list(cookie, 'upcoming')).json().items).toEqual([]);
    expect((await list(cookie, 'past')).json().items).toMatchObject([{ id: today, status: 'completed' }]);
  });

  it('refuses an unknown scope with 400 naming it, and answers 401 without a profile opened', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const { portalPractice, phone } = await createPortalWithPatient(app);
    const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    const bad = await list(cookie, 'tomorrow');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('scope');
    expect((await list('glowdesk_patient_session=none')).statusCode).toBe(401);
  });
});

const confirm = (cookie: string, appointmentId: string) =>
  app.inject({ method: 'POST', url: `/api/v1/portal/appointments/${appointmentId}/confirm`, headers: { cookie } });

describe('confirming an appointment in the portal', () => {
  it("confirms the patient's own booked appointment: the staff book shows it, its history names the patient, the clinic is alerted once", async () => {
    clock.set('2026-03-01T12:00:00Z');
    const { setup, portalPractice, phone, patientId } = await createPortalWithPatient(app);
    const clinicUpdate = await app.inject({
      method: 'PATCH',
      url: `/api/v1/clinics/${setup.clinic.id}`,
      headers: setup.practice.owner.headers,
      payload: { notificationEmail: 'desk@clinic.test' },
    });
    expect(clinicUpdate.statusCode, clinicUpdate.body).toBe(200);
    const appointmentId = await bookFor(setup, patientId, { start: '2026-03-03T15:00:00Z' });
    const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });

    const confirmed = await confirm(cookie, appointmentId);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ id: appointmentId, status: 'confirmed', clinic: { id: setup.clinic.id } });

    const staffView = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointmentId}`,
      headers: setup.practice.owner.headers,
    });
    expect(staffView.json().status).toBe('confirmed');
    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointmentId}/history`,
      headers: setup.practice.owner.headers,
    });
    expect(JSON.stringify(history.json())).toContain('"by":"patient"');
    const alerts = await messagesTo(database, setup.practice.practiceId, 'desk@clinic.test');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.textBody).toContain('Rosa Diaz confirmed the appointment on Tuesday, March 3, 2026');

    const again = await confirm(cookie, appointmentId);
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('confirmed');
    expect(await messagesTo(database, setup.practice.practiceId, 'desk@clinic.test')).toHaveLength(1);
    const confirmations = (await auditTrailOf(database, setup.practice.practiceId)).filter(
      (event) => event.action === 'appointment.confirmed',
    );
    expect(confirmations).toEqual([expect.objectContaining({ actorType: 'patient', actorId: patientId, objectId: appointmentId })]);
  });

  it("answers 404 for another patient's appointment, an out-of-office block or an unknown id, and changes nothing", async () => {
    clock.set('2026-03-01T12:00:00Z');
    const { setup, portalPractice, phone } = await createPortalWithPatient(app);
    const someoneElses = await bookFor(setup, setup.patientId, { start: '2026-03-03T15:00:00Z' });
    const block = await book(app, setup, {
      kind: 'out_of_office',
      mode: undefined,
      serviceIds: undefined,
      patientId: undefined,
      title: 'Training',
      start: '2026-03-04T15:00:00Z',
      end: '2026-03-04T17:00:00Z',
    });
    const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    for (const appointmentId of [someoneElses, block.json<{ id: string }>().id, '00000000-0000-4000-8000-000000000000']) {
      const response = await confirm(cookie, appointmentId);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found', field: 'appointmentId' });
    }
    const staffView = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${someoneElses}`,
      headers: setup.practice.owner.headers,
    });
    expect(staffView.json().status).toBe('booked');
    expect((await confirm(cookie, 'not-an-id')).json().field).toBe('appointmentId');
  });

  it('refuses to confirm a cancelled appointment or one that has started, with 409', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const { setup, portalPractice, phone, patientId } = await createPortalWithPatient(app);
    const cancelled = await bookFor(setup, patientId, { start: '2026-03-03T15:00:00Z' });
    await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${cancelled}/cancel`,
      headers: setup.practice.owner.headers,
      payload: { reason: 'Sick' },
    });
    const startingNow = await bookFor(setup, patientId, { start: '2026-03-01T14:00:00Z' });
    clock.set('2026-03-01T14:00:00Z');
    const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    const refusedCancelled = await confirm(cookie, cancelled);
    expect(refusedCancelled.statusCode).toBe(409);
    expect(refusedCancelled.json().code).toBe('invalid_status');
    const refusedStarted = await confirm(cookie, startingNow);
    expect(refusedStarted.statusCode).toBe(409);
    expect(refusedStarted.json().code).toBe('confirm_window_closed');
  });
});
