import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp } from '../../testing/test-app.ts';
import { book, createBookablePractice, type BookablePractice } from './appointments-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app } = await createTestApp({ clock });

function get(setup: BookablePractice, url: string) {
  return app.inject({ method: 'GET', url, headers: setup.practice.owner.headers });
}

function expectOutOfRange(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, field: string): void {
  expect(response.statusCode).toBe(400);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  expect(response.json()).toMatchObject({ code: 'validation_failed', field });
}

describe('dates far in the future', () => {
  it('are refused with 400 by availability', async () => {
    const setup = await createBookablePractice(app);
    const query = `clinicId=${setup.clinic.id}&serviceIds=${setup.consultation.id}&from=9999-12-30T00:00:00Z&to=9999-12-31T23:00:00Z`;
    expectOutOfRange(await get(setup, `/api/v1/availability?${query}`), 'from');
  });

  it('are refused with 400 by the available providers', async () => {
    const setup = await createBookablePractice(app);
    const query = `clinicId=${setup.clinic.id}&serviceIds=${setup.consultation.id}&start=9999-12-31T23:00:00Z`;
    expectOutOfRange(await get(setup, `/api/v1/providers/available?${query}`), 'start');
  });

  it("are refused with 400 by a provider's schedule", async () => {
    const setup = await createBookablePractice(app);
    const response = await get(
      setup,
      `/api/v1/providers/${setup.providerA.id}/schedule?clinicId=${setup.clinic.id}&from=9999-12-30T00:00:00Z&to=9999-12-31T23:00:00Z`,
    );
    expectOutOfRange(response, 'from');
  });

  it('are refused with 400 by booking, and nothing is booked', async () => {
    const setup = await createBookablePractice(app);
    expectOutOfRange(await book(app, setup, { start: '9999-12-31T23:00:00Z' }), 'start');
    expectOutOfRange(await book(app, setup, { start: '2500-03-03T15:00:00Z' }), 'start');
    const list = await get(setup, `/api/v1/appointments?clinicId=${setup.clinic.id}&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z`);
    expect(list.json().items).toEqual([]);
  });
});
