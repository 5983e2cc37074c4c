import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { startFakeStripeServer } from '../../testing/fake-stripe-server.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { createBillingTestApp } from '../billing/billing-test-support.ts';
import { createStripeGateway } from '../billing/index.ts';
import { checkIn, createFeePractice, post, type FeePractice } from './sales-test-support.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const fake = await startFakeStripeServer();
afterAll(() => fake.close());
const { app } = await createBillingTestApp({
  clock,
  gateway: ({ clock: gatewayClock }) =>
    createStripeGateway({
      secretKey: fake.secretKey,
      publishableKey: fake.publishableKey,
      webhookSecret: fake.webhookSecret,
      apiUrl: fake.url,
      timeoutMs: 1_000,
      maxNetworkRetries: 1,
      clock: gatewayClock,
    }),
});

beforeEach(() => fake.failNextRequests(0));

async function deliver(type: string, object: object) {
  const { payload, signature } = fake.signedEvent(type, object);
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/billing/webhooks/stripe',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature },
    payload,
  });
  expect(response.statusCode, response.body).toBe(200);
}

async function checkedInVisit(setup: FeePractice): Promise<string> {
  const id = (await book(app, setup, { serviceIds: [setup.peel.id], start: '2026-03-02T15:00:00Z' })).json().id;
  await checkIn(app, setup, id);
  return id;
}

describe('Stripe webhooks settle what an outage left pending', () => {
  it('a checkout charge confirmed by payment_intent.succeeded pays the invoice and completes the visit', async () => {
    const setup = await createFeePractice(app);
    const id = await checkedInVisit(setup);
    fake.failNextRequests(2, 503);
    const pending = await post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, {
      payment: { method: 'card_on_file', paymentMethodId: setup.visa.id },
    });
    expect(pending.statusCode, pending.body).toBe(503);
    const { invoiceId, paymentId } = pending.json();
    expect(pending.json().code).toBe('payment_pending');

    await deliver('payment_intent.succeeded', {
      id: 'pi_from_webhook',
      object: 'payment_intent',
      amount: 15_000,
      amount_received: 15_000,
      currency: 'usd',
      status: 'succeeded',
      metadata: { glowdesk_practice_id: setup.practice.practiceId, invoice_id: invoiceId, payment_id: paymentId },
      last_payment_error: null,
    });
    const invoice = (
      await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, headers: setup.practice.owner.headers })
    ).json();
    expect(invoice).toMatchObject({
      status: 'paid',
      payments: [{ status: 'succeeded', gatewayChargeId: 'pi_from_webhook' }],
      appointment: { status: 'completed' },
    });
    expect(invoice.history.at(-1)).toMatchObject({ type: 'payment_succeeded', actorStaffId: null, actorName: 'payment gateway webhook' });
  });

  it('a refund confirmed by charge.refund.updated is counted as refunded', async () => {
    const setup = await createFeePractice(app);
    const id = await checkedInVisit(setup);
    const paid = await post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, {
      payment: { method: 'card_on_file', paymentMethodId: setup.visa.id },
    });
    const invoiceId = paid.json().invoice.id;
    const chargeId = paid.json().invoice.payments[0].gatewayChargeId;
    fake.failNextRequests(2, 503);
    const pending = await post(app, `/api/v1/invoices/${invoiceId}/refunds`, setup.practice.owner.headers, {
      amountCents: 5_000,
      reason: 'Goodwill',
    });
    expect(pending.statusCode, pending.body).toBe(503);
    const { refundId } = pending.json();
    await deliver('charge.refund.updated', {
      id: 're_from_webhook',
      object: 'refund',
      amount: 5_000,
      currency: 'usd',
      status: 'succeeded',
      payment_intent: chargeId,
      metadata: { glowdesk_practice_id: setup.practice.practiceId, invoice_id: invoiceId, refund_id: refundId },
    });
    const invoice = (
      await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, headers: setup.practice.owner.headers })
    ).json();
    expect(invoice).toMatchObject({
      status: 'partially_refunded',
      totals: { amountRefundedCents: 5_000 },
      refunds: [{ id: refundId, status: 'succeeded' }],
    });
  });

  it('ignores events about payments it does not know', async () => {
    const setup = await createFeePractice(app);
    await deliver('payment_intent.succeeded', {
      id: 'pi_unknown',
      object: 'payment_intent',
      amount: 100,
      amount_received: 100,
      currency: 'usd',
      status: 'succeeded',
      metadata: { glowdesk_practice_id: setup.practice.practiceId, payment_id: crypto.randomUUID() },
      last_payment_error: null,
    });
    const list = (await app.inject({ method: 'GET', url: '/api/v1/invoices', headers: setup.practice.owner.headers })).json();
    expect(list.items).toEqual([]);
  });
});
