import { describe, expect, it } from 'vitest';
import { createManualClock, createTestApp, signIn } from '../../testing/test-app.ts';
import { book, createBookablePractice, type BookablePractice } from './appointments-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app } = await createTestApp({ clock });

function setLaserQuantity(setup: BookablePractice, quantity: number, headers = setup.practice.owner.headers) {
  return app.inject({
    method: 'PATCH',
    url: `/api/v1/resources/${setup.laser.id}`,
    headers,
    payload: { quantity },
  });
}

/** Two laser treatments at the same time with two providers: both of a two-unit laser's units. */
async function bookBothLasers(setup: BookablePractice, start: string): Promise<[string, string]> {
  expect((await setLaserQuantity(setup, 2)).statusCode).toBe(200);
  const first = await book(app, setup, { serviceIds: [setup.laserTreatment.id], start });
  const second = await book(app, setup, { serviceIds: [setup.laserTreatment.id], providerId: setup.providerB.id, start });
  expect([first.statusCode, second.statusCode]).toEqual([201, 201]);
  return [first.json<{ id: string }>().id, second.json<{ id: string }>().id];
}

describe("a resource's quantity", () => {
  it('is not lowered below what is booked from now on: 409 naming the bookings on the units that would go', async () => {
    const setup = await createBookablePractice(app);
    const [, second] = await bookBothLasers(setup, '2026-03-03T15:00:00Z');
    const refused = await setLaserQuantity(setup, 1);
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      code: 'resource_units_booked',
      field: 'quantity',
      bookings: [{ appointmentId: second, startsAt: '2026-03-03T15:00:00.000Z', unit: 2 }],
    });
    const laser = await app.inject({ method: 'GET', url: `/api/v1/resources/${setup.laser.id}`, headers: setup.practice.owner.headers });
    expect(laser.json().quantity).toBe(2);

    const cancel = await app.inject({
      method: 'POST',
      url: `/api/v1/appointments/${second}/cancel`,
      headers: setup.practice.owner.headers,
      payload: { reason: 'Patient asked' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect((await setLaserQuantity(setup, 1)).statusCode).toBe(200);
  });

  it('may be lowered when only past bookings used the units that go', async () => {
    const setup = await createBookablePractice(app);
    await bookBothLasers(setup, '2026-03-02T15:00:00Z');
    clock.set('2026-03-02T17:00:00Z');
    try {
      const cookie = await signIn(app, setup.practice.owner.email);
      expect((await setLaserQuantity(setup, 1, { cookie })).statusCode).toBe(200);
    } finally {
      clock.set('2026-03-02T14:00:00Z');
    }
  });
});
