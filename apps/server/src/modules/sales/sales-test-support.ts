import type { Service } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { GlowdeskApp } from '../../app.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { book, createBookablePractice, type BookablePractice } from '../appointments/appointments-test-builders.ts';
import { addCard, createBillingTestApp, type PaymentMethodBody } from '../billing/billing-test-support.ts';
import {
  createSimulatedGateway,
  type ChargeResult,
  type OffSessionChargeInput,
  type PaymentGateway,
  type RefundResult,
} from '../billing/index.ts';
import { createService } from '../practice/practice-test-builders.ts';

type RefundInput = Parameters<PaymentGateway['refund']>[0];

/**
 * A gateway that forwards to another and counts what reached it; tests can make the next
 * calls fail as an outage would (the request never reached the processor).
 */
export interface CountingGateway extends PaymentGateway {
  chargeCalls: OffSessionChargeInput[];
  refundCalls: RefundInput[];
  /** The next n charges answer a retryable error without reaching the processor. */
  failNextCharges(count: number): void;
  failNextRefunds(count: number): void;
  /** The next charge (or batch of charges) waits at the gateway until released, as a slow processor would; `reached` resolves when it arrives. */
  holdNextCharge(): { reached: Promise<void>; release: () => void };
}

export function countingGateway(inner: PaymentGateway): CountingGateway {
  let failingCharges = 0;
  let failingRefunds = 0;
  let held: { arrived: () => void; released: Promise<void> } | undefined;
  const chargeCalls: OffSessionChargeInput[] = [];
  const refundCalls: RefundInput[] = [];
  const outage = { status: 'error' as const, retryable: true, message: 'The payment gateway did not answer in time.' };
  const gateway: CountingGateway = Object.assign(Object.create(inner) as PaymentGateway, {
    chargeCalls,
    refundCalls,
    failNextCharges(count: number) {
      failingCharges = count;
    },
    failNextRefunds(count: number) {
      failingRefunds = count;
    },
    holdNextCharge() {
      let arrived = () => {};
      let release = () => {};
      const reached = new Promise<void>((resolve) => (arrived = resolve));
      const released = new Promise<void>((resolve) => (release = resolve));
      held = { arrived, released };
      return { reached, release };
    },
    async chargeOffSession(input: OffSessionChargeInput): Promise<ChargeResult> {
      chargeCalls.push(input);
      const hold = held;
      held = undefined;
      if (hold) {
        hold.arrived();
        await hold.released;
      }
      if (failingCharges > 0) {
        failingCharges -= 1;
        return outage;
      }
      return inner.chargeOffSession(input);
    },
    async chargeOffSessionMany(inputs: readonly OffSessionChargeInput[], options: { concurrency: number }): Promise<ChargeResult[]> {
      chargeCalls.push(...inputs);
      const hold = held;
      held = undefined;
      if (hold) {
        hold.arrived();
        await hold.released;
      }
      const failing = Math.min(failingCharges, inputs.length);
      failingCharges -= failing;
      const answered = failing < inputs.length ? await inner.chargeOffSessionMany(inputs.slice(failing), options) : [];
      return [...inputs.slice(0, failing).map(() => outage), ...answered];
    },
    async refund(input: RefundInput): Promise<RefundResult> {
      refundCalls.push(input);
      if (failingRefunds > 0) {
        failingRefunds -= 1;
        return outage;
      }
      return inner.refund(input);
    },
  });
  return gateway;
}

export interface SalesTestApp {
  app: GlowdeskApp;
  database: Database;
  gateway: CountingGateway;
}

/** The app on a real database with the simulated gateway, counted. */
export async function createSalesTestApp(options: { clock?: Clock } = {}): Promise<SalesTestApp> {
  let counting: CountingGateway | undefined;
  const { app, database } = await createBillingTestApp({
    ...(options.clock ? { clock: options.clock } : {}),
    gateway: ({ database: db, clock }) => {
      counting = countingGateway(createSimulatedGateway({ database: db, clock, tokenRateLimit: { maxAttempts: 1000, windowSeconds: 60 } }));
      return counting;
    },
  });
  if (!counting) throw new Error('gateway was not built');
  return { app, database, gateway: counting };
}

export interface FeePractice extends BookablePractice {
  /** 45 min, $150, cancellation fee $25, no-show fee $40; providers A and B perform it. */
  peel: Service;
  /** The patient's Visa (pm_card_visa) on file. */
  visa: PaymentMethodBody;
}

/** A bookable practice (New York) with a service that charges fees and a card on file for the patient. */
export async function createFeePractice(app: GlowdeskApp): Promise<FeePractice> {
  const setup = await createBookablePractice(app);
  const peel = await createService(app, setup.practice, {
    name: 'Chemical peel',
    durationMinutes: 45,
    priceCents: 15_000,
    cancellationFeeCents: 2_500,
    noShowFeeCents: 4_000,
    clinicIds: [setup.clinic.id],
    providerIds: [setup.providerA.id, setup.providerB.id],
  });
  const visa = await addCard(app, setup.practice, setup.patientId, 'pm_card_visa');
  return { ...setup, peel, visa };
}

/** Books the peel with the card entered ("Enter Credit Card Details"); returns the appointment id. */
export async function bookWithCard(
  app: GlowdeskApp,
  setup: FeePractice,
  overrides: Record<string, unknown> = {},
  paymentMethodId = setup.visa.id,
): Promise<string> {
  const response = await book(app, setup, { serviceIds: [setup.peel.id], requireCardOnFile: true, paymentMethodId, ...overrides });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

export async function post(
  app: GlowdeskApp,
  url: string,
  headers: Record<string, string>,
  payload: unknown,
  extraHeaders: Record<string, string> = {},
) {
  return app.inject({ method: 'POST', url, headers: { ...headers, ...extraHeaders }, payload: payload as Record<string, unknown> });
}

export async function checkIn(app: GlowdeskApp, setup: BookablePractice, appointmentId: string): Promise<void> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/appointments/${appointmentId}/check-in`,
    headers: setup.practice.owner.headers,
    payload: {},
  });
  expect(response.statusCode, response.body).toBe(200);
}

/** Charges made at the simulated processor for the practice (its own store, read as the processor would). */
export async function processorCharges(database: Database, practiceId: string): Promise<number> {
  const result = await database.db.execute<{ count: string | number }>(
    sql`select count(*) as count from simulated_gateway.payment_intents where metadata->>'glowdesk_practice_id' = ${practiceId}`,
  );
  return Number(result.rows[0]?.count ?? 0);
}

export async function processorRefunds(database: Database, practiceId: string): Promise<number> {
  const result = await database.db.execute<{ count: string | number }>(
    sql`select count(*) as count from simulated_gateway.refunds r join simulated_gateway.payment_intents p on p.id = r.payment_intent_id
        where p.metadata->>'glowdesk_practice_id' = ${practiceId}`,
  );
  return Number(result.rows[0]?.count ?? 0);
}

/** Row counts of the practice's sales tables, to prove a refused request wrote nothing. */
export async function salesRowCounts(database: Database, practiceId: string): Promise<Record<string, number>> {
  return inPractice(database, practiceId, async (tx) => {
    const result = await tx.execute<Record<string, string | number>>(sql`
      select
        (select count(*) from invoices) as invoices,
        (select count(*) from invoice_lines) as lines,
        (select count(*) from invoice_payments) as payments,
        (select count(*) from invoice_refunds) as refunds,
        (select count(*) from invoice_events) as events,
        (select count(*) from appointment_events) as "appointmentEvents",
        (select count(*) from booking_card_authorizations) as authorizations`);
    const row = result.rows[0] ?? {};
    return Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Number(value)]));
  });
}
