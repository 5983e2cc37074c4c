import { afterAll, describe, expect, it } from 'vitest';
import type { GlowdeskApp } from '../../app.ts';
import { createManualClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { startFakeStripeServer } from '../../testing/fake-stripe-server.ts';
import { createBillingTestApp } from '../billing/billing-test-support.ts';
import { createStripeGateway } from '../billing/index.ts';
import {
  bookWithCard,
  createFeePractice,
  createSalesTestApp,
  post,
  processorCharges,
  type FeePractice,
} from '../sales/sales-test-support.ts';

// Monday 2 March 2026, 09:00 in New York; the appointments start at 10:00 today.
const clock = createManualClock('2026-03-02T14:00:00Z');
const TODAY = '2026-03-02T15:00:00Z';
const CONCURRENT = 20;

const simulated = await createSalesTestApp({ clock });
const fake = await startFakeStripeServer();
afterAll(() => fake.close());
const stripe = await createBillingTestApp({
  clock,
  gateway: ({ clock: gatewayClock }) =>
    createStripeGateway({
      secretKey: fake.secretKey,
      publishableKey: fake.publishableKey,
      webhookSecret: fake.webhookSecret,
      apiUrl: fake.url,
      timeoutMs: 2_000,
      maxNetworkRetries: 2,
      clock: gatewayClock,
    }),
});

interface Engine {
  name: string;
  app: GlowdeskApp;
  database: Database;
  /** Charges the processor made for the practice. */
  charges: (setup: FeePractice) => Promise<number>;
}

const engines: Engine[] = [
  {
    name: 'the simulated gateway',
    app: simulated.app,
    database: simulated.database,
    charges: (setup) => processorCharges(simulated.database, setup.practice.practiceId),
  },
  {
    name: 'Stripe (fake server)',
    app: stripe.app,
    database: stripe.database,
    charges: async (setup) =>
      [...fake.paymentIntents.values()].filter((intent) => intent.metadata.glowdesk_practice_id === setup.practice.practiceId).length,
  },
];

async function invoicesOf(app: GlowdeskApp, setup: FeePractice, appointmentId: string) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/invoices?appointmentId=${appointmentId}`,
    headers: setup.practice.owner.headers,
  });
  return response.json<{ items: { id: string; status: string; kind: string }[] }>().items;
}

describe.each(engines)('20 identical fee requests at once, with $name', ({ app, charges }) => {
  it('charge exactly once when they share one Idempotency-Key', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY });
    const headers = { ...setup.practice.owner.headers, 'idempotency-key': `double-click-${id}` };
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, () => post(app, `/api/v1/appointments/${id}/no-show`, headers, { chargeFee: true })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array.from({ length: CONCURRENT }, () => 200));
    const invoiceIds = new Set(responses.map((response) => response.json().fee.invoiceId));
    expect(invoiceIds.size).toBe(1);
    expect(responses.filter((response) => response.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(await charges(setup)).toBe(1);
    expect(await invoicesOf(app, setup, id)).toMatchObject([{ kind: 'no_show_fee', status: 'paid' }]);
  });

  it('charge exactly once when every request carries its own key', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY });
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, index) =>
        post(
          app,
          `/api/v1/appointments/${id}/no-show`,
          { ...setup.practice.owner.headers, 'idempotency-key': `click-${index}-${id}` },
          { chargeFee: true },
        ),
      ),
    );
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses).toEqual([200, ...Array.from({ length: CONCURRENT - 1 }, () => 409)]);
    for (const refused of responses.filter((response) => response.statusCode === 409)) {
      expect(refused.json().code).toBe('invalid_status');
    }
    expect(await charges(setup)).toBe(1);
    expect(await invoicesOf(app, setup, id)).toHaveLength(1);
  });

  it('charge exactly once for 20 cancellations with a fee sent at once without keys', async () => {
    const setup = await createFeePractice(app);
    // Tomorrow 08:00 in New York: inside the 24-hour window.
    const id = await bookWithCard(app, setup, { start: '2026-03-03T13:00:00Z' });
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, () =>
        post(app, `/api/v1/appointments/${id}/cancel`, setup.practice.owner.headers, { reason: 'Double click', chargeFee: true }),
      ),
    );
    expect(responses.filter((response) => response.statusCode === 200)).toHaveLength(1);
    expect(await charges(setup)).toBe(1);
  });

  it('charge an unpaid invoice once when 20 payments of it arrive at once', async () => {
    const setup = await createFeePractice(app);
    const declining = await app.inject({
      method: 'POST',
      url: `/api/v1/patients/${setup.patientId}/payment-methods`,
      headers: setup.practice.owner.headers,
      payload: { gatewayToken: 'pm_card_chargeDeclined' },
    });
    const id = await bookWithCard(app, setup, { start: TODAY }, declining.json().id);
    const { fee } = (await post(app, `/api/v1/appointments/${id}/no-show`, setup.practice.owner.headers, { chargeFee: true })).json();
    expect(fee.status).toBe('declined');
    const before = await charges(setup);
    const responses = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, index) =>
        post(
          app,
          `/api/v1/invoices/${fee.invoiceId}/payments`,
          { ...setup.practice.owner.headers, 'idempotency-key': `pay-${index % 2}-${fee.invoiceId}` },
          { payment: { method: 'card_on_file', paymentMethodId: setup.visa.id } },
        ),
      ),
    );
    const paid = responses.filter((response) => response.statusCode === 200 || response.statusCode === 201);
    expect(paid.length).toBeGreaterThanOrEqual(1);
    for (const response of responses.filter((candidate) => candidate.statusCode >= 300)) {
      expect([409]).toContain(response.statusCode);
      expect(['invoice_already_paid', 'payment_in_progress']).toContain(response.json().code);
    }
    expect(await charges(setup)).toBe(before + 1);
    const invoice = (
      await app.inject({ method: 'GET', url: `/api/v1/invoices/${fee.invoiceId}`, headers: setup.practice.owner.headers })
    ).json();
    expect(invoice.payments.filter((payment: { status: string }) => payment.status === 'succeeded')).toHaveLength(1);
    expect(invoice.totals.amountPaidCents).toBe(4000);
  });
});
