import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { book, createBookablePractice, type BookablePractice } from './appointments-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York. Thirty local days later is Wednesday 1 April,
// 09:00 EDT (13:00 UTC): daylight saving time starts in between.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app } = await createTestApp({ clock });
const LATEST_START = '2026-04-01T13:00:00Z';
const PAST_HORIZON = '2026-04-01T13:15:00Z';

async function practiceBookingThirtyDaysAhead(): Promise<BookablePractice> {
  const setup = await createBookablePractice(app);
  const response = await app.inject({
    method: 'PATCH',
    url: `/api/v1/clinics/${setup.clinic.id}`,
    headers: setup.practice.owner.headers,
    payload: { bookingHorizonDays: 30 },
  });
  expect(response.statusCode, response.body).toBe(200);
  return setup;
}

function expectBeyondHorizon(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }): void {
  expect(response.statusCode).toBe(400);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  expect(response.json()).toMatchObject({ code: 'beyond_booking_horizon', field: 'start' });
}

function listAppointments(setup: BookablePractice) {
  return app.inject({
    method: 'GET',
    url: `/api/v1/appointments?clinicId=${setup.clinic.id}&from=2026-03-01T00:00:00Z&to=2026-06-01T00:00:00Z`,
    headers: setup.practice.owner.headers,
  });
}

describe("the clinic's booking horizon", () => {
  it('lets staff book up to the same time of day, bookingHorizonDays local days ahead, as online availability', async () => {
    const setup = await practiceBookingThirtyDaysAhead();
    const availability = await app.inject({
      method: 'GET',
      url: `/api/v1/availability?clinicId=${setup.clinic.id}&serviceIds=${setup.consultation.id}&from=2026-04-01T12:00:00Z&to=2026-04-01T15:00:00Z`,
      headers: setup.practice.owner.headers,
    });
    const lastOffered = availability.json<{ slots: { start: string }[] }>().slots.at(-1)?.start;
    expect(lastOffered).toBe('2026-04-01T13:00:00.000Z');
    const response = await book(app, setup, { start: LATEST_START });
    expect(response.statusCode, response.body).toBe(201);
  });

  it('refuses a staff booking that starts later, and books nothing', async () => {
    const setup = await practiceBookingThirtyDaysAhead();
    const refused = await book(app, setup, { start: PAST_HORIZON });
    expectBeyondHorizon(refused);
    expect(refused.json<{ detail: string }>().detail).toContain('2026-04-01 09:00 (America/New_York)');
    expect((await listAppointments(setup)).json().items).toEqual([]);
  });

  it('refuses a booking in 2199 under the default horizon of 365 days', async () => {
    const setup = await createBookablePractice(app);
    expectBeyondHorizon(await book(app, setup, { start: '2199-03-03T15:00:00Z' }));
    const block = {
      kind: 'out_of_office',
      mode: undefined,
      serviceIds: undefined,
      patientId: undefined,
      title: 'Training',
      start: '2199-03-03T15:00:00Z',
      end: '2199-03-03T17:00:00Z',
    };
    expectBeyondHorizon(await book(app, setup, block));
  });

  it('refuses to reschedule past the horizon and leaves the appointment where it was', async () => {
    const setup = await practiceBookingThirtyDaysAhead();
    const booked = await book(app, setup, { start: '2026-03-03T15:00:00Z' });
    expect(booked.statusCode, booked.body).toBe(201);
    const { id } = booked.json<{ id: string }>();
    const moved = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${id}`,
      headers: setup.practice.owner.headers,
      payload: { start: PAST_HORIZON },
    });
    expectBeyondHorizon(moved);
    const read = await app.inject({ method: 'GET', url: `/api/v1/appointments/${id}`, headers: setup.practice.owner.headers });
    expect(read.json()).toMatchObject({ start: '2026-03-03T15:00:00.000Z', version: 1 });
  });
});
