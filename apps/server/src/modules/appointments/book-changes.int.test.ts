import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp, createTestPractice } from '../../testing/test-app.ts';
import { createPortalWithPatient, signInPatient } from '../portal/portal-test-support.ts';
import { book, createBookablePractice, type BookablePractice } from './appointments-test-builders.ts';

// Sunday 1 March 2026, 07:00 in New York. The clock stands still unless a test moves it:
// the token must move on every change even when two changes share one updated_at.
const clock = createManualClock('2026-03-01T12:00:00Z');
const { app, database } = await createTestApp({ clock });

/** Thursday 10:00 and Friday 10:00 in New York. */
const THURSDAY = '2026-03-05T15:00:00Z';
const FRIDAY = '2026-03-06T15:00:00Z';

async function tokenOf(headers: Record<string, string>): Promise<string> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/appointments/changes', headers });
  expect(response.statusCode, response.body).toBe(200);
  expect(response.headers['cache-control']).toBe('no-store');
  const body = response.json<{ token: string }>();
  expect(Object.keys(body)).toEqual(['token']);
  return body.token;
}

async function bookedId(setup: BookablePractice, overrides: Record<string, unknown>): Promise<string> {
  const response = await book(app, setup, overrides);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function post(setup: BookablePractice, url: string, payload: Record<string, unknown> = {}) {
  const response = await app.inject({ method: 'POST', url, headers: setup.practice.owner.headers, payload });
  expect(response.statusCode, response.body).toBe(200);
}

/** Asserts the token moved and returns the new one. */
async function expectMoved(headers: Record<string, string>, before: string): Promise<string> {
  const after = await tokenOf(headers);
  expect(after).not.toBe(before);
  return after;
}

describe("the book's change token", () => {
  it('moves when a patient confirms, reschedules or cancels in the portal, and stays put while nothing changes', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const { setup, portalPractice, phone, patientId } = await createPortalWithPatient(app);
    const staff = setup.practice.owner.headers;
    const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    const appointmentId = await bookedId(setup, { patientId, start: THURSDAY });

    let token = await tokenOf(staff);
    // Reading the book, the patient's list and the token itself change nothing.
    await app.inject({ method: 'GET', url: `/api/v1/appointments/${appointmentId}`, headers: staff });
    await app.inject({ method: 'GET', url: '/api/v1/portal/appointments?scope=upcoming', headers: { cookie } });
    expect(await tokenOf(staff)).toBe(token);

    const confirmed = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/appointments/${appointmentId}/confirm`,
      headers: { cookie },
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    token = await expectMoved(staff, token);

    const moved = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/appointments/${appointmentId}/reschedule`,
      headers: { cookie },
      payload: { start: FRIDAY },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    token = await expectMoved(staff, token);

    const cancelled = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/appointments/${appointmentId}/cancel`,
      headers: { cookie },
      payload: {},
    });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    token = await expectMoved(staff, token);

    clock.advanceMinutes(1);
    expect(await tokenOf(staff)).toBe(token);
  });

  it('moves on every staff change: booking, edit, reschedule, status changes, cancel, and a block created and cancelled', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const setup = await createBookablePractice(app);
    const staff = setup.practice.owner.headers;
    let token = await tokenOf(staff);

    const appointmentId = await bookedId(setup, { start: THURSDAY });
    token = await expectMoved(staff, token);

    const edited = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${appointmentId}`,
      headers: staff,
      payload: { notes: 'Prefers the left room' },
    });
    expect(edited.statusCode, edited.body).toBe(200);
    token = await expectMoved(staff, token);

    const rescheduled = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${appointmentId}`,
      headers: staff,
      payload: { start: FRIDAY },
    });
    expect(rescheduled.statusCode, rescheduled.body).toBe(200);
    token = await expectMoved(staff, token);

    await post(setup, `/api/v1/appointments/${appointmentId}/confirm`);
    token = await expectMoved(staff, token);

    const second = await bookedId(setup, { start: THURSDAY });
    token = await expectMoved(staff, token);
    await post(setup, `/api/v1/appointments/${second}/cancel`, { reason: 'Patient called' });
    token = await expectMoved(staff, token);

    const blockId = await bookedId(setup, {
      kind: 'out_of_office',
      mode: undefined,
      serviceIds: undefined,
      patientId: undefined,
      title: 'Training',
      start: '2026-03-04T17:00:00Z',
      end: '2026-03-04T19:00:00Z',
    });
    token = await expectMoved(staff, token);
    await post(setup, `/api/v1/appointments/${blockId}/cancel`, { reason: 'Training moved' });
    token = await expectMoved(staff, token);

    // A change made ten minutes later, after the others have left the recent slice, still moves it.
    clock.advanceMinutes(10);
    expect(await tokenOf(staff)).toBe(token);
    const later = await app.inject({
      method: 'PATCH',
      url: `/api/v1/appointments/${appointmentId}`,
      headers: staff,
      payload: { notes: 'Prefers the right room' },
    });
    expect(later.statusCode, later.body).toBe(200);
    await expectMoved(staff, token);
  });

  it('still moves when another appointment carries an updated_at stamped days ahead (demo or imported data)', async () => {
    clock.set('2026-03-01T12:00:00Z');
    const setup = await createBookablePractice(app);
    const staff = setup.practice.owner.headers;
    const aheadId = await bookedId(setup, { start: FRIDAY });
    await database.db.execute(
      sql`update appointments set updated_at = '2026-03-09T12:00:00Z' where practice_id = ${setup.practice.practiceId} and id = ${aheadId}`,
    );
    const appointmentId = await bookedId(setup, { start: THURSDAY });
    clock.advanceMinutes(10);
    let token = await tokenOf(staff);

    await post(setup, `/api/v1/appointments/${appointmentId}/confirm`);
    token = await expectMoved(staff, token);
    clock.advanceMinutes(10);
    await post(setup, `/api/v1/appointments/${appointmentId}/cancel`, { reason: 'Patient called' });
    await expectMoved(staff, token);
  });

  it("is the practice's own: another practice's bookings do not move it", async () => {
    clock.set('2026-03-01T12:00:00Z');
    const ours = await createBookablePractice(app);
    const theirs = await createBookablePractice(app);
    const token = await tokenOf(ours.practice.owner.headers);

    await bookedId(theirs, { start: THURSDAY });

    expect(await tokenOf(ours.practice.owner.headers)).toBe(token);
  });

  it('answers every staff role, and refuses a patient session or no session (401)', async () => {
    const practice = await createTestPractice(app);
    for (const role of ['front_desk', 'provider', 'admin'] as const) {
      const member = await practice.signInAs(role);
      await tokenOf(member.headers);
    }

    const { portalPractice, phone } = await createPortalWithPatient(app);
    const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    const asPatient = await app.inject({ method: 'GET', url: '/api/v1/appointments/changes', headers: { cookie } });
    expect(asPatient.statusCode).toBe(401);
    expect(asPatient.headers['content-type']).toContain('application/problem+json');

    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/appointments/changes' });
    expect(anonymous.statusCode).toBe(401);
  });
});
