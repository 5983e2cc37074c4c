import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { checkIn, createFeePractice, createSalesTestApp, post, processorCharges } from '../sales/sales-test-support.ts';
import { book } from './appointments-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database } = await createSalesTestApp({ clock });

function expectKeyReused(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }): void {
  expect(response.statusCode).toBe(409);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  expect(response.json()).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
}

describe('an Idempotency-Key sent again with another body', () => {
  it('is refused by booking, which keeps the first booking and still replays it for the same body', async () => {
    const setup = await createFeePractice(app);
    const key = { 'idempotency-key': 'booking-reused' };
    const first = await book(app, setup, { start: '2026-03-03T15:00:00Z' }, key);
    expect(first.statusCode, first.body).toBe(201);

    expectKeyReused(await book(app, setup, { start: '2026-03-03T17:00:00Z' }, key));
    expectKeyReused(await book(app, setup, { start: '2026-03-03T15:00:00Z', notes: 'Second thoughts' }, key));

    // The same request, its default sent explicitly: the first booking again.
    const again = await book(app, setup, { allowDoubleBooking: false, start: '2026-03-03T15:00:00Z' }, key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(first.json().id);
    const list = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments?clinicId=${setup.clinic.id}&from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z`,
      headers: setup.practice.owner.headers,
    });
    expect(list.json().items.map((item: { id: string; start: string }) => [item.id, item.start])).toEqual([
      [first.json().id, '2026-03-03T15:00:00.000Z'],
    ]);
  });

  it('is refused by a reschedule, which leaves the appointment where the first request put it', async () => {
    const setup = await createFeePractice(app);
    const { id } = (await book(app, setup, { start: '2026-03-03T15:00:00Z' })).json<{ id: string }>();
    const headers = { ...setup.practice.owner.headers, 'idempotency-key': `move-${id}` };
    const move = (start: string) => app.inject({ method: 'PATCH', url: `/api/v1/appointments/${id}`, headers, payload: { start } });
    expect((await move('2026-03-03T17:00:00Z')).statusCode).toBe(200);

    expectKeyReused(await move('2026-03-03T19:00:00Z'));
    const replayed = await move('2026-03-03T17:00:00Z');
    expect(replayed.statusCode).toBe(200);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    const read = await app.inject({ method: 'GET', url: `/api/v1/appointments/${id}`, headers: setup.practice.owner.headers });
    expect(read.json()).toMatchObject({ start: '2026-03-03T17:00:00.000Z', version: 2 });
  });

  it('is refused by a cancellation', async () => {
    const setup = await createFeePractice(app);
    const { id } = (await book(app, setup, { start: '2026-03-03T15:00:00Z' })).json<{ id: string }>();
    const headers = { ...setup.practice.owner.headers, 'idempotency-key': `cancel-${id}` };
    expect((await post(app, `/api/v1/appointments/${id}/cancel`, headers, { reason: 'Patient is ill' })).statusCode).toBe(200);
    expectKeyReused(await post(app, `/api/v1/appointments/${id}/cancel`, headers, { reason: 'Booked by mistake', chargeFee: true }));
  });

  it('is refused by checkout, which keeps the first invoice and charges nothing more', async () => {
    const setup = await createFeePractice(app);
    const booked = await book(app, setup, { serviceIds: [setup.peel.id], start: '2026-03-02T15:00:00Z' });
    const { id } = booked.json<{ id: string }>();
    await checkIn(app, setup, id);
    const url = `/api/v1/appointments/${id}/checkout`;
    const headers = { ...setup.practice.owner.headers, 'idempotency-key': `checkout-${id}` };
    const first = await post(app, url, headers, { payment: { method: 'cash' } });
    expect(first.statusCode, first.body).toBe(201);

    expectKeyReused(await post(app, url, headers, { payment: { method: 'card_on_file', paymentMethodId: setup.visa.id } }));
    expectKeyReused(
      await post(app, url, headers, {
        products: [{ name: 'SPF 50 sunscreen', unitPriceCents: 3_250, quantity: 1 }],
        payment: { method: 'cash' },
      }),
    );
    const again = await post(app, url, headers, { payment: { method: 'cash' } });
    expect(again.statusCode).toBe(200);
    expect(again.json().invoice).toMatchObject({ id: first.json().invoice.id, status: 'paid', totals: { totalCents: 15_000 } });
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(0);
  });
});
