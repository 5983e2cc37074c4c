import type { Wallet } from '@glowdesk/contracts';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { createTestPractice, setProvidersManageAllAppointments } from '../../testing/test-app.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { createPatient } from '../billing/billing-test-support.ts';
import { auditTrailOf, createPortalWithPatient, signInPatient } from '../portal/portal-test-support.ts';
import { checkIn, createFeePractice, createSalesTestApp, post, salesRowCounts, type FeePractice } from '../sales/sales-test-support.ts';
import { addCredit, walletEntryCount, walletOf } from './wallet-test-support.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database } = await createSalesTestApp({ clock });

/** A checked-in peel ($150.00) checked out with a declined card: an unpaid invoice to pay. */
async function unpaidPeelInvoice(setup: FeePractice, start = '2026-03-02T15:00:00Z'): Promise<string> {
  const { id } = (await book(app, setup, { serviceIds: [setup.peel.id], start })).json<{ id: string }>();
  await checkIn(app, setup, id);
  const declining = await post(app, `/api/v1/patients/${setup.patientId}/payment-methods`, setup.practice.owner.headers, {
    gatewayToken: 'pm_card_chargeDeclined',
  });
  const response = await post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, {
    payment: { method: 'card_on_file', paymentMethodId: declining.json<{ id: string }>().id },
  });
  expect(response.statusCode, response.body).toBe(402);
  return response.json<{ invoiceId: string }>().invoiceId;
}

async function checkedInPeel(setup: FeePractice, start: string): Promise<string> {
  const { id } = (await book(app, setup, { serviceIds: [setup.peel.id], start })).json<{ id: string }>();
  await checkIn(app, setup, id);
  return id;
}

describe('dollar credits', () => {
  it('adds a credit with a reason and expiry, answers 201, and shows it in the balance and the ledger', async () => {
    const setup = await createFeePractice(app);
    const response = await addCredit(app, setup.practice, setup.patientId, {
      amountCents: 5_000,
      reason: 'Goodwill',
      expiresOn: '2026-12-31',
    });
    expect(response.statusCode, response.body).toBe(201);
    const wallet = response.json<{ wallet: Wallet }>().wallet;
    expect(wallet.totalCents).toBe(5_000);
    expect(wallet.credits.balanceCents).toBe(5_000);
    expect(wallet.credits.entries).toEqual([
      expect.objectContaining({
        kind: 'credit_added',
        amountCents: 5_000,
        reason: 'Goodwill',
        expiresOn: '2026-12-31',
        remainingCents: 5_000,
      }),
    ]);
    expect(wallet.credits.entries[0]?.createdBy).toBe(setup.practice.owner.id);
    const actions = (await auditTrailOf(database, setup.practice.practiceId)).map((row) => row.action);
    expect(actions).toContain('wallet.credit_added');
  });

  it('replays the same Idempotency-Key and body, and refuses the key with another body', async () => {
    const setup = await createFeePractice(app);
    const headers = { ...setup.practice.owner.headers, 'idempotency-key': `credit-${setup.patientId}` };
    const first = await addCredit(app, setup.practice, setup.patientId, { amountCents: 2_000, reason: 'Refund to credit' }, headers);
    expect(first.statusCode).toBe(201);
    const again = await addCredit(app, setup.practice, setup.patientId, { reason: 'Refund to credit', amountCents: 2_000 }, headers);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await addCredit(app, setup.practice, setup.patientId, { amountCents: 3_000, reason: 'Refund to credit' }, headers);
    expect(other.statusCode).toBe(409);
    expect(other.json()).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    expect((await walletOf(app, setup.practice, setup.patientId)).credits.balanceCents).toBe(2_000);
  });

  it('refuses zero, negative and fractional amounts, a missing reason, a past expiry and another currency, writing nothing', async () => {
    const setup = await createFeePractice(app);
    const cases: [Record<string, unknown>, string][] = [
      [{ amountCents: 0, reason: 'x' }, 'amountCents'],
      [{ amountCents: -500, reason: 'x' }, 'amountCents'],
      [{ amountCents: 10.5, reason: 'x' }, 'amountCents'],
      [{ amountCents: 500, reason: '   ' }, 'reason'],
      [{ amountCents: 500, reason: 'x', expiresOn: '2026-03-01' }, 'expiresOn'],
      [{ amountCents: 500, reason: 'x', currency: 'EUR' }, 'currency'],
    ];
    for (const [body, field] of cases) {
      const response = await addCredit(app, setup.practice, setup.patientId, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
      expect(response.json().field ?? response.json().problems?.[0]?.field, JSON.stringify(body)).toBe(field);
    }
    expect(await walletEntryCount(database, setup.practice.practiceId)).toBe(0);
  });

  it('removes credit soonest expiry first, never more than the balance', async () => {
    const setup = await createFeePractice(app);
    await addCredit(app, setup.practice, setup.patientId, { amountCents: 3_000, reason: 'Goodwill' });
    await addCredit(app, setup.practice, setup.patientId, { amountCents: 1_000, reason: 'Promo', expiresOn: '2026-04-30' });
    const url = `/api/v1/patients/${setup.patientId}/wallet/removals`;
    const tooMuch = await post(app, url, setup.practice.owner.headers, { amountCents: 4_001, reason: 'Mistake' });
    expect(tooMuch.statusCode).toBe(400);
    expect(tooMuch.json()).toMatchObject({ code: 'insufficient_wallet_balance', field: 'amountCents' });
    const removed = await post(app, url, setup.practice.owner.headers, { amountCents: 1_500, reason: 'Mistake' });
    expect(removed.statusCode, removed.body).toBe(201);
    const { wallet, entries } = removed.json<{ wallet: Wallet; entries: { amountCents: number }[] }>();
    expect(entries.map((entry) => entry.amountCents)).toEqual([-1_000, -500]);
    expect(wallet.credits.balanceCents).toBe(2_500);
  });

  it('stops counting a credit after its last day', async () => {
    const setup = await createFeePractice(app);
    await addCredit(app, setup.practice, setup.patientId, { amountCents: 1_000, reason: 'Promo', expiresOn: '2026-03-02' });
    await addCredit(app, setup.practice, setup.patientId, { amountCents: 500, reason: 'Goodwill' });
    expect((await walletOf(app, setup.practice, setup.patientId)).credits.balanceCents).toBe(1_500);
    const invoiceId = await unpaidPeelInvoice(setup);
    // 00:30 on 3 March in New York: the promo's last day has passed (a new session: the old one idled out).
    clock.set('2026-03-03T05:30:00Z');
    try {
      const owner = await setup.practice.signInAs('owner');
      const wallet = await walletOf(app, { ...setup.practice, owner }, setup.patientId);
      expect(wallet.credits.balanceCents).toBe(500);
      expect(wallet.credits.entries.find((entry) => entry.reason === 'Promo')).toMatchObject({ expired: true, remainingCents: 0 });
      const refused = await post(app, `/api/v1/invoices/${invoiceId}/payments`, owner.headers, {
        payment: { method: 'wallet_credit' },
        amountCents: 600,
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'insufficient_wallet_balance', field: 'amountCents' });
    } finally {
      clock.set('2026-03-02T14:00:00Z');
    }
  });

  it('refuses any edit or deletion of a ledger row in the database', async () => {
    const setup = await createFeePractice(app);
    await addCredit(app, setup.practice, setup.patientId, { amountCents: 1_000, reason: 'Goodwill' });
    await expect(
      database.db.execute(sql`update wallet_entries set amount_cents = 99999 where patient_id = ${setup.patientId}`),
    ).rejects.toThrow();
    await expect(database.db.execute(sql`delete from wallet_entries where patient_id = ${setup.patientId}`)).rejects.toThrow();
    expect((await walletOf(app, setup.practice, setup.patientId)).credits.balanceCents).toBe(1_000);
  });
});

describe('paying with the wallet', () => {
  it('pays part of an invoice from credit, and refuses more than the credit, naming the field, with nothing written', async () => {
    const setup = await createFeePractice(app);
    await addCredit(app, setup.practice, setup.patientId, { amountCents: 4_000, reason: 'Goodwill' });
    const invoiceId = await unpaidPeelInvoice(setup);
    const url = `/api/v1/invoices/${invoiceId}/payments`;
    const before = {
      sales: await salesRowCounts(database, setup.practice.practiceId),
      wallet: await walletEntryCount(database, setup.practice.practiceId),
    };
    const over = await post(app, url, setup.practice.owner.headers, { payment: { method: 'wallet_credit' }, amountCents: 4_001 });
    expect(over.statusCode).toBe(400);
    expect(String(over.headers['content-type'])).toContain('application/problem+json');
    expect(over.json()).toMatchObject({ code: 'insufficient_wallet_balance', field: 'amountCents' });
    const wrongCurrency = await post(app, url, setup.practice.owner.headers, {
      payment: { method: 'wallet_credit' },
      amountCents: 100,
      currency: 'EUR',
    });
    expect(wrongCurrency.statusCode).toBe(400);
    expect(wrongCurrency.json()).toMatchObject({ code: 'currency_mismatch', field: 'currency' });
    for (const amountCents of [0, -100]) {
      const bad = await post(app, url, setup.practice.owner.headers, { payment: { method: 'wallet_credit' }, amountCents });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().field ?? bad.json().problems?.[0]?.field).toBe('amountCents');
    }
    expect(await salesRowCounts(database, setup.practice.practiceId)).toEqual(before.sales);
    expect(await walletEntryCount(database, setup.practice.practiceId)).toBe(before.wallet);

    const paid = await post(app, url, setup.practice.owner.headers, { payment: { method: 'wallet_credit' }, amountCents: 4_000 });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json().payment).toMatchObject({ method: 'wallet_credit', status: 'succeeded', amountCents: 4_000 });
    expect(paid.json().invoice.totals).toMatchObject({ amountPaidCents: 4_000, balanceCents: 11_000 });
    const wallet = await walletOf(app, setup.practice, setup.patientId);
    expect(wallet.credits.balanceCents).toBe(0);
    expect(wallet.credits.entries[0]).toMatchObject({ kind: 'redemption', amountCents: -4_000, invoiceId });
  });

  it('spends one credit once when 20 checkouts try to spend it at the same time', async () => {
    const setup = await createFeePractice(app);
    await addCredit(app, setup.practice, setup.patientId, { amountCents: 15_000, reason: 'Gift' });
    const appointmentIds: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      const start = new Date(Date.parse('2026-03-02T14:00:00Z') + Math.floor(index / 2) * 45 * 60_000).toISOString();
      const providerId = index % 2 === 0 ? setup.providerA.id : setup.providerB.id;
      const booked = await book(app, setup, { serviceIds: [setup.peel.id], start, providerId });
      expect(booked.statusCode, booked.body).toBe(201);
      const { id } = booked.json<{ id: string }>();
      await checkIn(app, setup, id);
      appointmentIds.push(id);
    }
    const responses = await Promise.all(
      appointmentIds.map((id) =>
        post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, { payment: { method: 'wallet_credit' } }),
      ),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 400)).toHaveLength(19);
    for (const refused of responses.filter((response) => response.statusCode === 400)) {
      expect(refused.json()).toMatchObject({ code: 'insufficient_wallet_balance', field: 'payment.balance' });
    }
    const wallet = await walletOf(app, setup.practice, setup.patientId);
    expect(wallet.credits.balanceCents).toBe(0);
    expect(wallet.credits.entries.filter((entry) => entry.kind === 'redemption')).toHaveLength(1);
  });

  it('gives the credit back when the wallet payment is refunded', async () => {
    const setup = await createFeePractice(app);
    await addCredit(app, setup.practice, setup.patientId, { amountCents: 15_000, reason: 'Gift' });
    const id = await checkedInPeel(setup, '2026-03-02T15:00:00Z');
    const checkout = await post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, {
      payment: { method: 'wallet_credit' },
    });
    expect(checkout.statusCode, checkout.body).toBe(201);
    const invoiceId = checkout.json().invoice.id as string;
    expect((await walletOf(app, setup.practice, setup.patientId)).credits.balanceCents).toBe(0);
    const refund = await post(app, `/api/v1/invoices/${invoiceId}/refunds`, setup.practice.owner.headers, {
      amountCents: 5_000,
      reason: 'Unhappy',
    });
    expect(refund.statusCode, refund.body).toBe(201);
    expect(refund.json().refund).toMatchObject({ method: 'wallet_credit', status: 'succeeded' });
    expect((await walletOf(app, setup.practice, setup.patientId)).credits.balanceCents).toBe(5_000);
  });
});

describe('selling into the wallet and redeeming prepaid units', () => {
  it('sells a prepaid package and a gift card at checkout, redeems a unit at the next visit, and a full refund reverses it all', async () => {
    const setup = await createFeePractice(app);
    const first = await checkedInPeel(setup, '2026-03-02T15:00:00Z');
    const sold = await post(app, `/api/v1/appointments/${first}/checkout`, setup.practice.owner.headers, {
      walletSales: [
        { kind: 'prepaid', name: 'Chemical peel', serviceId: setup.peel.id, quantity: 3, unitPriceCents: 12_000, expiresOn: '2027-03-01' },
        { kind: 'credit', name: 'Gift card', amountCents: 5_000 },
      ],
      payment: { method: 'cash' },
    });
    expect(sold.statusCode, sold.body).toBe(201);
    const soldInvoice = sold.json().invoice;
    expect(soldInvoice.lines.map((line: { kind: string }) => line.kind)).toEqual(['service', 'prepaid', 'wallet_credit']);
    expect(soldInvoice.totals.totalCents).toBe(15_000 + 36_000 + 5_000);
    let wallet = await walletOf(app, setup.practice, setup.patientId);
    expect(wallet.credits.balanceCents).toBe(5_000);
    expect(wallet.prepaid).toEqual([
      expect.objectContaining({ serviceId: setup.peel.id, purchased: 3, remaining: 3, expiresOn: '2027-03-01' }),
    ]);

    const second = await checkedInPeel(setup, '2026-03-02T17:00:00Z');
    const redeemed = await post(app, `/api/v1/appointments/${second}/checkout`, setup.practice.owner.headers, {
      prepaidServiceIds: [setup.peel.id],
      payment: { method: 'cash' },
    });
    expect(redeemed.statusCode, redeemed.body).toBe(201);
    expect(redeemed.json().invoice.totals.totalCents).toBe(0);
    expect(redeemed.json().invoice.lines.map((line: { kind: string }) => line.kind)).toEqual(['service', 'prepaid_redemption']);
    wallet = await walletOf(app, setup.practice, setup.patientId);
    expect(wallet.prepaid[0]?.remaining).toBe(2);

    const refund = await post(app, `/api/v1/invoices/${soldInvoice.id}/refunds`, setup.practice.owner.headers, {
      amountCents: soldInvoice.totals.totalCents,
      reason: 'Changed her mind',
    });
    expect(refund.statusCode, refund.body).toBe(201);
    wallet = await walletOf(app, setup.practice, setup.patientId);
    expect(wallet.credits.balanceCents).toBe(0);
    expect(wallet.prepaid).toEqual([]);
    expect(wallet.credits.entries[0]).toMatchObject({ kind: 'reversal', amountCents: -5_000, invoiceId: soldInvoice.id });
  });

  it('refuses a prepaid unit the client does not have, and a service not on the appointment, writing nothing', async () => {
    const setup = await createFeePractice(app);
    const id = await checkedInPeel(setup, '2026-03-02T15:00:00Z');
    const before = await salesRowCounts(database, setup.practice.practiceId);
    const none = await post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, {
      prepaidServiceIds: [setup.peel.id],
      payment: { method: 'cash' },
    });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ code: 'insufficient_prepaid_units', field: 'prepaidServiceIds[0]' });
    const other = await post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, {
      prepaidServiceIds: [setup.consultation.id],
      payment: { method: 'cash' },
    });
    expect(other.statusCode).toBe(400);
    expect(other.json()).toMatchObject({ code: 'service_not_on_appointment', field: 'prepaidServiceIds[0]' });
    expect(await salesRowCounts(database, setup.practice.practiceId)).toEqual(before);
  });

  it('grants the practice’s reward when an invoice is paid in full, and redeems rewards like credit', async () => {
    const setup = await createFeePractice(app);
    const settings = await app.inject({
      method: 'PUT',
      url: '/api/v1/wallet/settings',
      headers: setup.practice.owner.headers,
      payload: { rewardCentsPer100Dollars: 500, rewardValidDays: 365 },
    });
    expect(settings.statusCode, settings.body).toBe(200);
    const id = await checkedInPeel(setup, '2026-03-02T15:00:00Z');
    const paid = await post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, { payment: { method: 'cash' } });
    expect(paid.statusCode, paid.body).toBe(201);
    const wallet = await walletOf(app, setup.practice, setup.patientId);
    // $150 paid: $5 per $100 → 750 cents, floored.
    expect(wallet.rewards.balanceCents).toBe(750);
    expect(wallet.rewards.entries[0]).toMatchObject({ kind: 'reward_earned', expiresOn: '2027-03-02' });
    const invoiceId = await unpaidPeelInvoice(setup, '2026-03-02T17:00:00Z');
    const spent = await post(app, `/api/v1/invoices/${invoiceId}/payments`, setup.practice.owner.headers, {
      payment: { method: 'wallet_credit', balance: 'rewards' },
      amountCents: 750,
    });
    expect(spent.statusCode, spent.body).toBe(201);
    expect((await walletOf(app, setup.practice, setup.patientId)).rewards.balanceCents).toBe(0);
  });
});

describe('the wallet’s currency', () => {
  async function changeCurrency(setup: FeePractice, currency: string) {
    return app.inject({ method: 'PUT', url: '/api/v1/wallet/settings', headers: setup.practice.owner.headers, payload: { currency } });
  }

  it('refuses a new currency while clients hold credit or rewards in the old one, counting them, and changes nothing', async () => {
    const setup = await createFeePractice(app);
    const other = await createPatient(app, setup.practice, { firstName: 'Ines', lastName: 'Duarte' });
    expect((await addCredit(app, setup.practice, setup.patientId, { amountCents: 2_000, reason: 'Goodwill' })).statusCode).toBe(201);
    expect((await addCredit(app, setup.practice, other, { amountCents: 300, reason: 'Promo', balance: 'rewards' })).statusCode).toBe(201);

    const response = await changeCurrency(setup, 'EUR');

    expect(response.statusCode, response.body).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'wallet_currency_in_use', field: 'currency', clientsHoldingCredit: 2 });
    expect(response.json<{ detail: string }>().detail).toContain('2 clients hold wallet credit or rewards in USD');
    const settings = await app.inject({ method: 'GET', url: '/api/v1/wallet/settings', headers: setup.practice.owner.headers });
    expect(settings.json()).toMatchObject({ currency: 'USD', version: 0 });
  });

  it('still saves the reward rule, and the currency once the credit is removed', async () => {
    const setup = await createFeePractice(app);
    await addCredit(app, setup.practice, setup.patientId, { amountCents: 2_000, reason: 'Goodwill' });
    const rule = await app.inject({
      method: 'PUT',
      url: '/api/v1/wallet/settings',
      headers: setup.practice.owner.headers,
      payload: { currency: 'USD', rewardCentsPer100Dollars: 200 },
    });
    expect(rule.statusCode, rule.body).toBe(200);
    const removed = await post(app, `/api/v1/patients/${setup.patientId}/wallet/removals`, setup.practice.owner.headers, {
      amountCents: 2_000,
      reason: 'Paid out in cash',
    });
    expect(removed.statusCode, removed.body).toBe(201);

    const response = await changeCurrency(setup, 'EUR');

    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ currency: 'EUR', rewardCentsPer100Dollars: 200 });
  });

  it('keeps every credit added while the currency changes in the currency the wallet ends with', async () => {
    const setup = await createFeePractice(app);
    const results = await Promise.all([
      ...Array.from({ length: 6 }, (_, index) =>
        addCredit(app, setup.practice, setup.patientId, { amountCents: 100, reason: `Gift ${index}` }),
      ),
      changeCurrency(setup, 'EUR'),
    ]);
    const credits = results.slice(0, 6);
    const change = results[6];
    expect(credits.map((response) => response.statusCode)).toEqual(Array(6).fill(201));
    expect([200, 409]).toContain(change?.statusCode);

    const wallet = await walletOf(app, setup.practice, setup.patientId);

    expect(wallet.currency).toBe(change?.statusCode === 200 ? 'EUR' : 'USD');
    expect(wallet.credits.balanceCents).toBe(600);
  });
});

describe('who sees which wallet', () => {
  it('lets providers read a wallet but not change it', async () => {
    const setup = await createFeePractice(app);
    await setProvidersManageAllAppointments(app, setup.practice, true);
    const provider = await setup.practice.signInAs('provider');
    const read = await app.inject({ method: 'GET', url: `/api/v1/patients/${setup.patientId}/wallet`, headers: provider.headers });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json<Wallet>().actions).toEqual({ addCredit: false, removeCredit: false });
    const write = await addCredit(app, setup.practice, setup.patientId, { amountCents: 100, reason: 'x' }, provider.headers);
    expect(write.statusCode).toBe(403);
    const removal = await post(app, `/api/v1/patients/${setup.patientId}/wallet/removals`, provider.headers, {
      amountCents: 100,
      reason: 'x',
    });
    expect(removal.statusCode).toBe(403);
    expect(await walletEntryCount(database, setup.practice.practiceId)).toBe(0);
  });

  it('answers 404 for another practice’s patient', async () => {
    const setup = await createFeePractice(app);
    const other = await createTestPractice(app);
    const read = await app.inject({ method: 'GET', url: `/api/v1/patients/${setup.patientId}/wallet`, headers: other.owner.headers });
    expect(read.statusCode).toBe(404);
    const write = await addCredit(app, other, setup.patientId, { amountCents: 100, reason: 'x' });
    expect(write.statusCode).toBe(404);
    expect(await walletEntryCount(database, setup.practice.practiceId)).toBe(0);
  });

  it('shows a patient in the portal their own wallet only', async () => {
    const { setup, portalPractice, phone, patientId } = await createPortalWithPatient(app);
    await addCredit(app, setup.practice, patientId, { amountCents: 2_500, reason: 'Birthday' });
    await addCredit(app, setup.practice, setup.patientId, { amountCents: 9_900, reason: 'Someone else' });
    const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
    const response = await app.inject({ method: 'GET', url: '/api/v1/portal/wallet', headers: { cookie } });
    expect(response.statusCode, response.body).toBe(200);
    const wallet = response.json<Wallet>();
    expect(wallet).toMatchObject({ patientId, totalCents: 2_500, actions: { addCredit: false, removeCredit: false } });
    expect(wallet.credits.entries.map((entry) => entry.reason)).toEqual(['Birthday']);
    const staffCookie = await app.inject({ method: 'GET', url: '/api/v1/portal/wallet', headers: setup.practice.owner.headers });
    expect(staffCookie.statusCode).toBe(401);
    const rows = await inPractice(
      database,
      setup.practice.practiceId,
      async (tx) =>
        (await tx.execute<{ action: string }>(sql`select action from audit_events where action = 'wallet.read' and actor_type = 'patient'`))
          .rows,
    );
    expect(rows.length).toBeGreaterThan(0);
  });
});
