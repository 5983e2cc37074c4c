import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { addCard } from '../billing/billing-test-support.ts';
import { checkIn, createFeePractice, createSalesTestApp, post, type FeePractice } from '../sales/sales-test-support.ts';
import { act, billPractice, enrol, moveClock, type MembershipPractice } from './memberships-test-support.ts';

// Monday 2 March 2026, 09:00 in New York. Members enrolled today with draw day 15 are first drawn on 15 April.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database } = await createSalesTestApp({ clock });

interface PerksPractice extends FeePractice {
  /** The same practice as the memberships helpers take it, with a card that always declines. */
  members: MembershipPractice;
}

async function perksPractice(): Promise<PerksPractice> {
  const setup = await createFeePractice(app);
  const declining = await addCard(app, setup.practice, setup.patientId, 'pm_card_chargeDeclined');
  return { ...setup, members: { practice: setup.practice, clinic: setup.clinic, patientId: setup.patientId, visa: setup.visa, declining } };
}

async function createPlan(setup: PerksPractice, perks: Record<string, unknown>) {
  const response = await post(app, '/api/v1/membership-plans', setup.practice.owner.headers, {
    name: `Glow Club ${Math.random().toString(36).slice(2, 8)}`,
    monthlyPriceCents: 9_900,
    clinicIds: [setup.clinic.id],
    soldOnline: false,
    perks,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string; name: string }>();
}

async function checkoutVisit(setup: PerksPractice, start: string) {
  const booked = await book(app, setup, { serviceIds: [setup.peel.id, setup.consultation.id], start });
  expect(booked.statusCode, booked.body).toBe(201);
  const id = booked.json<{ id: string }>().id;
  await checkIn(app, setup, id);
  const response = await post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, {
    products: [
      { name: 'SPF 50 Sunscreen', unitPriceCents: 3_250, quantity: 2 },
      { name: 'Serum', unitPriceCents: 4_000, quantity: 1 },
    ],
    payment: { method: 'cash' },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{
    invoice: {
      totals: { subtotalCents: number; discountCents: number; totalCents: number };
      lines: { kind: string; description: string; totalCents: number }[];
    };
  }>().invoice;
}

async function walletEntries(setup: PerksPractice) {
  const result = await database.db.execute<{
    balance: string;
    kind: string;
    amount_cents: number | null;
    quantity: number | null;
    service_id: string | null;
    expires_on: string | null;
    request_key: string | null;
  }>(
    sql`select balance, kind, amount_cents, quantity, service_id, expires_on::text as expires_on, request_key from wallet_entries
        where practice_id = ${setup.practice.practiceId} and patient_id = ${setup.patientId} order by seq`,
  );
  return result.rows;
}

describe('membership perks', () => {
  it('take the plan’s percent off its chosen services and products at checkout: Active always, Past Due by the practice’s setting, never On Hold', async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await perksPractice();
    const plan = await createPlan(setup, {
      discountPercent: 20,
      discountServiceIds: [setup.peel.id],
      discountProductNames: ['spf 50 sunscreen'],
    });
    const enrolled = await enrol(app, setup.members, { planId: plan.id, paymentMethodId: setup.visa.id });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const membershipId = enrolled.json<{ id: string }>().id;

    // Active: 20 % of the peel (150.00) and of the sunscreen (2 × 32.50); the consultation and the serum are not the plan's.
    const active = await checkoutVisit(setup, '2026-03-02T15:00:00Z');
    expect(active.lines.filter((line) => line.kind === 'discount')).toEqual([
      expect.objectContaining({ description: `Member price: ${plan.name} (20%)`, totalCents: -4_300 }),
    ]);
    expect(active.totals).toMatchObject({ subtotalCents: 35_500, discountCents: 4_300, totalCents: 31_200 });

    // The April draw is declined: Past Due, and no discount until the practice keeps perks while Past Due.
    expect((await act(app, setup.members, membershipId, 'change-card', { paymentMethodId: setup.members.declining.id })).statusCode).toBe(
      200,
    );
    await moveClock(app, clock, setup.members, '2026-04-15T14:00:00Z');
    expect(await billPractice(app, setup.members)).toMatchObject({ declined: 1 });
    const pastDue = await checkoutVisit(setup, '2026-04-15T15:00:00Z');
    expect(pastDue.totals).toMatchObject({ discountCents: 0, totalCents: 35_500 });

    const settings = await app.inject({
      method: 'PUT',
      url: '/api/v1/membership-settings',
      headers: setup.practice.owner.headers,
      payload: { retryAfterDays: [3, 6], perksWhilePastDue: true },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    expect(settings.json()).toEqual({ retryAfterDays: [3, 6], perksWhilePastDue: true });
    const keptPerks = await checkoutVisit(setup, '2026-04-15T17:00:00Z');
    expect(keptPerks.totals).toMatchObject({ discountCents: 4_300, totalCents: 31_200 });

    // A new card pays the outstanding period (Active again); On Hold takes the discount away.
    expect((await act(app, setup.members, membershipId, 'change-card', { paymentMethodId: setup.visa.id })).statusCode).toBe(200);
    expect((await act(app, setup.members, membershipId, 'hold', {})).statusCode).toBe(200);
    const onHold = await checkoutVisit(setup, '2026-04-15T19:00:00Z');
    expect(onHold.totals).toMatchObject({ discountCents: 0, totalCents: 35_500 });
  });

  it('add the plan’s credit and service units to the wallet for each paid period, once, expiring at the next draw or rolling over', async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await perksPractice();
    const expiring = await createPlan(setup, {
      creditCentsPerPeriod: 2_500,
      includedServices: [{ serviceId: setup.peel.id, unitsPerPeriod: 1 }],
      unusedCredit: 'expire',
    });
    const rolling = await createPlan(setup, { creditCentsPerPeriod: 1_000, unusedCredit: 'roll_over' });
    const first = await enrol(app, setup.members, { planId: expiring.id, paymentMethodId: setup.visa.id });
    expect(first.statusCode, first.body).toBe(201);
    const second = await enrol(app, setup.members, { planId: rolling.id, paymentMethodId: setup.visa.id });
    expect(second.statusCode, second.body).toBe(201);
    const firstId = first.json<{ id: string }>().id;
    const secondId = second.json<{ id: string }>().id;

    // The enrolment payments: a period each, its perks until the day before the first draw (15 April), or for good.
    expect(await walletEntries(setup)).toEqual([
      expect.objectContaining({
        balance: 'credit',
        kind: 'credit_added',
        amount_cents: 2_500,
        expires_on: '2026-04-14',
        request_key: `membership:${firstId}:period-0:perks:credit`,
      }),
      expect.objectContaining({
        balance: 'prepaid',
        quantity: 1,
        service_id: setup.peel.id,
        expires_on: '2026-04-14',
        request_key: `membership:${firstId}:period-0:perks:service-${setup.peel.id}`,
      }),
      expect.objectContaining({
        balance: 'credit',
        amount_cents: 1_000,
        expires_on: null,
        request_key: `membership:${secondId}:period-0:perks:credit`,
      }),
    ]);

    // The second plan's April draw is declined: its period grants nothing. The first's is paid.
    expect((await act(app, setup.members, secondId, 'change-card', { paymentMethodId: setup.members.declining.id })).statusCode).toBe(200);
    await moveClock(app, clock, setup.members, '2026-04-15T14:00:00Z');
    expect(await billPractice(app, setup.members)).toMatchObject({ paid: 1, declined: 1 });
    expect(await billPractice(app, setup.members)).toMatchObject({ paid: 0, declined: 0 });
    const afterApril = await walletEntries(setup);
    expect(afterApril).toHaveLength(5);
    expect(afterApril.slice(3)).toEqual([
      expect.objectContaining({
        balance: 'credit',
        amount_cents: 2_500,
        expires_on: '2026-05-14',
        request_key: `membership:${firstId}:period-1:perks:credit`,
      }),
      expect.objectContaining({ balance: 'prepaid', quantity: 1, expires_on: '2026-05-14' }),
    ]);

    // The wallet counts April's grants and the rolled-over credit; March's expired.
    const wallet = await app.inject({
      method: 'GET',
      url: `/api/v1/patients/${setup.patientId}/wallet`,
      headers: setup.practice.owner.headers,
    });
    expect(wallet.statusCode, wallet.body).toBe(200);
    const counted = wallet.json<{
      totalCents: number;
      prepaid: { serviceId: string | null; remaining: number; expiresOn: string | null }[];
    }>();
    expect(counted.totalCents).toBe(2_500 + 1_000);
    expect(counted.prepaid).toEqual([expect.objectContaining({ serviceId: setup.peel.id, remaining: 1, expiresOn: '2026-05-14' })]);

    // A new card pays the second plan's April period: its credit arrives then, once.
    expect((await act(app, setup.members, secondId, 'change-card', { paymentMethodId: setup.visa.id })).statusCode).toBe(200);
    const afterNewCard = await walletEntries(setup);
    expect(afterNewCard).toHaveLength(6);
    expect(afterNewCard[5]).toMatchObject({
      amount_cents: 1_000,
      expires_on: null,
      request_key: `membership:${secondId}:period-1:perks:credit`,
    });
  });

  it('refuses perks naming a service the practice does not have', async () => {
    const setup = await perksPractice();
    const response = await post(app, '/api/v1/membership-plans', setup.practice.owner.headers, {
      name: 'Unknown service club',
      monthlyPriceCents: 9_900,
      clinicIds: [setup.clinic.id],
      soldOnline: false,
      perks: { includedServices: [{ serviceId: '00000000-0000-4000-8000-000000000000', unitsPerPeriod: 1 }] },
    });
    expect(response.statusCode, response.body).toBe(404);
    expect(response.json()).toMatchObject({ field: 'perks.includedServices[0].serviceId' });
  });
});
