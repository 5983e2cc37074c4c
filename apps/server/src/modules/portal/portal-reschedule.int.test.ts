import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import {
  addPatient,
  auditTrailOf,
  createPortalWithPatient,
  messagesTo,
  setClinicAlerts,
  setPortalWindows,
  signInPatient,
  uniquePhone,
} from './portal-test-support.ts';

// Sunday 1 March 2026, 07:00 in New York; providers work 08:00–20:00.
const clock = createManualClock('2026-03-01T12:00:00Z');
const { app, database } = await createTestApp({ clock });

/** Thursday 10:00 in New York. */
const BOOKED = '2026-03-05T15:00:00Z';
/** Friday 10:00 in New York. */
const TARGET = '2026-03-06T15:00:00Z';

const reschedule = (cookie: string, appointmentId: string, payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: `/api/v1/portal/appointments/${appointmentId}/reschedule`, headers: { cookie }, payload });

const availability = (cookie: string, appointmentId: string, query: Record<string, string>) =>
  app.inject({
    method: 'GET',
    url: `/api/v1/portal/appointments/${appointmentId}/reschedule-availability?${new URLSearchParams(query).toString()}`,
    headers: { cookie },
  });

async function arrange() {
  clock.set('2026-03-01T12:00:00Z');
  const arranged = await createPortalWithPatient(app);
  const { setup, portalPractice, phone } = arranged;
  await setClinicAlerts(app, setup.practice, setup.clinic.id, { notificationEmail: 'desk@clinic.test' });
  const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
  return { ...arranged, cookie };
}

async function bookFor(setup: Awaited<ReturnType<typeof arrange>>['setup'], overrides: Record<string, unknown>): Promise<string> {
  const response = await book(app, setup, overrides);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function staffView(setup: Awaited<ReturnType<typeof arrange>>['setup'], appointmentId: string) {
  return (await app.inject({ method: 'GET', url: `/api/v1/appointments/${appointmentId}`, headers: setup.practice.owner.headers })).json();
}

describe('choosing a new time in the portal', () => {
  it("lists open starts for the appointment's own services, with the given provider or any, leaving out taken times", async () => {
    const { setup, patientId, cookie } = await arrange();
    const appointmentId = await bookFor(setup, { patientId, start: BOOKED });
    // Another patient holds provider A from 10:00 to 10:30 on Friday.
    await bookFor(setup, { start: TARGET });
    const range = { from: '2026-03-06T14:00:00Z', to: '2026-03-06T17:00:00Z' };

    const any = await availability(cookie, appointmentId, range);
    expect(any.statusCode, any.body).toBe(200);
    const body = any.json();
    expect(body).toMatchObject({ appointmentId, clinicId: setup.clinic.id, timezone: 'America/New_York' });
    const atTarget = body.slots.find((slot: { start: string }) => slot.start === '2026-03-06T15:00:00.000Z');
    expect(atTarget).toMatchObject({ end: '2026-03-06T15:30:00.000Z', providerIds: [setup.providerB.id] });
    expect(body.providers).toEqual(
      expect.arrayContaining([
        { id: setup.providerA.id, name: setup.providerA.displayName },
        { id: setup.providerB.id, name: setup.providerB.displayName },
      ]),
    );

    const withA = (await availability(cookie, appointmentId, { ...range, providerId: setup.providerA.id })).json();
    expect(withA.slots.map((slot: { start: string }) => slot.start)).not.toContain('2026-03-06T15:00:00.000Z');
    expect(withA.slots.every((slot: { providerIds: string[] }) => slot.providerIds.includes(setup.providerA.id))).toBe(true);
  });

  it('offers no start inside the reschedule window, and refuses a search once the window has closed (409)', async () => {
    const { setup, portalPractice, phone, patientId, cookie } = await arrange();
    const appointmentId = await bookFor(setup, { patientId, start: BOOKED });
    const soon = (await availability(cookie, appointmentId, { from: '2026-03-01T13:00:00Z', to: '2026-03-03T01:00:00Z' })).json();
    expect(soon.slots.length).toBeGreaterThan(0);
    expect(soon.slots.every((slot: { start: string }) => slot.start >= '2026-03-02T12:00:00.000Z')).toBe(true);

    clock.set('2026-03-04T16:00:00Z');
    const { cookie: later } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    const closed = await availability(later, appointmentId, { from: '2026-03-06T14:00:00Z', to: '2026-03-06T17:00:00Z' });
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ code: 'reschedule_window_closed', field: 'appointmentId' });
  });
});

describe('rescheduling an appointment in the portal', () => {
  it('moves the patient’s own appointment with the same services: the book shows it, the clinic is alerted, the patient is the audited actor', async () => {
    const { setup, patientId, cookie } = await arrange();
    const appointmentId = await bookFor(setup, { patientId, start: BOOKED });
    const moved = await reschedule(cookie, appointmentId, { start: TARGET, providerId: setup.providerA.id });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      id: appointmentId,
      status: 'booked',
      startsAt: '2026-03-06T15:00:00.000Z',
      endsAt: '2026-03-06T15:30:00.000Z',
      services: ['Consultation'],
      provider: { id: setup.providerA.id },
    });
    expect(await staffView(setup, appointmentId)).toMatchObject({ start: '2026-03-06T15:00:00.000Z', status: 'booked' });
    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointmentId}/history`,
      headers: setup.practice.owner.headers,
    });
    expect(JSON.stringify(history.json())).toMatch(/"type":"rescheduled".*"by":"patient"|"by":"patient".*"type":"rescheduled"/);
    const [alert] = await messagesTo(database, setup.practice.practiceId, 'desk@clinic.test');
    expect(alert?.textBody).toContain(
      'Rosa Diaz moved the appointment on Thursday, March 5, 2026 at 10:00 AM to Friday, March 6, 2026 at 10:00 AM',
    );
    const audited = (await auditTrailOf(database, setup.practice.practiceId)).filter((event) => event.action === 'appointment.rescheduled');
    expect(audited).toEqual([
      expect.objectContaining({
        actorType: 'patient',
        actorId: patientId,
        objectId: appointmentId,
        details: { via: 'portal', patientId, from: '2026-03-05T15:00:00.000Z', to: '2026-03-06T15:00:00.000Z' },
      }),
    ]);
  });

  it('takes any free provider at the clinic when none is given, keeping the current one when free', async () => {
    const { setup, patientId, cookie } = await arrange();
    const appointmentId = await bookFor(setup, { patientId, start: BOOKED });
    await bookFor(setup, { start: TARGET });
    const moved = await reschedule(cookie, appointmentId, { start: TARGET });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().provider.id).toBe(setup.providerB.id);
    const again = await reschedule(cookie, appointmentId, { start: '2026-03-06T18:00:00Z' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().provider.id).toBe(setup.providerB.id);
  });

  it('answers 409 "that time was just taken" for a time someone holds, naming nobody, and leaves the appointment where it was', async () => {
    const { setup, patientId, cookie } = await arrange();
    const appointmentId = await bookFor(setup, { patientId, start: BOOKED, serviceIds: [setup.laserTreatment.id] });
    // The clinic's one laser is taken at the target time by another patient with provider B.
    const other = await bookFor(setup, { start: TARGET, serviceIds: [setup.laserTreatment.id], providerId: setup.providerB.id });
    for (const providerId of [setup.providerA.id, setup.providerB.id]) {
      const refused = await reschedule(cookie, appointmentId, { start: TARGET, providerId });
      expect(refused.statusCode).toBe(409);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({
        code: 'booking_conflict',
        field: 'start',
        detail: 'That time was just taken. Please choose another time.',
      });
      expect(refused.body).not.toContain(other);
    }
    expect(await staffView(setup, appointmentId)).toMatchObject({ start: BOOKED.replace('Z', '.000Z'), version: 1 });
    expect(await messagesTo(database, setup.practice.practiceId, 'desk@clinic.test')).toEqual([]);
  });

  it('lets only one of two patients racing for the same time have it, never a double booking', async () => {
    const { setup, portalPractice, patientId, cookie } = await arrange();
    const otherPhone = uniquePhone();
    const otherPatientId = await addPatient(app, setup.practice, { firstName: 'Ada', lastName: 'King', phone: otherPhone });
    const other = await signInPatient(app, portalPractice, { channel: 'sms', phone: otherPhone });
    const mine = await bookFor(setup, { patientId, start: BOOKED, serviceIds: [setup.laserTreatment.id] });
    const theirs = await bookFor(setup, {
      patientId: otherPatientId,
      start: '2026-03-05T18:00:00Z',
      serviceIds: [setup.laserTreatment.id],
      providerId: setup.providerB.id,
    });
    const answers = await Promise.all([
      reschedule(cookie, mine, { start: TARGET, providerId: setup.providerA.id }),
      reschedule(other.cookie, theirs, { start: TARGET, providerId: setup.providerB.id }),
    ]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409]);
    const loser = answers.find((answer) => answer.statusCode === 409);
    expect(loser?.json().detail).toBe('That time was just taken. Please choose another time.');
    const book = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments?from=2026-03-06T05:00:00Z&to=2026-03-07T05:00:00Z`,
      headers: setup.practice.owner.headers,
    });
    expect(book.json().items.filter((item: { start: string }) => item.start === '2026-03-06T15:00:00.000Z')).toHaveLength(1);
  });

  it('refuses once the reschedule window has closed (409), and a new start inside it (400 naming start)', async () => {
    const { setup, patientId, cookie } = await arrange();
    await setPortalWindows(app, setup.practice, { reschedule: 36 });
    // Monday 08:00 in New York: 25 hours away, inside a 36-hour window.
    const tomorrow = await bookFor(setup, { patientId, start: '2026-03-02T13:00:00Z' });
    const closed = await reschedule(cookie, tomorrow, { start: TARGET });
    expect(closed.statusCode).toBe(409);
    expect(closed.json()).toMatchObject({ code: 'reschedule_window_closed', field: 'appointmentId' });
    expect(closed.json().detail).toContain('36 hours before');

    const later = await bookFor(setup, { patientId, start: BOOKED });
    const tooSoon = await reschedule(cookie, later, { start: '2026-03-02T15:00:00Z' });
    expect(tooSoon.statusCode).toBe(400);
    expect(tooSoon.json()).toMatchObject({ code: 'start_too_soon', field: 'start' });
    expect(await staffView(setup, later)).toMatchObject({ start: '2026-03-05T15:00:00.000Z' });
  });

  it("answers 404 for another patient's appointment, to the reschedule and to the search alike", async () => {
    const { setup, cookie } = await arrange();
    const someoneElses = await bookFor(setup, { start: BOOKED });
    const moved = await reschedule(cookie, someoneElses, { start: TARGET });
    expect(moved.statusCode).toBe(404);
    expect(moved.json()).toMatchObject({ code: 'not_found', field: 'appointmentId' });
    const searched = await availability(cookie, someoneElses, { from: '2026-03-06T14:00:00Z', to: '2026-03-06T17:00:00Z' });
    expect(searched.statusCode).toBe(404);
    expect(await staffView(setup, someoneElses)).toMatchObject({ start: '2026-03-05T15:00:00.000Z' });
  });

  it('refuses a staff session and bad input with 4xx naming the field', async () => {
    const { setup, patientId, cookie } = await arrange();
    const appointmentId = await bookFor(setup, { patientId, start: BOOKED });
    const asStaff = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/appointments/${appointmentId}/reschedule`,
      headers: setup.practice.owner.headers,
      payload: { start: TARGET },
    });
    expect(asStaff.statusCode).toBe(401);
    const staffSearch = await app.inject({
      method: 'GET',
      url: `/api/v1/portal/appointments/${appointmentId}/reschedule-availability?from=2026-03-06T14:00:00Z&to=2026-03-06T17:00:00Z`,
      headers: setup.practice.owner.headers,
    });
    expect(staffSearch.statusCode).toBe(401);
    const cases: [Record<string, unknown>, string][] = [
      [{}, 'start'],
      [{ start: 'friday at ten' }, 'start'],
      [{ start: TARGET, providerId: 'dr-a' }, 'providerId'],
    ];
    for (const [payload, field] of cases) {
      const refused = await reschedule(cookie, appointmentId, payload);
      expect(refused.statusCode, JSON.stringify(payload)).toBe(400);
      expect(refused.json().field).toBe(field);
    }
    const unknownProvider = await reschedule(cookie, appointmentId, { start: TARGET, providerId: '00000000-0000-4000-8000-000000000000' });
    expect(unknownProvider.statusCode).toBeGreaterThanOrEqual(400);
    expect(unknownProvider.statusCode).toBeLessThan(500);
    expect(unknownProvider.json().field).toBe('providerId');
    const backwards = await availability(cookie, appointmentId, { from: '2026-03-06T17:00:00Z', to: '2026-03-06T14:00:00Z' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().field).toBe('to');
    expect(await staffView(setup, appointmentId)).toMatchObject({ start: '2026-03-05T15:00:00.000Z', version: 1 });
  });
});
