import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import type { Database } from '../../platform/database.ts';
import { startFakeStripeServer } from '../../testing/fake-stripe-server.ts';
import { createTestPractice } from '../../testing/test-app.ts';
import { addCard, createBillingTestApp, createPatient } from './billing-test-support.ts';
import { createStripeGateway } from './stripe-gateway.ts';

/** Every log line the app writes, at the most verbose level. */
function capturingLogger() {
  const lines: string[] = [];
  return { lines, logger: { level: 'trace', stream: { write: (line: string) => lines.push(line) } } };
}

/**
 * Rows of every table in the given schemas whose text (all columns, any type) contains
 * one of the needles. Tables come from information_schema, so new tables are covered.
 */
async function rowsContaining(database: Database, schemas: string[], needles: string[]): Promise<string[]> {
  const tables = await database.db.execute<{ table_schema: string; table_name: string }>(
    sql`select table_schema, table_name from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema in (${sql.join(
          schemas.map((schema) => sql`${schema}`),
          sql`, `,
        )}) order by 1, 2`,
  );
  expect(tables.rows.length).toBeGreaterThan(5);
  const hits: string[] = [];
  for (const { table_schema: schema, table_name: table } of tables.rows) {
    for (const needle of needles) {
      const found = await database.db.execute<{ count: number }>(
        sql`select count(*)::int as count from ${sql.identifier(schema)}.${sql.identifier(table)} as row_value where row_value::text like ${`%${needle}%`}`,
      );
      if ((found.rows[0]?.count ?? 0) > 0) hits.push(`${schema}.${table} contains ${needle}`);
    }
  }
  return hits;
}

const simulatedCapture = capturingLogger();
const simulated = await createBillingTestApp({ logger: simulatedCapture.logger });

const fake = await startFakeStripeServer();
afterAll(() => fake.close());
const stripeCapture = capturingLogger();
const stripe = await createBillingTestApp({
  logger: stripeCapture.logger,
  gateway: ({ clock }) =>
    createStripeGateway({
      secretKey: fake.secretKey,
      publishableKey: fake.publishableKey,
      webhookSecret: fake.webhookSecret,
      apiUrl: fake.url,
      clock,
    }),
});

describe('no card number is ever written to Glowdesk’s database or logs', () => {
  it('with the simulated gateway: tokenize in the “browser”, save, charge, refund', async () => {
    const { app, database } = simulated;
    const capture = simulatedCapture;
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const typed = '4242 4242 4242 4242';
    const year = new Date().getUTCFullYear() + 2;

    const rejected = await app.inject({
      method: 'POST',
      url: '/simulated-gateway/v1/tokens',
      payload: { number: typed, expMonth: 12, expYear: year, cvc: '98' },
    });
    expect(rejected.statusCode).toBe(400);
    const tokenized = await app.inject({
      method: 'POST',
      url: '/simulated-gateway/v1/tokens',
      payload: { number: typed, expMonth: 12, expYear: year, cvc: '987', postalCode: '94110' },
    });
    expect(tokenized.statusCode).toBe(201);
    const card = await addCard(app, practice, patientId, tokenized.json().token);
    const result = await app.services.billing.chargeOffSession({
      practiceId: practice.practiceId,
      patientId,
      paymentMethodId: card.id,
      amountCents: 2500,
      currency: 'USD',
      idempotencyKey: 'pan-scan-charge',
      description: 'No-show fee',
      actor: practice.ownerActor,
    });
    if (result.status !== 'succeeded') throw new Error(JSON.stringify(result));
    await app.services.billing.refundCharge({
      practiceId: practice.practiceId,
      chargeId: result.chargeId,
      idempotencyKey: 'pan-scan-refund',
      actor: practice.ownerActor,
    });
    await app.inject({ method: 'GET', url: `/api/v1/patients/${patientId}/payment-methods`, headers: practice.owner.headers });

    const needles = ['4242424242424242', typed, '424242424242'];
    // The simulated gateway's own store is scanned too: like a real processor it keeps only the last 4.
    expect(await rowsContaining(database, ['public', 'simulated_gateway'], needles)).toEqual([]);
    // The scan does find what is there: the last 4 digits, in both stores.
    expect(await rowsContaining(database, ['public', 'simulated_gateway'], ['4242'])).toEqual(
      expect.arrayContaining(['public.payment_methods contains 4242', 'simulated_gateway.tokens contains 4242']),
    );
    const log = capture.lines.join('');
    expect(log).toContain('/simulated-gateway/v1/tokens');
    for (const needle of needles) expect(log).not.toContain(needle);
    expect(log).not.toContain('"cvc"');
  });

  it('with Stripe: the browser gives the card to Stripe, Glowdesk gets a PaymentMethod id', async () => {
    const { app, database } = stripe;
    const capture = stripeCapture;
    const practice = await createTestPractice(app);
    const patientId = await createPatient(app, practice);
    const number = '4000002760003184';
    const paymentMethodId = await fake.createCardPaymentMethod({
      number,
      expMonth: 6,
      expYear: new Date().getUTCFullYear() + 3,
      cvc: '123',
    });
    const card = await addCard(app, practice, patientId, paymentMethodId);
    const result = await app.services.billing.chargeOffSession({
      practiceId: practice.practiceId,
      patientId,
      paymentMethodId: card.id,
      amountCents: 2500,
      currency: 'USD',
      idempotencyKey: 'pan-scan-stripe',
      description: 'No-show fee',
      actor: practice.ownerActor,
    });
    expect(result.status).toBe('requires_authentication');
    await app.inject({ method: 'GET', url: `/api/v1/patients/${patientId}/payment-methods`, headers: practice.owner.headers });

    expect(await rowsContaining(database, ['public'], [number, '400000276000'])).toEqual([]);
    expect(await rowsContaining(database, ['public'], ['3184'])).toContain('public.payment_methods contains 3184');
    const log = capture.lines.join('');
    expect(log).toContain('/payment-methods');
    expect(log).not.toContain(number);
  });
});
