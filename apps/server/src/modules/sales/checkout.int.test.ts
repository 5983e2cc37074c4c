import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { addCard, listCards, tokenizeCard } from '../billing/billing-test-support.ts';
import { checkIn, createFeePractice, createSalesTestApp, post, processorCharges, type FeePractice } from './sales-test-support.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database, gateway } = await createSalesTestApp({ clock });

async function checkedInVisit(setup: FeePractice, overrides: Record<string, unknown> = {}): Promise<string> {
  const response = await book(app, setup, {
    serviceIds: [setup.peel.id, setup.consultation.id],
    start: '2026-03-02T15:00:00Z',
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  const id = response.json<{ id: string }>().id;
  await checkIn(app, setup, id);
  return id;
}

function checkout(setup: FeePractice, appointmentId: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return post(app, `/api/v1/appointments/${appointmentId}/checkout`, setup.practice.owner.headers, body, headers);
}

async function setTaxRate(setup: FeePractice, taxRateBps: number): Promise<void> {
  const response = await app.inject({
    method: 'PUT',
    url: `/api/v1/clinics/${setup.clinic.id}/billing-settings`,
    headers: setup.practice.owner.headers,
    payload: { taxRateBps },
  });
  expect(response.statusCode, response.body).toBe(200);
}

describe('checking out an appointment', () => {
  it('invoices the services as booked, products, a discount and the clinic’s tax, takes cash and completes the visit', async () => {
    const setup = await createFeePractice(app);
    await setTaxRate(setup, 875);
    const id = await checkedInVisit(setup);
    const response = await checkout(setup, id, {
      products: [{ name: 'SPF 50 sunscreen', unitPriceCents: 3_250, quantity: 2 }],
      discount: { kind: 'percent', value: 10 },
      payment: { method: 'cash', amountTenderedCents: 40_000 },
    });
    expect(response.statusCode, response.body).toBe(201);
    const { appointment, invoice } = response.json();
    expect(appointment).toMatchObject({ status: 'completed', checkoutInvoiceId: invoice.id });
    // 150.00 + 100.00 + 2 × 32.50 = 315.00; −10 % = 283.50; tax 8.75 % = 24.80625 → 24.81.
    expect(invoice).toMatchObject({
      kind: 'service',
      status: 'paid',
      appointmentId: id,
      taxRateBps: 875,
      totals: {
        subtotalCents: 31_500,
        discountCents: 3_150,
        taxCents: 2_481,
        totalCents: 30_831,
        amountPaidCents: 30_831,
        balanceCents: 0,
      },
      payments: [{ method: 'cash', status: 'succeeded', amountCents: 30_831, amountTenderedCents: 40_000, changeDueCents: 9_169 }],
      appointment: { id, status: 'completed', services: [{ name: 'Chemical peel' }, { name: 'Consultation' }] },
      patient: { firstName: 'Grace', lastName: 'Hopper' },
    });
    expect(
      invoice.lines.map((line: { kind: string; description: string; totalCents: number }) => [
        line.kind,
        line.description,
        line.totalCents,
      ]),
    ).toEqual([
      ['service', 'Chemical peel', 15_000],
      ['service', 'Consultation', 10_000],
      ['product', 'SPF 50 sunscreen', 6_500],
      ['discount', 'Discount (10%)', -3_150],
      ['tax', 'Tax (8.75%)', 2_481],
    ]);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(0);
  });

  it('bills the prices as booked, not today’s catalog price', async () => {
    const setup = await createFeePractice(app);
    const id = await checkedInVisit(setup, { serviceIds: [setup.peel.id] });
    const repriced = await app.inject({
      method: 'PATCH',
      url: `/api/v1/services/${setup.peel.id}`,
      headers: setup.practice.owner.headers,
      payload: { priceCents: 99_900 },
    });
    expect(repriced.statusCode, repriced.body).toBe(200);
    const response = await checkout(setup, id, { payment: { method: 'cash' } });
    expect(response.json().invoice.totals.totalCents).toBe(15_000);
  });

  it('charges the card on file and records the gateway’s charge id', async () => {
    const setup = await createFeePractice(app);
    const id = await checkedInVisit(setup, { serviceIds: [setup.peel.id] });
    const response = await checkout(setup, id, { payment: { method: 'card_on_file', paymentMethodId: setup.visa.id } });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({
      appointment: { status: 'completed' },
      invoice: { status: 'paid', payments: [{ method: 'card_on_file', status: 'succeeded', card: { brand: 'visa', last4: '4242' } }] },
    });
    expect(response.json().invoice.payments[0].gatewayChargeId).toMatch(/^pi_sim_/);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);
  });

  it('takes a new card from the gateway’s token, saves it to the patient and charges it', async () => {
    const setup = await createFeePractice(app);
    const id = await checkedInVisit(setup, { serviceIds: [setup.peel.id] });
    const token = await tokenizeCard(app, { number: '5555 5555 5555 4444' });
    const response = await checkout(setup, id, { payment: { method: 'new_card', gatewayToken: token } });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().invoice.payments[0]).toMatchObject({ method: 'new_card', status: 'succeeded', card: { last4: '4444' } });
    expect((await listCards(app, setup.practice, setup.patientId)).map((card) => card.last4).sort()).toEqual(['4242', '4444']);
  });

  it('leaves the invoice unpaid and the visit open when the card is declined, then takes cash from Sales', async () => {
    const setup = await createFeePractice(app);
    const declining = await addCard(app, setup.practice, setup.patientId, 'pm_card_chargeDeclined');
    const id = await checkedInVisit(setup, { serviceIds: [setup.peel.id] });
    const declined = await checkout(setup, id, { payment: { method: 'card_on_file', paymentMethodId: declining.id } });
    expect(declined.statusCode).toBe(402);
    expect(declined.headers['content-type']).toContain('application/problem+json');
    const problem = declined.json();
    expect(problem).toMatchObject({
      code: 'card_declined',
      field: 'payment',
      invoiceId: expect.any(String),
      failureCode: 'generic_decline',
    });
    expect(problem.detail).toContain('stays unpaid');
    const appointment = (
      await app.inject({ method: 'GET', url: `/api/v1/appointments/${id}`, headers: setup.practice.owner.headers })
    ).json();
    expect(appointment).toMatchObject({ status: 'checked_in', checkoutInvoiceId: problem.invoiceId });
    const again = await checkout(setup, id, { payment: { method: 'cash' } });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'already_checked_out', invoiceId: problem.invoiceId });

    const paid = await post(app, `/api/v1/invoices/${problem.invoiceId}/payments`, setup.practice.owner.headers, {
      payment: { method: 'cash' },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json().invoice).toMatchObject({ status: 'paid', appointment: { status: 'completed' } });
    const history = (
      await app.inject({ method: 'GET', url: `/api/v1/appointments/${id}/history`, headers: setup.practice.owner.headers })
    ).json();
    expect(history.items.at(-1)).toMatchObject({ type: 'completed', details: { invoiceId: problem.invoiceId } });
  });

  it('lets a voided checkout be redone', async () => {
    const setup = await createFeePractice(app);
    const declining = await addCard(app, setup.practice, setup.patientId, 'pm_card_chargeDeclined');
    const id = await checkedInVisit(setup, { serviceIds: [setup.peel.id] });
    const { invoiceId } = (await checkout(setup, id, { payment: { method: 'card_on_file', paymentMethodId: declining.id } })).json();
    const voided = await post(app, `/api/v1/invoices/${invoiceId}/void`, setup.practice.owner.headers, { reason: 'Adding a product' });
    expect(voided.json()).toMatchObject({ status: 'void', voidReason: 'Adding a product' });
    const redone = await checkout(setup, id, {
      products: [{ name: 'Serum', unitPriceCents: 4_000, quantity: 1 }],
      payment: { method: 'cash' },
    });
    expect(redone.statusCode, redone.body).toBe(201);
    expect(redone.json().invoice.totals.totalCents).toBe(19_000);
  });

  it('waits for check-in, and never checks out a cancelled visit', async () => {
    const setup = await createFeePractice(app);
    const id = (await book(app, setup, { serviceIds: [setup.peel.id], start: '2026-03-02T15:00:00Z' })).json().id;
    const early = await checkout(setup, id, { payment: { method: 'cash' } });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'not_checked_in', field: 'status' });
    await post(app, `/api/v1/appointments/${id}/cancel`, setup.practice.owner.headers, { reason: 'x' });
    const cancelled = await checkout(setup, id, { payment: { method: 'cash' } });
    expect(cancelled.statusCode).toBe(409);
    expect(cancelled.json().code).toBe('invalid_status');
  });

  it('checks out a visit already marked completed, which stays completed', async () => {
    const setup = await createFeePractice(app);
    const id = await checkedInVisit(setup, { serviceIds: [setup.peel.id] });
    await post(app, `/api/v1/appointments/${id}/complete`, setup.practice.owner.headers, {});
    const response = await checkout(setup, id, { payment: { method: 'cash' } });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ appointment: { status: 'completed' }, invoice: { status: 'paid' } });
  });

  it('replays a repeated Idempotency-Key: one invoice, one charge', async () => {
    const setup = await createFeePractice(app);
    const id = await checkedInVisit(setup, { serviceIds: [setup.peel.id] });
    const key = { 'idempotency-key': `checkout-${id}` };
    const body = { payment: { method: 'card_on_file', paymentMethodId: setup.visa.id } };
    const first = await checkout(setup, id, body, key);
    const second = await checkout(setup, id, body, key);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().invoice.id).toBe(first.json().invoice.id);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);
  });

  it('charges once for 20 simultaneous checkouts with one Idempotency-Key and tells the others it is in progress', async () => {
    const setup = await createFeePractice(app);
    const id = await checkedInVisit(setup, { serviceIds: [setup.peel.id] });
    const key = { 'idempotency-key': `checkout-burst-${id}` };
    const body = { payment: { method: 'card_on_file', paymentMethodId: setup.visa.id } };
    const slowCharge = gateway.holdNextCharge();
    const first = checkout(setup, id, body, key);
    await slowCharge.reached;
    const others = await Promise.all(Array.from({ length: 19 }, () => checkout(setup, id, body, key)));
    slowCharge.release();
    expect((await first).statusCode).toBe(201);
    for (const response of others) {
      expect(response.statusCode, response.body).toBe(409);
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
      expect(response.json()).toMatchObject({
        code: 'payment_in_progress',
        field: 'Idempotency-Key',
        detail: 'An earlier request with this Idempotency-Key is still charging the card; ask again in a moment.',
      });
    }
    const retried = await checkout(setup, id, body, key);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().invoice).toMatchObject({ id: (await first).json().invoice.id, status: 'paid' });
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);
  });

  it('audits a checkout replay only when it answers with the checkout, not when it is refused while the card is charging', async () => {
    const setup = await createFeePractice(app);
    const id = await checkedInVisit(setup, { serviceIds: [setup.peel.id] });
    const key = { 'idempotency-key': `checkout-audit-${id}` };
    const body = { payment: { method: 'card_on_file', paymentMethodId: setup.visa.id } };
    const replays = async () =>
      (
        await app.inject({
          method: 'GET',
          url: '/api/v1/audit-events?action=invoice.checkout_replayed',
          headers: setup.practice.owner.headers,
        })
      ).json().items;
    const slowCharge = gateway.holdNextCharge();
    const first = checkout(setup, id, body, key);
    await slowCharge.reached;
    const refused = await checkout(setup, id, body, key);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('payment_in_progress');
    expect(await replays()).toEqual([]);
    slowCharge.release();
    const invoiceId = (await first).json().invoice.id;

    const replayed = await checkout(setup, id, body, key);
    expect(replayed.statusCode).toBe(200);
    expect(await replays()).toMatchObject([{ action: 'invoice.checkout_replayed', objectType: 'invoice', objectId: invoiceId }]);
  });

  it('marks a fully discounted visit paid without taking money', async () => {
    const setup = await createFeePractice(app);
    const id = await checkedInVisit(setup, { serviceIds: [setup.peel.id] });
    const response = await checkout(setup, id, {
      discount: { kind: 'percent', value: 100 },
      payment: { method: 'card_on_file', paymentMethodId: setup.visa.id },
    });
    expect(response.json()).toMatchObject({
      appointment: { status: 'completed' },
      invoice: { status: 'paid', payments: [], totals: { totalCents: 0 } },
    });
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(0);
  });

  it('is for the front desk and managers, not providers', async () => {
    const setup = await createFeePractice(app);
    const id = await checkedInVisit(setup, { serviceIds: [setup.peel.id] });
    const provider = await setup.practice.signInAs('provider');
    const response = await post(app, `/api/v1/appointments/${id}/checkout`, provider.headers, { payment: { method: 'cash' } });
    expect(response.statusCode).toBe(403);
  });
});
