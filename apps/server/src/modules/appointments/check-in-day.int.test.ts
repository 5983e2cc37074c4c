import { describe, expect, it } from 'vitest';
import type { GlowdeskApp } from '../../app.ts';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { book, createBookablePractice, type BookablePractice } from './appointments-test-builders.ts';

// Monday 2 March 2026, 23:30 in New York (04:30 UTC on the 3rd).
const { app: lateEveningApp } = await createTestApp({ clock: createManualClock('2026-03-03T04:30:00Z') });
// Tuesday 3 March 2026, 07:30 in New York.
const { app: earlyMorningApp } = await createTestApp({ clock: createManualClock('2026-03-03T12:30:00Z') });

async function bookAt(app: GlowdeskApp, setup: BookablePractice, start: string): Promise<string> {
  const response = await book(app, setup, { start });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

function checkIn(app: GlowdeskApp, setup: BookablePractice, appointmentId: string) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/appointments/${appointmentId}/check-in`,
    headers: setup.practice.owner.headers,
    payload: {},
  });
}

describe('checking a patient in', () => {
  it('is refused before the day of the appointment in the clinic’s zone, with 409', async () => {
    const app = lateEveningApp;
    const setup = await createBookablePractice(app);
    const weeksAhead = await bookAt(app, setup, '2026-03-24T14:00:00Z');
    // 09:00 on the 3rd in New York: already the 3rd in UTC, still the 2nd at the clinic.
    const tomorrow = await bookAt(app, setup, '2026-03-03T14:00:00Z');
    for (const id of [weeksAhead, tomorrow]) {
      const refused = await checkIn(app, setup, id);
      expect(refused.statusCode).toBe(409);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'too_early_for_check_in', field: 'appointmentId' });
    }
    const checkout = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${weeksAhead}/checkout`,
      headers: setup.practice.owner.headers,
      payload: { payment: { method: 'cash' } },
    });
    expect(checkout.statusCode).toBe(409);
    expect(checkout.json().code).toBe('not_checked_in');
  });

  it('is accepted on the day of the appointment, also hours before it starts', async () => {
    const app = earlyMorningApp;
    const setup = await createBookablePractice(app);
    const atNine = await bookAt(app, setup, '2026-03-03T14:00:00Z');
    const response = await checkIn(app, setup, atNine);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe('checked_in');
  });
});
