import { sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { inPractice } from '../../platform/tenancy.ts';
import { startFakeStripeServer } from '../../testing/fake-stripe-server.ts';
import { createTestPractice, type TestPractice } from '../../testing/test-app.ts';
import { addCard, createBillingTestApp, createPatient, listCards } from './billing-test-support.ts';
import type { ChargeOffSessionInput } from './billing-service.ts';
import type { GatewayEvent } from './payment-gateway.ts';
import { createStripeGateway } from './stripe-gateway.ts';

const fake = await startFakeStripeServer();
afterAll(() => fake.close());

const { app, database } = await createBillingTestApp({
  gateway: ({ clock }) =>
    createStripeGateway({
      secretKey: fake.secretKey,
      publishableKey: fake.publishableKey,
      webhookSecret: fake.webhookSecret,
      apiUrl: fake.url,
      timeoutMs: 400,
      maxNetworkRetries: 2,
      clock,
    }),
});
const billing = app.services.billing;
const nextYear = new Date().getUTCFullYear() + 1;

const receivedEvents: GatewayEvent[] = [];
let failNextEvent = false;
let holdEvents: Promise<void> | undefined;
billing.onGatewayEvent(async (event) => {
  if (holdEvents) await holdEvents;
  if (failNextEvent) {
    failNextEvent = false;
    throw new Error('listener failed');
  }
  receivedEvents.push(event);
});

beforeEach(() => {
  fake.delayNextResponses(0, 0);
  fake.failNextRequests(0);
});

function cardsUrl(patientId: string, paymentMethodId?: string): string {
  return ['/api/v1/patients', patientId, 'payment-methods', paymentMethodId].filter(Boolean).join('/');
}

async function customerIdOf(practice: TestPractice, patientId: string): Promise<string | undefined> {
  const rows = await inPractice(database, practice.practiceId, (tx) =>
    tx.execute<{ gateway_customer_id: string }>(sql`select gateway_customer_id from billing_customers where patient_id = ${patientId}`),
  );
  return rows.rows[0]?.gateway_customer_id;
}

async function gatewayPaymentMethodIdOf(practice: TestPractice, paymentMethodId: string): Promise<string> {
  const rows = await inPractice(database, practice.practiceId, (tx) =>
    tx.execute<{ gateway_payment_method_id: string }>(
      sql`select gateway_payment_method_id from payment_methods where id = ${paymentMethodId}`,
    ),
  );
  return rows.rows[0]?.gateway_payment_method_id ?? '';
}

async function patientWithCard(gatewayToken = 'pm_card_visa') {
  const practice = await createTestPractice(app);
  const patientId = await createPatient(app, practice);
  const card = await addCard(app, practice, patientId, gatewayToken);
  return { practice, patientId, paymentMethodId: card.id };
}

function charge(setup: Awaited<ReturnType<typeof patientWithCard>>, overrides: Partial<ChargeOffSessionInput> = {}): ChargeOffSessionInput {
  return {
    practiceId: setup.practice.practiceId,
    patientId: setup.patientId,
    paymentMethodId: setup.paymentMethodId,
    amountCents: 7500,
    currency: 'usd',
    idempotencyKey: `fee:${crypto.randomUUID()}`,
    description: 'Late cancellation fee',
    metadata: { appointment_id: 'appt-1' },
    actor: setup.practice.ownerActor,
    ...overrides,
  };
}

function paymentIntentsOf(customerId: string | undefined) {
  return [...fake.paymentIntents.values()].filter((paymentIntent) => paymentIntent.customer === customerId);
}

describe('cards on file with Stripe', () => {
  it('tells the web app to use Stripe.js with the publishable key', async () => {
    const practice = await createTestPractice(app);
    const response = await app.inject({ method: 'GET', url: '/api/v1/billing/config', headers: practice.owner.headers });
    expect(response.json()).toEqual({ gateway: 'stripe', publishableKey: fake.publishableKey, tokenizeUrl: null, cardFormUrl: null });
  });

  it('creates a SetupIntent for off-session use on the patient’s Stripe customer', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const response = await app.inject({ method: 'POST', url: `${cardsUrl(patientId)}/setup-session`, headers: practice.owner.headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      gateway: 'stripe',
      setupSessionId: expect.stringMatching(/^seti_/),
      clientSecret: expect.stringMatching(/^seti_\w+_secret_/),
      publishableKey: fake.publishableKey,
    });
    const customer = fake.customers.get((await customerIdOf(practice, patientId)) ?? '');
    expect(customer).toMatchObject({
      name: 'Maya Lopez',
      metadata: { glowdesk_practice_id: practice.practiceId, glowdesk_patient_id: patientId },
    });
  });

  it('saves the PaymentMethod Stripe.js created in the browser, attaching it to the patient’s customer', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const pmId = await fake.createCardPaymentMethod({ number: '5555555555554444', expMonth: 3, expYear: nextYear, cvc: '123' });
    const card = await addCard(app, practice, patientId, pmId);
    expect(card).toMatchObject({ gateway: 'stripe', brand: 'mastercard', last4: '4444', expMonth: 3, expYear: nextYear, isDefault: true });
    expect(fake.paymentMethods.get(pmId)?.customer).toBe(await customerIdOf(practice, patientId));
    const stored = await inPractice(database, practice.practiceId, (tx) =>
      tx.execute<{ fingerprint: string | null }>(sql`select fingerprint from payment_methods where id = ${card.id}`),
    );
    expect(stored.rows[0]?.fingerprint).toBe(fake.paymentMethods.get(pmId)?.card.fingerprint);
  });

  it('saves a card a confirmed SetupIntent already attached, without attaching it again', async () => {
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    await app.inject({ method: 'POST', url: `${cardsUrl(patientId)}/setup-session`, headers: practice.owner.headers });
    const pmId = await fake.createCardPaymentMethod({ number: '4242424242424242', expMonth: 1, expYear: nextYear, cvc: '123' });
    const paymentMethod = fake.paymentMethods.get(pmId);
    if (paymentMethod) paymentMethod.customer = (await customerIdOf(practice, patientId)) ?? null;
    const before = fake.requests.length;
    const card = await addCard(app, practice, patientId, pmId);
    expect(card.last4).toBe('4242');
    expect(fake.requests.slice(before).map((request) => `${request.method} ${request.path}`)).toEqual([`GET /v1/payment_methods/${pmId}`]);
  });

  it('refuses a PaymentMethod of another patient’s customer, an unknown one, and a non-pm token', async () => {
    const practice = await createTestPractice(app);
    const first = await createPatient(app, practice);
    const second = await createPatient(app, practice, { firstName: 'Ivy', lastName: 'Chen' });
    const pmId = await fake.createCardPaymentMethod({ number: '4242424242424242', expMonth: 1, expYear: nextYear, cvc: '123' });
    await addCard(app, practice, first, pmId);
    for (const gatewayToken of [pmId, 'pm_doesnotexist', 'tok_visa']) {
      const response = await app.inject({
        method: 'POST',
        url: cardsUrl(second),
        headers: practice.owner.headers,
        payload: { gatewayToken },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'invalid_gateway_token', field: 'gatewayToken' });
    }
    expect(await listCards(app, practice, second)).toEqual([]);
  });

  it('detaches a removed card at Stripe', async () => {
    const setup = await patientWithCard();
    const stripeId = await gatewayPaymentMethodIdOf(setup.practice, setup.paymentMethodId);
    expect(fake.paymentMethods.get(stripeId)?.customer).toMatch(/^cus_/);
    const response = await app.inject({
      method: 'DELETE',
      url: cardsUrl(setup.patientId, setup.paymentMethodId),
      headers: setup.practice.owner.headers,
    });
    expect(response.statusCode).toBe(204);
    expect(fake.paymentMethods.get(stripeId)?.customer).toBeNull();
  });

  it('changes a card’s expiry at Stripe first, then on file', async () => {
    const setup = await patientWithCard();
    const stripeId = await gatewayPaymentMethodIdOf(setup.practice, setup.paymentMethodId);
    const updated = await billing.updatePaymentMethodExpiry(
      setup.practice.ownerActor,
      setup.patientId,
      setup.paymentMethodId,
      { expMonth: 4, expYear: nextYear + 2 },
      { ip: '127.0.0.1', requestId: 'test', userAgent: undefined },
    );
    expect(updated).toMatchObject({ expMonth: 4, expYear: nextYear + 2 });
    expect(fake.paymentMethods.get(stripeId)?.card).toMatchObject({ exp_month: 4, exp_year: nextYear + 2 });
    expect((await listCards(app, setup.practice, setup.patientId))[0]).toMatchObject({ expMonth: 4, expYear: nextYear + 2 });
  });

  it('refuses to change the expiry of a card Stripe no longer holds for the customer (409), keeping the one on file', async () => {
    const setup = await patientWithCard();
    const stripeId = await gatewayPaymentMethodIdOf(setup.practice, setup.paymentMethodId);
    const paymentMethod = fake.paymentMethods.get(stripeId);
    if (!paymentMethod) throw new Error('the card is not at the fake Stripe');
    paymentMethod.customer = null;
    await expect(
      billing.updatePaymentMethodExpiry(
        setup.practice.ownerActor,
        setup.patientId,
        setup.paymentMethodId,
        { expMonth: 4, expYear: nextYear + 2 },
        { ip: '127.0.0.1', requestId: 'test', userAgent: undefined },
      ),
    ).rejects.toMatchObject({ status: 409, code: 'payment_method_unavailable', field: 'paymentMethodId' });
    expect((await listCards(app, setup.practice, setup.patientId))[0]).not.toMatchObject({ expMonth: 4 });
  });

  it('answers 503 and changes nothing when Stripe is down', async () => {
    const setup = await patientWithCard();
    fake.failNextRequests(3, 503);
    const removal = await app.inject({
      method: 'DELETE',
      url: cardsUrl(setup.patientId, setup.paymentMethodId),
      headers: setup.practice.owner.headers,
    });
    expect(removal.statusCode).toBe(503);
    expect(removal.json().code).toBe('payment_gateway_unavailable');
    expect(await listCards(app, setup.practice, setup.patientId)).toHaveLength(1);

    fake.failNextRequests(3, 500);
    const addition = await app.inject({
      method: 'POST',
      url: cardsUrl(setup.patientId),
      headers: setup.practice.owner.headers,
      payload: { gatewayToken: 'pm_card_mastercard' },
    });
    expect(addition.statusCode).toBe(503);
    expect(await listCards(app, setup.practice, setup.patientId)).toHaveLength(1);
  });
});

describe('off-session charges with Stripe', () => {
  it('charges with off_session and confirm, the amount in minor units, and Glowdesk’s metadata', async () => {
    const setup = await patientWithCard();
    const result = await billing.chargeOffSession(charge(setup));
    expect(result).toEqual({ status: 'succeeded', chargeId: expect.stringMatching(/^pi_/), amountCents: 7500, currency: 'USD' });
    const paymentIntent = fake.paymentIntents.get(result.status === 'succeeded' ? result.chargeId : '');
    expect(paymentIntent).toMatchObject({
      amount: 7500,
      currency: 'usd',
      status: 'succeeded',
      payment_method: await gatewayPaymentMethodIdOf(setup.practice, setup.paymentMethodId),
      description: 'Late cancellation fee',
      metadata: {
        appointment_id: 'appt-1',
        glowdesk_practice_id: setup.practice.practiceId,
        glowdesk_patient_id: setup.patientId,
        glowdesk_payment_method_id: setup.paymentMethodId,
      },
    });
  });

  it.each([
    ['pm_card_chargeDeclined', 'generic_decline'],
    ['pm_card_chargeDeclinedInsufficientFunds', 'insufficient_funds'],
  ])('reports a decline for %s with Stripe’s decline code', async (card, declineCode) => {
    const result = await billing.chargeOffSession(charge(await patientWithCard(card)));
    expect(result).toEqual({ status: 'declined', chargeId: expect.stringMatching(/^pi_/), declineCode, message: expect.any(String) });
  });

  it('reports authentication_required with the PaymentIntent to bring the patient back on-session', async () => {
    const result = await billing.chargeOffSession(charge(await patientWithCard('pm_card_authenticationRequired')));
    expect(result).toEqual({
      status: 'requires_authentication',
      chargeId: expect.stringMatching(/^pi_/),
      clientSecret: expect.stringMatching(/_secret_/),
      message: expect.any(String),
    });
  });

  it('charges a batch one PaymentIntent per charge, each answered in the order sent', async () => {
    const setups = [await patientWithCard(), await patientWithCard('pm_card_chargeDeclined')];
    const answers = await Promise.all(
      setups.map(async (setup) => {
        const { practiceId, ...input } = charge(setup);
        return billing.chargeOffSessionMany(practiceId, [input], { concurrency: 2 });
      }),
    );
    expect(answers.map((answer) => answer.map((entry) => ('result' in entry ? entry.result.status : 'error')))).toEqual([
      ['succeeded'],
      ['declined'],
    ]);
    const setup = await patientWithCard();
    const { practiceId, ...first } = charge(setup);
    const batch = await billing.chargeOffSessionMany(
      practiceId,
      [
        first,
        { ...first, idempotencyKey: `${first.idempotencyKey}-2`, amountCents: 1200 },
        { ...first, idempotencyKey: `${first.idempotencyKey}-3` },
      ],
      { concurrency: 2 },
    );
    expect(batch).toEqual([
      { result: expect.objectContaining({ status: 'succeeded', amountCents: 7500 }) },
      { result: expect.objectContaining({ status: 'succeeded', amountCents: 1200 }) },
      { result: expect.objectContaining({ status: 'succeeded', amountCents: 7500 }) },
    ]);
    expect(paymentIntentsOf(await customerIdOf(setup.practice, setup.patientId))).toHaveLength(3);
  });

  it('replays the first result for a retried request with the same key', async () => {
    const setup = await patientWithCard();
    const customerId = await customerIdOf(setup.practice, setup.patientId);
    const input = charge(setup);
    const first = await billing.chargeOffSession(input);
    const second = await billing.chargeOffSession(input);
    expect(second).toEqual(first);
    expect(paymentIntentsOf(customerId)).toHaveLength(1);
    const attempts = fake.requests.filter(
      (request) => request.path === '/v1/payment_intents' && request.idempotencyKey?.endsWith(input.idempotencyKey),
    );
    expect(attempts.map((request) => request.replayed)).toEqual([false, true]);
    expect(attempts[0]?.idempotencyKey).toBe(`${setup.practice.practiceId}:${input.idempotencyKey}`);
  });

  it('survives a timeout: the SDK retries with the same key and Stripe charges once', async () => {
    const setup = await patientWithCard();
    const customerId = await customerIdOf(setup.practice, setup.patientId);
    const input = charge(setup);
    fake.delayNextResponses(1, 1500);
    const result = await billing.chargeOffSession(input);
    expect(result.status).toBe('succeeded');
    const attempts = fake.requests.filter(
      (request) => request.path === '/v1/payment_intents' && request.idempotencyKey?.endsWith(input.idempotencyKey),
    );
    expect(attempts).toHaveLength(2);
    expect(new Set(attempts.map((request) => request.idempotencyKey)).size).toBe(1);
    expect(paymentIntentsOf(customerId)).toHaveLength(1);
  });

  it('reports a retryable error when every attempt times out, and a later retry finds the one charge', async () => {
    const setup = await patientWithCard();
    const customerId = await customerIdOf(setup.practice, setup.patientId);
    const input = charge(setup);
    fake.delayNextResponses(3, 1500);
    const result = await billing.chargeOffSession(input);
    expect(result).toMatchObject({ status: 'error', retryable: true });
    // Stripe may have charged although no answer came back: the same key must find that charge.
    const later = await billing.chargeOffSession(input);
    expect(later.status).toBe('succeeded');
    expect(paymentIntentsOf(customerId)).toHaveLength(1);
    expect(paymentIntentsOf(customerId)[0]?.id).toBe(later.status === 'succeeded' ? later.chargeId : undefined);
  });

  it('retries Stripe 5xx answers', async () => {
    const setup = await patientWithCard();
    fake.failNextRequests(2, 500);
    expect((await billing.chargeOffSession(charge(setup))).status).toBe('succeeded');
  });
});

describe('refunds with Stripe', () => {
  async function succeededCharge() {
    const setup = await patientWithCard();
    const result = await billing.chargeOffSession(charge(setup, { amountCents: 12_000 }));
    if (result.status !== 'succeeded') throw new Error(JSON.stringify(result));
    return { setup, chargeId: result.chargeId };
  }

  it('refunds part and then the rest, and refuses an over-refund', async () => {
    const { setup, chargeId } = await succeededCharge();
    const base = { practiceId: setup.practice.practiceId, chargeId, actor: setup.practice.ownerActor };
    expect(await billing.refundCharge({ ...base, amountCents: 2000, idempotencyKey: 'r1', reason: 'requested_by_customer' })).toEqual({
      status: 'succeeded',
      refundId: expect.stringMatching(/^re_/),
      amountCents: 2000,
    });
    expect(await billing.refundCharge({ ...base, amountCents: 20_000, idempotencyKey: 'r2' })).toMatchObject({
      status: 'failed',
      code: 'amount_too_large',
    });
    expect(await billing.refundCharge({ ...base, idempotencyKey: 'r3' })).toMatchObject({ status: 'succeeded', amountCents: 10_000 });
    expect(fake.paymentIntents.get(chargeId)?.amount_refunded).toBe(12_000);
  });

  it('refunds once per key', async () => {
    const { setup, chargeId } = await succeededCharge();
    const input = {
      practiceId: setup.practice.practiceId,
      chargeId,
      amountCents: 1000,
      idempotencyKey: 'once',
      actor: setup.practice.ownerActor,
    };
    const first = await billing.refundCharge(input);
    const second = await billing.refundCharge(input);
    expect(second).toEqual(first);
    expect(fake.paymentIntents.get(chargeId)?.amount_refunded).toBe(1000);
  });

  it('refuses another practice’s charge and an unknown one', async () => {
    const { chargeId } = await succeededCharge();
    const other = await createTestPractice(app);
    const base = { practiceId: other.practiceId, idempotencyKey: 'x', actor: other.ownerActor };
    expect(await billing.refundCharge({ ...base, chargeId })).toMatchObject({ status: 'failed', code: 'charge_not_found' });
    expect(await billing.refundCharge({ ...base, chargeId: 'pi_unknown' })).toMatchObject({ status: 'failed', code: 'charge_not_found' });
    expect(fake.paymentIntents.get(chargeId)?.amount_refunded).toBe(0);
  });

  it('reports a retryable error when Stripe cannot be reached', async () => {
    const { setup, chargeId } = await succeededCharge();
    fake.failNextRequests(3, 503);
    const result = await billing.refundCharge({
      practiceId: setup.practice.practiceId,
      chargeId,
      idempotencyKey: 'down',
      actor: setup.practice.ownerActor,
    });
    expect(result).toMatchObject({ status: 'error', retryable: true });
  });
});

describe('Stripe webhooks', () => {
  function deliver(payload: string, signature: string | undefined, contentType = 'application/json; charset=utf-8') {
    return app.inject({
      method: 'POST',
      url: '/api/v1/billing/webhooks/stripe',
      headers: { 'content-type': contentType, ...(signature ? { 'stripe-signature': signature } : {}) },
      payload,
    });
  }

  function paymentIntentObject(overrides: Record<string, unknown> = {}) {
    return {
      id: `pi_${crypto.randomUUID().replaceAll('-', '')}`,
      object: 'payment_intent',
      amount: 5000,
      amount_received: 5000,
      currency: 'usd',
      status: 'succeeded',
      metadata: { glowdesk_practice_id: crypto.randomUUID(), invoice_id: 'inv-1' },
      last_payment_error: null,
      ...overrides,
    };
  }

  it('handles a signed payment_intent.succeeded once, and acknowledges its replay without handling it again', async () => {
    const paymentIntent = paymentIntentObject();
    const { payload, signature, eventId } = fake.signedEvent('payment_intent.succeeded', paymentIntent);
    const first = await deliver(payload, signature);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: true, eventId, outcome: 'processed' });
    const replay = await deliver(payload, signature);
    expect(replay.json()).toEqual({ received: true, eventId, outcome: 'duplicate' });
    expect(receivedEvents.filter((event) => event.eventId === eventId)).toEqual([
      {
        type: 'payment_succeeded',
        eventId,
        chargeId: paymentIntent.id,
        amountCents: 5000,
        currency: 'USD',
        metadata: paymentIntent.metadata,
      },
    ]);
    const stored = await database.db.execute<{ processed_at: string | null; practice_id: string; attempts: number }>(
      sql`select processed_at, practice_id, attempts from webhook_events where event_id = ${eventId}`,
    );
    expect(stored.rows).toEqual([
      { processed_at: expect.anything(), practice_id: paymentIntent.metadata.glowdesk_practice_id, attempts: 1 },
    ]);
  });

  it('turns payment_intent.payment_failed and charge.refund.updated into typed events', async () => {
    const failed = paymentIntentObject({
      status: 'requires_payment_method',
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Insufficient funds.' },
    });
    const failedEvent = fake.signedEvent('payment_intent.payment_failed', failed);
    expect((await deliver(failedEvent.payload, failedEvent.signature)).statusCode).toBe(200);
    const refund = {
      id: 're_123',
      object: 'refund',
      amount: 1500,
      currency: 'usd',
      status: 'succeeded',
      payment_intent: failed.id,
      metadata: {},
    };
    const refundEvent = fake.signedEvent('charge.refund.updated', refund);
    expect((await deliver(refundEvent.payload, refundEvent.signature)).statusCode).toBe(200);
    expect(receivedEvents.find((event) => event.eventId === failedEvent.eventId)).toMatchObject({
      type: 'payment_failed',
      chargeId: failed.id,
      declineCode: 'insufficient_funds',
      message: 'Insufficient funds.',
    });
    expect(receivedEvents.find((event) => event.eventId === refundEvent.eventId)).toEqual({
      type: 'refund_updated',
      eventId: refundEvent.eventId,
      refundId: 're_123',
      chargeId: failed.id,
      status: 'succeeded',
      amountCents: 1500,
      currency: 'USD',
      metadata: {},
    });
  });

  it('acknowledges events it does not act on', async () => {
    const { payload, signature, eventId } = fake.signedEvent('customer.created', { id: 'cus_1', object: 'customer' });
    const response = await deliver(payload, signature);
    expect(response.json()).toEqual({ received: true, eventId, outcome: 'ignored' });
    expect(receivedEvents.some((event) => event.eventId === eventId)).toBe(false);
  });

  it.each([
    ['a signature made with another secret', () => fake.signedEvent('payment_intent.succeeded', {}, { secret: 'whsec_other' })],
    [
      'a signature older than five minutes',
      () => fake.signedEvent('payment_intent.succeeded', {}, { timestampSeconds: Math.floor(Date.now() / 1000) - 600 }),
    ],
    [
      'a payload changed after signing',
      () => {
        const event = fake.signedEvent('payment_intent.succeeded', paymentIntentObject());
        return { ...event, payload: event.payload.replace('"amount":5000', '"amount":1') };
      },
    ],
    ['no signature', () => ({ ...fake.signedEvent('payment_intent.succeeded', {}), signature: undefined })],
  ])('refuses %s with 400 and handles nothing', async (_label, makeDelivery) => {
    const { payload, signature, eventId } = makeDelivery();
    const response = await deliver(payload, signature);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_signature', field: 'Stripe-Signature' });
    expect(receivedEvents.some((event) => event.eventId === eventId)).toBe(false);
    const stored = await database.db.execute(sql`select 1 from webhook_events where event_id = ${eventId}`);
    expect(stored.rows).toEqual([]);
  });

  it('leaves an event whose handling failed for Stripe to deliver again', async () => {
    const { payload, signature, eventId } = fake.signedEvent('payment_intent.succeeded', paymentIntentObject());
    failNextEvent = true;
    const failed = await deliver(payload, signature);
    expect(failed.statusCode).toBe(500);
    const retried = await deliver(payload, signature);
    expect(retried.json().outcome).toBe('processed');
    expect(receivedEvents.filter((event) => event.eventId === eventId)).toHaveLength(1);
  });

  it('asks Stripe to come back (409) while another delivery of the same event is being handled', async () => {
    const { payload, signature, eventId } = fake.signedEvent('payment_intent.succeeded', paymentIntentObject());
    let release: () => void = () => undefined;
    holdEvents = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = deliver(payload, signature);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await deliver(payload, signature);
    release();
    holdEvents = undefined;
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('webhook_in_progress');
    expect((await first).json().outcome).toBe('processed');
    expect(receivedEvents.filter((event) => event.eventId === eventId)).toHaveLength(1);
  });

  it('reads the body raw whatever its content type says', async () => {
    const { payload, signature } = fake.signedEvent('customer.created', { id: 'cus_2', object: 'customer' });
    const response = await deliver(payload, signature, 'text/plain');
    expect(response.statusCode).toBe(200);
  });
});
