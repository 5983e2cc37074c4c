import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { book, createBookablePractice, type BookablePractice } from './appointments-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York. Lookups by time treat what lasts over 24 hours
// apart from the rest (migration 0012): these tests book such spans and spans of exactly a day.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app } = await createTestApp({ clock });

function outOfOffice(setup: BookablePractice, start: string, end: string, title = 'Vacation') {
  return book(app, setup, { kind: 'out_of_office', mode: undefined, serviceIds: undefined, patientId: undefined, title, start, end });
}

async function listIds(setup: BookablePractice, query: Record<string, string>): Promise<string[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/appointments?${new URLSearchParams(query).toString()}`,
    headers: setup.practice.owner.headers,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ items: { id: string }[] }>().items.map((item) => item.id);
}

describe('an out-of-office block longer than a day', () => {
  it('is listed on every day it covers, by clinic and by provider', async () => {
    const setup = await createBookablePractice(app);
    const vacation = (await outOfOffice(setup, '2026-03-03T13:00:00Z', '2026-03-13T13:00:00Z')).json<{ id: string }>();
    const visitBefore = (await book(app, setup, { providerId: setup.providerB.id, start: '2026-03-09T15:00:00Z' })).json<{ id: string }>();
    const lastDay = { from: '2026-03-13T05:00:00Z', to: '2026-03-14T05:00:00Z' };
    const middleDay = { from: '2026-03-10T04:00:00Z', to: '2026-03-11T04:00:00Z' };
    expect(await listIds(setup, { clinicId: setup.clinic.id, ...middleDay })).toEqual([vacation.id]);
    expect(await listIds(setup, { providerId: setup.providerA.id, ...middleDay })).toEqual([vacation.id]);
    expect(await listIds(setup, { clinicId: setup.clinic.id, providerId: setup.providerA.id, ...lastDay })).toEqual([vacation.id]);
    expect(await listIds(setup, { clinicId: setup.clinic.id, from: '2026-03-09T04:00:00Z', to: '2026-03-10T04:00:00Z' })).toEqual([
      vacation.id,
      visitBefore.id,
    ]);
    expect(await listIds(setup, { clinicId: setup.clinic.id, from: '2026-03-13T13:00:00Z', to: '2026-03-14T05:00:00Z' })).toEqual([]);
  });

  it('refuses a booking or a reschedule into it with a 409 naming it', async () => {
    const setup = await createBookablePractice(app);
    const vacation = (await outOfOffice(setup, '2026-03-03T13:00:00Z', '2026-03-13T13:00:00Z')).json<{ id: string }>();
    const clash = await book(app, setup, { start: '2026-03-11T15:00:00Z' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'booking_conflict', conflictingAppointmentId: vacation.id });

    const visit = (await book(app, setup, { start: '2026-03-16T15:00:00Z' })).json<{ id: string; version: number }>();
    const move = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${visit.id}`,
      headers: { ...setup.practice.owner.headers, 'if-match': `"${visit.version}"` },
      payload: { start: '2026-03-12T15:00:00Z' },
    });
    expect(move.statusCode, move.body).toBe(409);
    expect(move.json()).toMatchObject({ conflictingAppointmentId: vacation.id });
  });

  it('keeps the provider out of the available providers and slots on the days it covers', async () => {
    const setup = await createBookablePractice(app);
    await outOfOffice(setup, '2026-03-03T13:00:00Z', '2026-03-13T13:00:00Z');
    const available = await app.inject({
      method: 'GET',
      url: `/api/v1/providers/available?clinicId=${setup.clinic.id}&serviceIds=${setup.consultation.id}&start=2026-03-10T15:00:00Z`,
      headers: setup.practice.owner.headers,
    });
    expect(available.statusCode, available.body).toBe(200);
    expect(JSON.stringify(available.json())).not.toContain(setup.providerA.id);
    expect(JSON.stringify(available.json())).toContain(setup.providerB.id);
    const slots = await app.inject({
      method: 'GET',
      url: `/api/v1/availability?clinicId=${setup.clinic.id}&serviceIds=${setup.consultation.id}&providerId=${setup.providerA.id}&from=2026-03-10T12:00:00Z&to=2026-03-11T00:00:00Z`,
      headers: setup.practice.owner.headers,
    });
    expect(slots.statusCode, slots.body).toBe(200);
    expect(slots.json<{ slots: unknown[] }>().slots).toEqual([]);
  });
});

describe('spans of about a day', () => {
  it('lists a block of exactly 24 hours until the instant it ends, and one a minute longer likewise', async () => {
    const setup = await createBookablePractice(app);
    const day = (await outOfOffice(setup, '2026-03-03T13:00:00Z', '2026-03-04T13:00:00Z', 'Conference')).json<{ id: string }>();
    const dayAndAMinute = (
      await book(app, setup, {
        kind: 'out_of_office',
        mode: undefined,
        serviceIds: undefined,
        patientId: undefined,
        providerId: setup.providerB.id,
        title: 'Conference',
        start: '2026-03-03T13:00:00Z',
        end: '2026-03-04T13:01:00Z',
      })
    ).json<{ id: string }>();
    const from = (instant: string) => ({ clinicId: setup.clinic.id, from: instant, to: '2026-03-05T05:00:00Z' });
    expect(new Set(await listIds(setup, from('2026-03-04T12:59:00Z')))).toEqual(new Set([day.id, dayAndAMinute.id]));
    expect(await listIds(setup, from('2026-03-04T13:00:00Z'))).toEqual([dayAndAMinute.id]);
    expect(await listIds(setup, from('2026-03-04T13:01:00Z'))).toEqual([]);
  });

  it('refuses a booking in the last minutes of a 24-hour block and accepts one as it ends', async () => {
    const setup = await createBookablePractice(app);
    const day = (await outOfOffice(setup, '2026-03-03T15:00:00Z', '2026-03-04T15:00:00Z', 'Conference')).json<{ id: string }>();
    const clash = await book(app, setup, { start: '2026-03-04T14:45:00Z' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ conflictingAppointmentId: day.id });
    expect((await book(app, setup, { start: '2026-03-04T15:00:00Z' })).statusCode).toBe(201);
  });
});
