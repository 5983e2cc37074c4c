import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { addCard } from '../billing/billing-test-support.ts';
import { checkIn, createFeePractice, createSalesTestApp, post, processorCharges, type FeePractice } from './sales-test-support.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database } = await createSalesTestApp({ clock });

/** A checked-out peel ($150.00) whose card was declined: the invoice stays unpaid. */
async function unpaidInvoice(setup: FeePractice): Promise<string> {
  const declining = await addCard(app, setup.practice, setup.patientId, 'pm_card_chargeDeclined');
  const { id } = (await book(app, setup, { serviceIds: [setup.peel.id], start: '2026-03-02T15:00:00Z' })).json<{ id: string }>();
  await checkIn(app, setup, id);
  const response = await post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, {
    payment: { method: 'card_on_file', paymentMethodId: declining.id },
  });
  expect(response.statusCode, response.body).toBe(402);
  return response.json<{ invoiceId: string }>().invoiceId;
}

describe('paying an invoice with an Idempotency-Key', () => {
  it('refuses the key sent again with another body, and replays the first payment for the same body', async () => {
    const setup = await createFeePractice(app);
    const invoiceId = await unpaidInvoice(setup);
    const url = `/api/v1/invoices/${invoiceId}/payments`;
    const headers = { ...setup.practice.owner.headers, 'idempotency-key': `pay-${invoiceId}` };
    const first = await post(app, url, headers, { amountCents: 5_000, payment: { method: 'cash' } });
    expect(first.statusCode, first.body).toBe(201);

    for (const body of [
      { amountCents: 6_000, payment: { method: 'cash' } },
      { payment: { method: 'cash' } },
      { amountCents: 5_000, payment: { method: 'card_on_file', paymentMethodId: setup.visa.id } },
    ]) {
      const reused = await post(app, url, headers, body);
      expect(reused.statusCode, JSON.stringify(body)).toBe(409);
      expect(String(reused.headers['content-type'])).toContain('application/problem+json');
      expect(reused.json()).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    }

    // The same body, its fields in another order.
    const again = await post(app, url, headers, { payment: { method: 'cash' }, amountCents: 5_000 });
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().payment.id).toBe(first.json().payment.id);
    const invoice = (
      await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, headers: setup.practice.owner.headers })
    ).json();
    expect(invoice.totals).toMatchObject({ amountPaidCents: 5_000, balanceCents: 10_000 });
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);
  });
});
