import { appointmentListSchema } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp, createTestPractice } from '../../testing/test-app.ts';
import { addCard } from '../billing/billing-test-support.ts';
import { createProvider, createService, everyDay, replaceRules } from '../practice/practice-test-builders.ts';
import { book, createBookablePractice } from './appointments-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app } = await createTestApp({ clock });

describe('booking an appointment', () => {
  it('books services back to back and returns the appointment in the clinic’s zone', async () => {
    const setup = await createBookablePractice(app);
    const response = await book(app, setup, { serviceIds: [setup.consultation.id, setup.laserTreatment.id], notes: 'First visit' });
    expect(response.statusCode, response.body).toBe(201);
    const appointment = response.json();
    expect(appointment).toMatchObject({
      kind: 'appointment',
      status: 'booked',
      start: '2026-03-03T15:00:00.000Z',
      end: '2026-03-03T16:30:00.000Z',
      timeZone: 'America/New_York',
      patient: { firstName: 'Grace', lastName: 'Hopper' },
      notes: 'First visit',
      version: 1,
    });
    expect(appointment.services.map((service: { name: string; start: string }) => [service.name, service.start])).toEqual([
      ['Consultation', '2026-03-03T15:00:00.000Z'],
      ['Laser hair removal', '2026-03-03T15:30:00.000Z'],
    ]);
    const read = await app.inject({ method: 'GET', url: `/api/v1/appointments/${appointment.id}`, headers: setup.practice.owner.headers });
    // Reading one appointment adds the patient's membership tiers (none here) to what booking answered.
    expect(read.json()).toEqual({ ...appointment, memberTiers: [] });
  });

  it('creates the patient in the same transaction when a new patient is entered', async () => {
    const setup = await createBookablePractice(app);
    const response = await book(app, setup, {
      patientId: undefined,
      newPatient: { firstName: 'Ada', lastName: 'Lovelace', phone: '+442071234567' },
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().patient).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', phone: '+442071234567' });
    const read = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${response.json().id}`,
      headers: setup.practice.owner.headers,
    });
    expect(read.json()).toEqual({ ...response.json(), memberTiers: [] });
  });

  it('writes no patient when the booking with a new patient fails', async () => {
    const setup = await createBookablePractice(app);
    await book(app, setup);
    const clash = await book(app, setup, { patientId: undefined, newPatient: { firstName: 'Never', lastName: 'Saved' } });
    expect(clash.statusCode).toBe(409);
    const search = await app.inject({ method: 'GET', url: '/api/v1/patients?q=never', headers: setup.practice.owner.headers });
    expect(search.json().items).toEqual([]);
  });

  it('refuses an overlapping booking for the same provider with a 409 naming the booking in the way', async () => {
    const setup = await createBookablePractice(app);
    const first = (await book(app, setup)).json();
    const clash = await book(app, setup, { start: '2026-03-03T15:15:00Z' });
    expect(clash.statusCode).toBe(409);
    expect(clash.headers['content-type']).toContain('application/problem+json');
    expect(clash.json()).toMatchObject({
      code: 'booking_conflict',
      conflictingAppointmentId: first.id,
      conflicts: [{ appointmentId: first.id, on: 'provider' }],
    });
  });

  it('refuses a booking over a double-booked appointment unless it allows double booking too', async () => {
    const setup = await createBookablePractice(app);
    const overlap = (await book(app, setup, { allowDoubleBooking: true })).json();
    const clash = await book(app, setup, { start: '2026-03-03T15:15:00Z' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'booking_conflict', conflictingAppointmentId: overlap.id });
    expect((await book(app, setup, { start: '2026-03-03T15:15:00Z', allowDoubleBooking: true })).statusCode).toBe(201);
  });

  it('keeps the provider’s buffer after a service free', async () => {
    const setup = await createBookablePractice(app);
    expect((await book(app, setup, { serviceIds: [setup.laserTreatment.id] })).statusCode).toBe(201);
    // The laser treatment ends at 16:00 and its 15-minute buffer runs to 16:15.
    expect((await book(app, setup, { start: '2026-03-03T16:00:00Z' })).statusCode).toBe(409);
    expect((await book(app, setup, { start: '2026-03-03T16:15:00Z' })).statusCode).toBe(201);
  });

  it('lets "Allow double booking" overlap the provider and audits who ticked it', async () => {
    const setup = await createBookablePractice(app);
    await book(app, setup);
    const overlap = await book(app, setup, { allowDoubleBooking: true });
    expect(overlap.statusCode, overlap.body).toBe(201);
    expect(overlap.json().allowDoubleBooking).toBe(true);
    const audit = await app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?action=appointment.double_booking_allowed',
      headers: setup.practice.owner.headers,
    });
    expect(audit.json().items).toEqual([expect.objectContaining({ actorId: setup.practice.owner.id, objectId: overlap.json().id })]);
  });

  it('never overbooks equipment, even with "Allow double booking"', async () => {
    const setup = await createBookablePractice(app);
    expect((await book(app, setup, { serviceIds: [setup.laserTreatment.id] })).statusCode).toBe(201);
    const otherProvider = await book(app, setup, {
      providerId: setup.providerB.id,
      serviceIds: [setup.laserTreatment.id],
      start: '2026-03-03T15:30:00Z',
      allowDoubleBooking: true,
    });
    expect(otherProvider.statusCode).toBe(409);
    expect(otherProvider.json().conflicts[0]).toMatchObject({ on: 'resource', resourceId: setup.laser.id });
  });

  it('returns the first booking for a repeated Idempotency-Key instead of booking twice', async () => {
    const setup = await createBookablePractice(app);
    const first = await book(app, setup, {}, { 'idempotency-key': 'booking-123' });
    const again = await book(app, setup, {}, { 'idempotency-key': 'booking-123' });
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
  });

  it('refuses a time outside the provider’s working hours', async () => {
    const setup = await createBookablePractice(app);
    // 19:45 New York: the 30-minute consultation would run past 20:00.
    const late = await book(app, setup, { start: '2026-03-04T00:45:00Z' });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('outside_working_hours');
  });

  it('checks working hours over the whole of a visit that runs for days', async () => {
    const setup = await createBookablePractice(app);
    const day = await createService(app, setup.practice, {
      name: 'Residential program day',
      durationMinutes: 720,
      bufferBeforeMinutes: 240,
      bufferAfterMinutes: 240,
      clinicIds: [setup.clinic.id],
    });
    const roundTheClock = await createProvider(app, setup.practice, { clinicIds: [setup.clinic.id], serviceIds: [day.id] });
    await replaceRules(app, setup.practice, roundTheClock.id, setup.clinic.id, everyDay('00:00', '24:00'));
    const tenDays = { providerId: roundTheClock.id, serviceIds: Array.from({ length: 10 }, () => day.id) };
    expect((await book(app, setup, { ...tenDays, start: '2026-03-03T15:00:00Z' })).statusCode).toBe(201);

    // The last of ten 12-hour services booked from 10 March ends on the 15th, a day off.
    const dayOff = await app.inject({
      method: 'POST',
      url: `/api/v1/providers/${roundTheClock.id}/schedule-overrides`,
      headers: setup.practice.owner.headers,
      payload: { clinicId: setup.clinic.id, localDate: '2026-03-15', intervals: [] },
    });
    expect(dayOff.statusCode, dayOff.body).toBe(201);
    const refused = await book(app, setup, { ...tenDays, start: '2026-03-10T14:00:00Z' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('outside_working_hours');
  });

  it('allows earlier times today for walk-ins but refuses a day before today in the clinic’s zone', async () => {
    const setup = await createBookablePractice(app);
    // 08:30 today in New York (the clock says 09:00).
    expect((await book(app, setup, { start: '2026-03-02T13:30:00Z' })).statusCode).toBe(201);
    const yesterday = await book(app, setup, { start: '2026-03-01T15:00:00Z' });
    expect(yesterday.statusCode).toBe(400);
    expect(yesterday.json()).toMatchObject({ code: 'start_in_past', field: 'start' });
  });

  it('carries the provider’s room URL on a virtual appointment and refuses virtual for an in-person-only service', async () => {
    const setup = await createBookablePractice(app);
    const virtual = await book(app, setup, { mode: 'virtual' });
    expect(virtual.json()).toMatchObject({ mode: 'virtual', virtualRoomUrl: 'https://meet.example.com/room-a' });
    const laserVirtual = await book(app, setup, { mode: 'virtual', serviceIds: [setup.laserTreatment.id], start: '2026-03-03T17:00:00Z' });
    expect(laserVirtual.statusCode).toBe(400);
    expect(laserVirtual.json().field).toBe('mode');
  });

  it.each([
    ['a provider who does not perform the service', 'providerId'],
    ['a service not offered at the clinic', 'serviceIds[0]'],
    ['a patient of another practice', 'patientId'],
    ['an unknown clinic', 'clinicId'],
  ])('refuses %s, naming %s, and writes nothing', async (_label, field) => {
    const setup = await createBookablePractice(app);
    const other = await createBookablePractice(app);
    const bodies: Record<string, Record<string, unknown>> = {
      providerId: { providerId: other.providerA.id },
      'serviceIds[0]': { serviceIds: [other.consultation.id] },
      patientId: { patientId: other.patientId },
      clinicId: { clinicId: other.clinic.id },
    };
    const response = await book(app, setup, bodies[field]);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json().field).toBe(field);
    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments?from=2026-03-01T00:00:00Z&to=2026-03-10T00:00:00Z`,
      headers: setup.practice.owner.headers,
    });
    expect(list.json().items).toEqual([]);
  });

  it('refuses a provider who is not at the clinic', async () => {
    const setup = await createBookablePractice(app);
    const elsewhere = await createProvider(app, setup.practice, { serviceIds: [setup.consultation.id] });
    const response = await book(app, setup, { providerId: elsewhere.id });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'providerId', code: 'provider_not_at_clinic' });
  });

  it('answers bad bodies with 400 naming the field', async () => {
    const setup = await createBookablePractice(app);
    const cases: [Record<string, unknown>, string][] = [
      [{ mode: undefined }, 'mode'],
      [{ serviceIds: undefined }, 'serviceIds'],
      [{ serviceIds: [setup.consultation.id], packageId: setup.consultation.id }, 'packageId'],
      [{ patientId: undefined }, 'patientId'],
      [{ start: 'tomorrow at noon' }, 'start'],
      [{ start: '2026-03-03T15:00:00' }, 'start'],
      [{ serviceIds: [] }, 'serviceIds'],
      [{ serviceIds: ['not-a-uuid'] }, 'serviceIds[0]'],
      [{ end: '2026-03-03T16:00:00Z' }, 'end'],
      [{ patientId: undefined, newPatient: { firstName: 'X', lastName: 'Y', email: 'bad' } }, 'newPatient.email'],
      [{ newPatient: { firstName: 'X', lastName: 'Y' } }, 'newPatient'],
    ];
    for (const [override, field] of cases) {
      const response = await book(app, setup, override);
      expect({ field, status: response.statusCode, reported: response.json().field }).toEqual({ field, status: 400, reported: field });
    }
  });
});

describe('out-of-office blocks', () => {
  it('blocks the provider without a patient', async () => {
    const setup = await createBookablePractice(app);
    const block = await book(app, setup, {
      kind: 'out_of_office',
      mode: undefined,
      serviceIds: undefined,
      patientId: undefined,
      title: 'Training',
      start: '2026-03-03T17:00:00Z',
      end: '2026-03-03T19:00:00Z',
    });
    expect(block.statusCode, block.body).toBe(201);
    expect(block.json()).toMatchObject({ kind: 'out_of_office', title: 'Training', patient: null, services: [] });
    expect((await book(app, setup, { start: '2026-03-03T18:00:00Z' })).statusCode).toBe(409);
  });

  it('returns the first block for a repeated Idempotency-Key instead of blocking twice', async () => {
    const setup = await createBookablePractice(app);
    const body = {
      kind: 'out_of_office',
      mode: undefined,
      serviceIds: undefined,
      patientId: undefined,
      title: 'Training',
      start: '2026-03-03T17:00:00Z',
      end: '2026-03-03T19:00:00Z',
    } as const;
    const first = await book(app, setup, body, { 'idempotency-key': 'block-123' });
    const again = await book(app, setup, body, { 'idempotency-key': 'block-123' });
    expect(first.statusCode, first.body).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toMatchObject({ id: first.json().id, kind: 'out_of_office', title: 'Training' });
  });

  it('needs a title and an end after the start', async () => {
    const setup = await createBookablePractice(app);
    const response = await book(app, setup, {
      kind: 'out_of_office',
      mode: undefined,
      serviceIds: undefined,
      patientId: undefined,
      end: '2026-03-03T14:00:00Z',
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((error: { field: string }) => error.field)
        .sort(),
    ).toEqual(['end', 'title']);
  });
});

describe('the appointment lifecycle', () => {
  it('moves booked → confirmed → checked in → in procedure → completed, recording each change', async () => {
    const setup = await createBookablePractice(app);
    // Today at 11:00 in New York: a patient checks in on the day of the visit.
    const id = (await book(app, setup, { start: '2026-03-02T16:00:00Z' })).json().id;
    for (const [action, status] of [
      ['confirm', 'confirmed'],
      ['check-in', 'checked_in'],
      ['start', 'in_procedure'],
      ['complete', 'completed'],
    ] as const) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/appointments/${id}/${action}`,
        headers: setup.practice.owner.headers,
        payload: {},
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().status).toBe(status);
    }
    const history = await app.inject({ method: 'GET', url: `/api/v1/appointments/${id}/history`, headers: setup.practice.owner.headers });
    expect(history.json().items.map((event: { type: string }) => event.type)).toEqual([
      'created',
      'confirmed',
      'checked_in',
      'procedure_started',
      'completed',
    ]);
    expect(history.json().items[1]).toMatchObject({
      actorStaffId: setup.practice.owner.id,
      actorName: 'Test Owner',
      before: { status: 'booked' },
      after: { status: 'confirmed' },
    });
  });

  it('refuses a transition the status does not allow', async () => {
    const setup = await createBookablePractice(app);
    const id = (await book(app, setup)).json().id;
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${id}/complete`,
      headers: setup.practice.owner.headers,
      payload: {},
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('invalid_status');
  });

  it('reschedules, re-checking availability, and refuses a stale If-Match', async () => {
    const setup = await createBookablePractice(app);
    const blocker = (await book(app, setup, { start: '2026-03-03T18:00:00Z' })).json();
    const appointment = (await book(app, setup)).json();
    const clash = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${appointment.id}`,
      headers: { ...setup.practice.owner.headers, 'if-match': '"1"' },
      payload: { start: '2026-03-03T18:15:00Z' },
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().conflictingAppointmentId).toBe(blocker.id);
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${appointment.id}`,
      headers: { ...setup.practice.owner.headers, 'if-match': '"1"' },
      payload: { start: '2026-03-03T17:00:00Z', providerId: setup.providerB.id },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ start: '2026-03-03T17:00:00.000Z', providerId: setup.providerB.id, version: 2 });
    const stale = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${appointment.id}`,
      headers: { ...setup.practice.owner.headers, 'if-match': '"1"' },
      payload: { notes: 'late edit' },
    });
    expect(stale.statusCode).toBe(412);
    // The old time is free again.
    expect((await book(app, setup)).statusCode).toBe(201);
    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointment.id}/history`,
      headers: setup.practice.owner.headers,
    });
    expect(history.json().items.at(-1)).toMatchObject({
      type: 'rescheduled',
      before: { start: '2026-03-03T15:00:00.000Z' },
      after: { start: '2026-03-03T17:00:00.000Z' },
    });
  });

  it('cancels with a reason and frees the time', async () => {
    const setup = await createBookablePractice(app);
    const id = (await book(app, setup)).json().id;
    const missingReason = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${id}/cancel`,
      headers: setup.practice.owner.headers,
      payload: {},
    });
    expect(missingReason.statusCode).toBe(400);
    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${id}/cancel`,
      headers: setup.practice.owner.headers,
      payload: { reason: 'Patient is ill' },
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancellationReason: 'Patient is ill' });
    expect((await book(app, setup)).statusCode).toBe(201);
  });

  it('hides another practice’s appointment', async () => {
    const setup = await createBookablePractice(app);
    const id = (await book(app, setup)).json().id;
    const stranger = await createTestPractice(app);
    expect((await app.inject({ method: 'GET', url: `/api/v1/appointments/${id}`, headers: stranger.owner.headers })).statusCode).toBe(404);
    expect(
      (
        await app.inject({
          method: 'POST',
          url: `/api/v1/appointments/${id}/cancel`,
          headers: stranger.owner.headers,
          payload: { reason: 'x' },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('no-shows', () => {
  it('refuses a no-show before the appointment’s local day', async () => {
    const setup = await createBookablePractice(app);
    const id = (await book(app, setup)).json().id;
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${id}/no-show`,
      headers: setup.practice.owner.headers,
      payload: { chargeFee: false },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('too_early_for_no_show');
    expect(response.json().detail).toContain('2026-03-03');
  });

  it('marks a no-show on the day, lists it by provider and restores it to the calendar', async () => {
    const setup = await createBookablePractice(app);
    const card = await addCard(app, setup.practice, setup.patientId, 'pm_card_visa');
    const id = (
      await book(app, setup, {
        start: '2026-03-02T15:00:00Z',
        serviceIds: [setup.laserTreatment.id],
        requireCardOnFile: true,
        paymentMethodId: card.id,
      })
    ).json().id;
    const marked = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${id}/no-show`,
      headers: setup.practice.owner.headers,
      payload: { chargeFee: true },
    });
    expect(marked.json()).toMatchObject({ status: 'no_show', noShowFeeRequested: true, fee: { status: 'paid', amountCents: 5000 } });

    const listed = await app.inject({
      method: 'GET',
      url: `/api/v1/no-shows?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z&providerId=${setup.providerA.id}`,
      headers: setup.practice.owner.headers,
    });
    expect(listed.json().items.map((item: { id: string }) => item.id)).toEqual([id]);
    const otherProvider = await app.inject({
      method: 'GET',
      url: `/api/v1/no-shows?from=2026-03-01T00:00:00Z&to=2026-03-08T00:00:00Z&providerId=${setup.providerB.id}`,
      headers: setup.practice.owner.headers,
    });
    expect(otherProvider.json().items).toEqual([]);

    const restored = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${id}/restore`,
      headers: setup.practice.owner.headers,
      payload: {},
    });
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({
      status: 'booked',
      notice: expect.stringContaining('refund it from the invoice in Sales'),
      feeInvoiceId: marked.json().fee.invoiceId,
    });
    expect((await book(app, setup, { start: '2026-03-02T15:00:00Z' })).statusCode).toBe(409);
  });

  it('asks for "Allow double booking" to restore a no-show whose time was taken', async () => {
    const setup = await createBookablePractice(app);
    const id = (await book(app, setup, { start: '2026-03-02T15:00:00Z' })).json().id;
    await app.inject({ method: 'POST', url: `/api/v1/appointments/${id}/no-show`, headers: setup.practice.owner.headers, payload: {} });
    const replacement = (await book(app, setup, { start: '2026-03-02T15:00:00Z' })).json();
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${id}/restore`,
      headers: setup.practice.owner.headers,
      payload: {},
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().conflictingAppointmentId).toBe(replacement.id);
    const allowed = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${id}/restore`,
      headers: setup.practice.owner.headers,
      payload: { allowDoubleBooking: true },
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toMatchObject({ status: 'booked', allowDoubleBooking: true, notice: null });
  });
});

describe('the appointment book and availability', () => {
  it('lists a clinic’s appointments in a range, in start order', async () => {
    const setup = await createBookablePractice(app);
    await book(app, setup, { start: '2026-03-04T15:00:00Z' });
    await book(app, setup, { start: '2026-03-03T15:00:00Z' });
    await book(app, setup, { start: '2026-03-20T15:00:00Z' });
    const week = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments?clinicId=${setup.clinic.id}&from=2026-03-02T05:00:00Z&to=2026-03-09T05:00:00Z`,
      headers: setup.practice.owner.headers,
    });
    expect(week.json().items.map((item: { start: string }) => item.start)).toEqual([
      '2026-03-03T15:00:00.000Z',
      '2026-03-04T15:00:00.000Z',
    ]);
  });

  it('answers the book’s lists in the contract’s exact shape (parsing with its schema changes nothing)', async () => {
    const setup = await createBookablePractice(app);
    const card = await addCard(app, setup.practice, setup.patientId, 'pm_card_visa');
    await book(app, setup, { start: '2026-03-03T15:00:00Z', requireCardOnFile: true, paymentMethodId: card.id, notes: 'Card taken' });
    await book(app, setup, { start: '2026-03-04T15:00:00Z', serviceIds: [setup.consultation.id, setup.laserTreatment.id] });
    const block = await app.inject({
      method: 'POST',
      url: '/api/v1/appointments',
      headers: setup.practice.owner.headers,
      payload: {
        kind: 'out_of_office',
        clinicId: setup.clinic.id,
        providerId: setup.providerA.id,
        title: 'Training',
        start: '2026-03-05T15:00:00Z',
        end: '2026-03-05T17:00:00Z',
      },
    });
    expect(block.statusCode, block.body).toBe(201);
    const noShow = (await book(app, setup, { start: '2026-03-02T15:00:00Z', providerId: setup.providerB.id })).json().id;
    await app.inject({ method: 'POST', url: `/api/v1/appointments/${noShow}/no-show`, headers: setup.practice.owner.headers, payload: {} });
    const range = 'from=2026-03-02T05:00:00Z&to=2026-03-09T05:00:00Z';
    for (const url of [`/api/v1/appointments?clinicId=${setup.clinic.id}&${range}`, `/api/v1/no-shows?${range}`]) {
      const listed = await app.inject({ method: 'GET', url, headers: setup.practice.owner.headers });
      expect(listed.statusCode, listed.body).toBe(200);
      expect(listed.headers['content-type']).toContain('application/json');
      const body = listed.json();
      expect(body.items.length).toBeGreaterThan(0);
      expect(appointmentListSchema.parse(body)).toEqual(body);
    }
    const provider = await setup.practice.signInAs('provider');
    const seenByProvider = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments?clinicId=${setup.clinic.id}&${range}`,
      headers: provider.headers,
    });
    expect(seenByProvider.statusCode, seenByProvider.body).toBe(200);
    expect(appointmentListSchema.parse(seenByProvider.json())).toEqual(seenByProvider.json());
  });

  it('refuses a list range longer than 93 days', async () => {
    const setup = await createBookablePractice(app);
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/appointments?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z',
      headers: setup.practice.owner.headers,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().field).toBe('to');
  });

  it('offers no slot that overlaps a booking, and lists only unoccupied providers', async () => {
    const setup = await createBookablePractice(app);
    await book(app, setup, { start: '2026-03-03T15:00:00Z' });
    const available = await app.inject({
      method: 'GET',
      url: `/api/v1/providers/available?clinicId=${setup.clinic.id}&serviceIds=${setup.consultation.id}&start=2026-03-03T15:00:00Z`,
      headers: setup.practice.owner.headers,
    });
    expect(available.statusCode, available.body).toBe(200);
    const ids = JSON.stringify(available.json());
    expect(ids).toContain(setup.providerB.id);
    expect(ids).not.toContain(setup.providerA.id);
    const slots = await app.inject({
      method: 'GET',
      url: `/api/v1/availability?clinicId=${setup.clinic.id}&serviceIds=${setup.consultation.id}&providerId=${setup.providerA.id}&from=2026-03-03T14:00:00Z&to=2026-03-03T17:00:00Z`,
      headers: setup.practice.owner.headers,
    });
    const starts = slots.json<{ slots: { start: string }[] }>().slots.map((slot) => slot.start);
    expect(starts).not.toContain('2026-03-03T15:00:00.000Z');
    expect(starts).not.toContain('2026-03-03T15:15:00.000Z');
    expect(starts).toContain('2026-03-03T15:30:00.000Z');
  });
});
