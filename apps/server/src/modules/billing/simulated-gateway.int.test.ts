import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../platform/errors.ts';
import { createManualClock } from '../../platform/clock.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { createTestPractice, type TestPractice } from '../../testing/test-app.ts';
import { addCard, createBillingTestApp, createPatient, tokenizeCard } from './billing-test-support.ts';
import type { ChargeOffSessionInput } from './billing-service.ts';
import type { OffSessionChargeInput } from './payment-gateway.ts';
import { createSimulatedGateway } from './simulated-gateway.ts';

const { app, database } = await createBillingTestApp({ tokenRateLimit: { maxAttempts: 1000, windowSeconds: 60 } });
const limited = await createBillingTestApp({ tokenRateLimit: { maxAttempts: 3, windowSeconds: 60 } });
const billing = app.services.billing;
const nextYear = new Date().getUTCFullYear() + 1;

async function patientWithCard(gatewayToken: string): Promise<{ practice: TestPractice; patientId: string; paymentMethodId: string }> {
  const practice = await createTestPractice(app);
  const patientId = await createPatient(app, practice);
  const card = await addCard(app, practice, patientId, gatewayToken);
  return { practice, patientId, paymentMethodId: card.id };
}

function charge(
  setup: { practice: TestPractice; patientId: string; paymentMethodId: string },
  overrides: Partial<ChargeOffSessionInput> = {},
): ChargeOffSessionInput {
  return {
    practiceId: setup.practice.practiceId,
    patientId: setup.patientId,
    paymentMethodId: setup.paymentMethodId,
    amountCents: 5000,
    currency: 'USD',
    idempotencyKey: `no-show-fee:${crypto.randomUUID()}`,
    description: 'No-show fee',
    metadata: { appointment_id: 'a1' },
    actor: setup.practice.ownerActor,
    ...overrides,
  };
}

async function simulatedPaymentIntentCount(paymentMethodId: string, practiceId: string): Promise<number> {
  const stored = await inPractice(database, practiceId, (tx) =>
    tx.execute<{ gateway_payment_method_id: string }>(
      sql`select gateway_payment_method_id from payment_methods where id = ${paymentMethodId}`,
    ),
  );
  const rows = await database.db.execute<{ count: number }>(
    sql`select count(*)::int as count from simulated_gateway.payment_intents where payment_method_id = ${stored.rows[0]?.gateway_payment_method_id}`,
  );
  return rows.rows[0]?.count ?? -1;
}

describe('tokenizing a card at the simulated gateway', () => {
  it('returns a token and the card’s brand, last 4 and expiry', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/simulated-gateway/v1/tokens',
      payload: { number: '5555 5555 5555 4444', expMonth: 7, expYear: nextYear, cvc: '321', postalCode: '10001' },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      token: expect.stringMatching(/^tok_sim_/),
      card: { brand: 'mastercard', last4: '4444', expMonth: 7, expYear: nextYear },
    });
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('accepts a two-digit expiry year', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/simulated-gateway/v1/tokens',
      payload: { number: '4242424242424242', expMonth: 1, expYear: nextYear % 100, cvc: '123' },
    });
    expect(response.json().card.expYear).toBe(nextYear);
  });

  it.each([
    ['a number failing the Luhn check', { number: '4242424242424241' }, 'number', 'invalid_card_number'],
    ['a too short number', { number: '4242' }, 'number', 'invalid_card_number'],
    ['letters in the number', { number: '4242abcd42424242' }, 'number', 'validation_failed'],
    ['a real (non-test) card number', { number: '4539578763621486' }, 'number', 'not_a_test_card'],
    ['a month of 13', { expMonth: 13 }, 'expMonth', 'invalid_expiry_month'],
    ['an expiry in the past', { expMonth: 1, expYear: 2020 }, 'expYear', 'card_expired'],
    ['an expiry 30 years ahead', { expYear: new Date().getUTCFullYear() + 30 }, 'expYear', 'invalid_expiry_year'],
    ['a two-digit CVC', { cvc: '12' }, 'cvc', 'invalid_cvc'],
    ['a five-digit CVC', { cvc: '12345' }, 'cvc', 'invalid_cvc'],
    ['a CVC with letters', { cvc: '12a' }, 'cvc', 'invalid_cvc'],
    ['a missing CVC', { cvc: undefined }, 'cvc', 'validation_failed'],
    ['an unknown field', { pin: '1234' }, 'pin', 'validation_failed'],
  ])('refuses %s with 400 naming the field', async (_label, change, field, code) => {
    const payload: Record<string, unknown> = { number: '4242424242424242', expMonth: 12, expYear: nextYear, cvc: '123', ...change };
    const response = await app.inject({ method: 'POST', url: '/simulated-gateway/v1/tokens', payload });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ field, code });
    expect(response.body).not.toContain('4242424242424242');
  });

  it('refuses a cross-site tokenization request', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/simulated-gateway/v1/tokens',
      headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      payload: { number: '4242424242424242', expMonth: 12, expYear: nextYear, cvc: '123' },
    });
    expect(response.statusCode).toBe(403);
  });

  it('serves its card form page and browser script', async () => {
    const page = await app.inject({ method: 'GET', url: '/simulated-gateway/v1/card-form' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    expect(page.body).toContain('<script src="/simulated-gateway/v1/gateway.js"></script>');
    const script = await app.inject({ method: 'GET', url: '/simulated-gateway/v1/gateway.js' });
    expect(script.headers['content-type']).toContain('text/javascript');
    expect(script.body).toContain('glowdesk:gateway-token');
  });
});

describe('tokenization rate limit', () => {
  it('answers 429 with Retry-After once an address tries too many cards', async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      const response = await limited.app.inject({
        method: 'POST',
        url: '/simulated-gateway/v1/tokens',
        payload: { number: '4242424242424241', expMonth: 12, expYear: nextYear, cvc: '123' },
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) {
        expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
        expect(response.json().code).toBe('too_many_requests');
      }
    }
    expect(statuses).toEqual([400, 400, 400, 429]);
  });
});

describe('off-session charges with the simulated gateway', () => {
  it('charges a card that succeeds', async () => {
    const setup = await patientWithCard(await tokenizeCard(app, { number: '4242424242424242' }));
    const result = await billing.chargeOffSession(charge(setup));
    expect(result).toEqual({ status: 'succeeded', chargeId: expect.stringMatching(/^pi_sim_/), amountCents: 5000, currency: 'USD' });
  });

  it.each([
    ['4000000000000002', 'generic_decline'],
    ['4000000000009995', 'insufficient_funds'],
    ['pm_card_chargeDeclined', 'generic_decline'],
  ])('reports a decline for %s', async (card, declineCode) => {
    const token = card.startsWith('pm_') ? card : await tokenizeCard(app, { number: card });
    const result = await billing.chargeOffSession(charge(await patientWithCard(token)));
    expect(result).toMatchObject({ status: 'declined', declineCode, message: expect.any(String), chargeId: expect.any(String) });
  });

  it.each(['4000002500003155', '4000002760003184', 'pm_card_authenticationRequired'])(
    'reports that %s needs the cardholder to authenticate',
    async (card) => {
      const token = card.startsWith('pm_') ? card : await tokenizeCard(app, { number: card });
      const result = await billing.chargeOffSession(charge(await patientWithCard(token)));
      expect(result).toMatchObject({ status: 'requires_authentication', chargeId: expect.any(String), clientSecret: expect.any(String) });
    },
  );

  it('charges once per idempotency key, however often and however concurrently it is retried', async () => {
    const setup = await patientWithCard('pm_card_visa');
    const input = charge(setup);
    const results = await Promise.all(Array.from({ length: 10 }, () => billing.chargeOffSession(input)));
    const chargeIds = new Set(results.map((result) => (result.status === 'succeeded' ? result.chargeId : result.status)));
    expect(chargeIds.size).toBe(1);
    expect(await simulatedPaymentIntentCount(setup.paymentMethodId, setup.practice.practiceId)).toBe(1);
    const other = await billing.chargeOffSession({ ...input, idempotencyKey: 'another-key' });
    expect(other.status).toBe('succeeded');
    expect(await simulatedPaymentIntentCount(setup.paymentMethodId, setup.practice.practiceId)).toBe(2);
  });

  it('replays a decline for the same key instead of trying again', async () => {
    const setup = await patientWithCard('pm_card_chargeDeclined');
    const input = charge(setup);
    const first = await billing.chargeOffSession(input);
    const second = await billing.chargeOffSession(input);
    expect(second).toEqual(first);
    expect(await simulatedPaymentIntentCount(setup.paymentMethodId, setup.practice.practiceId)).toBe(1);
  });

  it('refuses a key reused for a different amount', async () => {
    const setup = await patientWithCard('pm_card_visa');
    const input = charge(setup);
    await billing.chargeOffSession(input);
    const reused = await billing.chargeOffSession({ ...input, amountCents: 9900 });
    expect(reused).toMatchObject({ status: 'error', retryable: false });
  });

  it.each([
    ['zero', { amountCents: 0 }, 'amountCents'],
    ['negative', { amountCents: -500 }, 'amountCents'],
    ['fractional', { amountCents: 12.5 }, 'amountCents'],
    ['too large', { amountCents: 100_000_000 }, 'amountCents'],
    ['bad currency', { currency: 'US' }, 'currency'],
    ['empty key', { idempotencyKey: '' }, 'idempotencyKey'],
    ['reserved metadata', { metadata: { glowdesk_practice_id: 'x' } }, 'metadata.glowdesk_practice_id'],
    ['empty description', { description: '  ' }, 'description'],
  ])('refuses a %s charge before reaching the gateway', async (_label, overrides, field) => {
    const setup = await patientWithCard('pm_card_visa');
    const error = await billing.chargeOffSession(charge(setup, overrides)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe(field);
    expect(await simulatedPaymentIntentCount(setup.paymentMethodId, setup.practice.practiceId)).toBe(0);
  });

  it('refuses another patient’s card, and a removed card', async () => {
    const setup = await patientWithCard('pm_card_visa');
    const otherPatient = await createPatient(app, setup.practice, { firstName: 'Zoe', lastName: 'Hart' });
    await expect(billing.chargeOffSession(charge(setup, { patientId: otherPatient }))).rejects.toBeInstanceOf(NotFoundError);
    await app.inject({
      method: 'DELETE',
      url: `/api/v1/patients/${setup.patientId}/payment-methods/${setup.paymentMethodId}`,
      headers: setup.practice.owner.headers,
    });
    await expect(billing.chargeOffSession(charge(setup))).rejects.toBeInstanceOf(NotFoundError);
    expect(await simulatedPaymentIntentCount(setup.paymentMethodId, setup.practice.practiceId)).toBe(0);
  });

  it('refuses a card of another practice', async () => {
    const setup = await patientWithCard('pm_card_visa');
    const otherPractice = await createTestPractice(app);
    await expect(billing.chargeOffSession(charge(setup, { practiceId: otherPractice.practiceId }))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('audits each charge with its outcome', async () => {
    const setup = await patientWithCard('pm_card_chargeDeclined');
    const input = charge(setup);
    await billing.chargeOffSession(input);
    const events = await inPractice(database, setup.practice.practiceId, (tx) =>
      tx.execute<{ outcome: string; object_id: string; details: Record<string, unknown> }>(
        sql`select outcome, object_id, details from audit_events where action = 'payment_method.charge'`,
      ),
    );
    expect(events.rows).toEqual([
      {
        outcome: 'failure',
        object_id: setup.paymentMethodId,
        details: expect.objectContaining({ amountCents: 5000, currency: 'USD', status: 'declined', idempotencyKey: input.idempotencyKey }),
      },
    ]);
  });
});

describe('many off-session charges at once with the simulated gateway', () => {
  /** Charges as a batch sends them: one practice's, without the practice on each. */
  function many(
    setups: { practice: TestPractice; patientId: string; paymentMethodId: string }[],
  ): Omit<ChargeOffSessionInput, 'practiceId'>[] {
    return setups.map((setup) => {
      const { practiceId: _practiceId, ...input } = charge(setup);
      return input;
    });
  }

  async function samePracticeCards(tokens: string[]) {
    const practice = await createTestPractice(app);
    return Promise.all(
      tokens.map(async (token) => {
        const patientId = await createPatient(app, practice);
        const card = await addCard(app, practice, patientId, token);
        return { practice, patientId, paymentMethodId: card.id };
      }),
    );
  }

  it('answers each charge as a charge on its own would: succeeded, declined, needing authentication', async () => {
    const setups = await samePracticeCards(['pm_card_visa', 'pm_card_chargeDeclined', 'pm_card_authenticationRequired']);
    const practiceId = setups[0]?.practice.practiceId ?? '';
    const answers = await billing.chargeOffSessionMany(practiceId, many(setups), { concurrency: 2 });
    expect(answers).toEqual([
      { result: { status: 'succeeded', chargeId: expect.stringMatching(/^pi_sim_/), amountCents: 5000, currency: 'USD' } },
      { result: expect.objectContaining({ status: 'declined', declineCode: 'generic_decline' }) },
      { result: expect.objectContaining({ status: 'requires_authentication', clientSecret: expect.any(String) }) },
    ]);
    for (const setup of setups) expect(await simulatedPaymentIntentCount(setup.paymentMethodId, practiceId)).toBe(1);
    const audits = await inPractice(database, practiceId, (tx) =>
      tx.execute<{ object_id: string }>(sql`select object_id from audit_events where action = 'payment_method.charge' order by object_id`),
    );
    expect(audits.rows.map((row) => row.object_id)).toEqual(setups.map((setup) => setup.paymentMethodId).sort());
  });

  it('replays a charge made before under the same key, and refuses the key for a different amount', async () => {
    const setups = await samePracticeCards(['pm_card_visa', 'pm_card_visa']);
    const practiceId = setups[0]?.practice.practiceId ?? '';
    const [first, second] = many(setups);
    if (!first || !second) throw new Error('two charges expected');
    const alone = await billing.chargeOffSession({ ...first, practiceId });
    const answers = await billing.chargeOffSessionMany(
      practiceId,
      [first, { ...second, idempotencyKey: first.idempotencyKey, amountCents: 7000 }],
      {
        concurrency: 1,
      },
    );
    expect(answers[0]).toEqual({ result: alone });
    expect(answers[1]).toEqual({ result: expect.objectContaining({ status: 'error', retryable: false }) });
    expect(await simulatedPaymentIntentCount(first.paymentMethodId, practiceId)).toBe(1);
    expect(await simulatedPaymentIntentCount(second.paymentMethodId, practiceId)).toBe(0);
  });

  it('charges a key sent twice in one batch once, and two batches racing over the same keys once each', async () => {
    const setups = await samePracticeCards(['pm_card_visa', 'pm_card_visa', 'pm_card_visa']);
    const practiceId = setups[0]?.practice.practiceId ?? '';
    const inputs = many(setups);
    const [a, b, c] = inputs;
    if (!a || !b || !c) throw new Error('three charges expected');
    const twice = await billing.chargeOffSessionMany(practiceId, [a, a], { concurrency: 1 });
    expect(twice[1]).toEqual(twice[0]);
    const [left, right] = await Promise.all([
      billing.chargeOffSessionMany(practiceId, [b, c], { concurrency: 1 }),
      billing.chargeOffSessionMany(practiceId, [c, b], { concurrency: 1 }),
    ]);
    expect(left).toEqual([right?.[1], right?.[0]]);
    for (const setup of setups) expect(await simulatedPaymentIntentCount(setup.paymentMethodId, practiceId)).toBe(1);
  });

  it('refuses a card detached at the gateway, gives its key back, and refuses bad input before reaching the gateway', async () => {
    const setups = await samePracticeCards(['pm_card_visa', 'pm_card_visa']);
    const practiceId = setups[0]?.practice.practiceId ?? '';
    const [good, detached] = many(setups);
    if (!good || !detached) throw new Error('two charges expected');
    const stored = await inPractice(database, practiceId, (tx) =>
      tx.execute<{ gateway_payment_method_id: string; gateway_customer_id: string }>(
        sql`select gateway_payment_method_id, gateway_customer_id from payment_methods where id = ${detached.paymentMethodId}`,
      ),
    );
    const gatewayCard = stored.rows[0];
    if (!gatewayCard) throw new Error('the card is not stored');
    const gateway = createSimulatedGateway({ database, clock: createManualClock(new Date()) });
    await gateway.detachPaymentMethod({ paymentMethodId: gatewayCard.gateway_payment_method_id });
    const request: OffSessionChargeInput = {
      customerId: gatewayCard.gateway_customer_id,
      paymentMethodId: gatewayCard.gateway_payment_method_id,
      amountCents: 5000,
      currency: 'USD',
      idempotencyKey: `batch-detached-${crypto.randomUUID()}`,
      description: 'Membership',
      metadata: {},
    };
    expect(await gateway.chargeOffSessionMany([request], { concurrency: 1 })).toEqual([
      { status: 'error', retryable: false, message: 'The payment method is not attached to this customer.' },
    ]);
    const keys = await database.db.execute<{ count: number }>(
      sql`select count(*)::int as count from simulated_gateway.idempotency_keys where key = ${request.idempotencyKey}`,
    );
    expect(keys.rows[0]?.count).toBe(0);

    const answers = await billing.chargeOffSessionMany(practiceId, [{ ...good, amountCents: 0 }, good], { concurrency: 1 });
    expect(answers[0]).toEqual({ error: expect.any(ValidationError) });
    expect(answers[1]).toEqual({ result: expect.objectContaining({ status: 'succeeded' }) });
  });
});

describe('refunds with the simulated gateway', () => {
  async function succeededCharge() {
    const setup = await patientWithCard('pm_card_visa');
    const result = await billing.chargeOffSession(charge(setup, { amountCents: 10_000 }));
    if (result.status !== 'succeeded') throw new Error(`charge did not succeed: ${JSON.stringify(result)}`);
    return { setup, chargeId: result.chargeId };
  }

  it('refunds part, then the rest, then refuses more', async () => {
    const { setup, chargeId } = await succeededCharge();
    const refund = (amountCents: number | undefined, idempotencyKey: string) =>
      billing.refundCharge({
        practiceId: setup.practice.practiceId,
        chargeId,
        idempotencyKey,
        actor: setup.practice.ownerActor,
        ...(amountCents === undefined ? {} : { amountCents }),
      });
    expect(await refund(3000, 'refund-1')).toEqual({ status: 'succeeded', refundId: expect.stringMatching(/^re_sim_/), amountCents: 3000 });
    expect(await refund(8000, 'refund-2')).toMatchObject({ status: 'failed', code: 'amount_too_large' });
    expect(await refund(undefined, 'refund-3')).toMatchObject({ status: 'succeeded', amountCents: 7000 });
    expect(await refund(100, 'refund-4')).toMatchObject({ status: 'failed', code: 'charge_already_refunded' });
  });

  it('refunds once per idempotency key', async () => {
    const { setup, chargeId } = await succeededCharge();
    const input = {
      practiceId: setup.practice.practiceId,
      chargeId,
      amountCents: 2500,
      idempotencyKey: 'refund-once',
      actor: setup.practice.ownerActor,
    };
    const [first, second] = await Promise.all([billing.refundCharge(input), billing.refundCharge(input)]);
    expect(second).toEqual(first);
    const third = await billing.refundCharge({ ...input, idempotencyKey: 'refund-twice' });
    expect(third.status).toBe('succeeded');
    const refunded = await database.db.execute<{ amount_refunded: number }>(
      sql`select amount_refunded::int as amount_refunded from simulated_gateway.payment_intents where id = ${chargeId}`,
    );
    expect(refunded.rows[0]?.amount_refunded).toBe(5000);
  });

  it('refuses to refund another practice’s charge', async () => {
    const { chargeId } = await succeededCharge();
    const otherPractice = await createTestPractice(app);
    const result = await billing.refundCharge({
      practiceId: otherPractice.practiceId,
      chargeId,
      idempotencyKey: 'steal',
      actor: otherPractice.ownerActor,
    });
    expect(result).toMatchObject({ status: 'failed', code: 'charge_not_found' });
  });

  it('refuses to refund a declined charge, or a bad amount', async () => {
    const setup = await patientWithCard('pm_card_chargeDeclined');
    const declined = await billing.chargeOffSession(charge(setup));
    const chargeId = declined.status === 'declined' ? (declined.chargeId ?? '') : '';
    const base = { practiceId: setup.practice.practiceId, chargeId, idempotencyKey: 'r', actor: setup.practice.ownerActor };
    expect(await billing.refundCharge(base)).toMatchObject({ status: 'failed', code: 'charge_not_succeeded' });
    await expect(billing.refundCharge({ ...base, amountCents: 0 })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('webhooks with the simulated gateway', () => {
  it('has no webhook endpoint to deliver to', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/billing/webhooks/stripe',
      headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=abc' },
      payload: '{}',
    });
    expect(response.statusCode).toBe(404);
  });
});
