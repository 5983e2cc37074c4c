import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import {
  bookWithCard,
  checkIn,
  createFeePractice,
  createSalesTestApp,
  post,
  processorRefunds,
  salesRowCounts,
  type FeePractice,
} from './sales-test-support.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database, gateway } = await createSalesTestApp({ clock });

async function paidInvoice(setup: FeePractice, payment: Record<string, unknown>, start = '2026-03-02T15:00:00Z'): Promise<string> {
  const id = (await book(app, setup, { serviceIds: [setup.peel.id], start })).json().id;
  await checkIn(app, setup, id);
  const response = await post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, { payment });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().invoice.id;
}

function refund(setup: FeePractice, invoiceId: string, body: Record<string, unknown>, headers = setup.practice.owner.headers) {
  return post(app, `/api/v1/invoices/${invoiceId}/refunds`, headers, body);
}

describe('refunds', () => {
  it('refunds part of a card payment, then the rest, recording the gateway’s refund ids, then refuses more', async () => {
    const setup = await createFeePractice(app);
    const invoiceId = await paidInvoice(setup, { method: 'card_on_file', paymentMethodId: setup.visa.id });
    const part = await refund(setup, invoiceId, { amountCents: 5_000, reason: 'Patient unhappy with result' });
    expect(part.statusCode, part.body).toBe(201);
    expect(part.json()).toMatchObject({
      refund: {
        method: 'card',
        status: 'succeeded',
        amountCents: 5_000,
        reason: 'Patient unhappy with result',
        createdByName: 'Test Owner',
      },
      invoice: { status: 'partially_refunded', totals: { amountPaidCents: 15_000, amountRefundedCents: 5_000 }, refundableCents: 10_000 },
    });
    expect(part.json().refund.gatewayRefundId).toMatch(/^re_sim_/);
    const rest = await refund(setup, invoiceId, { amountCents: 10_000, reason: 'Goodwill' });
    expect(rest.json().invoice).toMatchObject({ status: 'refunded', refundableCents: 0, actions: { refund: false } });
    const more = await refund(setup, invoiceId, { amountCents: 1, reason: 'Again' });
    expect(more.statusCode).toBe(400);
    expect(more.json()).toMatchObject({ code: 'refund_exceeds_paid', field: 'amountCents' });
    expect(await processorRefunds(database, setup.practice.practiceId)).toBe(2);
  });

  it('refuses more than was paid, moving no money and writing nothing', async () => {
    const setup = await createFeePractice(app);
    const invoiceId = await paidInvoice(setup, { method: 'card_on_file', paymentMethodId: setup.visa.id });
    const before = await salesRowCounts(database, setup.practice.practiceId);
    const calls = gateway.refundCalls.length;
    const response = await refund(setup, invoiceId, { amountCents: 15_001, reason: 'Too much' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'refund_exceeds_paid', field: 'amountCents' });
    expect(response.json().detail).toContain('$150.00');
    expect(gateway.refundCalls.length).toBe(calls);
    expect(await salesRowCounts(database, setup.practice.practiceId)).toEqual(before);
  });

  it('records a refund of a cash payment as cash handed back, without the gateway', async () => {
    const setup = await createFeePractice(app);
    const invoiceId = await paidInvoice(setup, { method: 'cash' });
    const calls = gateway.refundCalls.length;
    const response = await refund(setup, invoiceId, { amountCents: 15_000, reason: 'Treatment not done' });
    expect(response.json()).toMatchObject({
      refund: { method: 'cash', status: 'succeeded', gatewayRefundId: null },
      invoice: { status: 'refunded' },
    });
    expect(gateway.refundCalls.length).toBe(calls);
  });

  it('lets the front desk refund only when the practice allows it', async () => {
    const setup = await createFeePractice(app);
    const invoiceId = await paidInvoice(setup, { method: 'cash' });
    const frontDesk = await setup.practice.signInAs('front_desk');
    const refused = await refund(setup, invoiceId, { amountCents: 1_000, reason: 'x' }, frontDesk.headers);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('refund_not_permitted');
    const read = (await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, headers: frontDesk.headers })).json();
    expect(read.actions.refund).toBe(false);

    const frontDeskSetting = await app.inject({
      method: 'PUT',
      url: '/api/v1/sales/settings',
      headers: frontDesk.headers,
      payload: { frontDeskMayRefund: true },
    });
    expect(frontDeskSetting.statusCode).toBe(403);
    const allowed = await app.inject({
      method: 'PUT',
      url: '/api/v1/sales/settings',
      headers: setup.practice.owner.headers,
      payload: { frontDeskMayRefund: true },
    });
    expect(allowed.json()).toMatchObject({ frontDeskMayRefund: true });
    const done = await refund(setup, invoiceId, { amountCents: 1_000, reason: 'x' }, frontDesk.headers);
    expect(done.statusCode, done.body).toBe(201);

    const provider = await setup.practice.signInAs('provider');
    expect((await refund(setup, invoiceId, { amountCents: 1_000, reason: 'x' }, provider.headers)).statusCode).toBe(403);
  });

  it('refunds once per Idempotency-Key, even when sent twice', async () => {
    const setup = await createFeePractice(app);
    const invoiceId = await paidInvoice(setup, { method: 'card_on_file', paymentMethodId: setup.visa.id });
    const headers = { ...setup.practice.owner.headers, 'idempotency-key': `refund-${invoiceId}` };
    const [first, second] = await Promise.all([
      refund(setup, invoiceId, { amountCents: 2_000, reason: 'x' }, headers),
      refund(setup, invoiceId, { amountCents: 2_000, reason: 'x' }, headers),
    ]);
    const created = [first, second].find((response) => response?.statusCode === 201);
    const replayed = [first, second].find((response) => response !== created);
    expect(created?.statusCode).toBe(201);
    // The replay waits for nothing: it answers the first outcome (200), or 409 while the first is still at the gateway.
    if (replayed?.statusCode === 409) expect(replayed.json().code).toBe('refund_in_progress');
    else expect(replayed?.statusCode).toBe(200);
    const settled = await refund(setup, invoiceId, { amountCents: 2_000, reason: 'x' }, headers);
    expect(settled.statusCode).toBe(200);
    expect(settled.json().refund.id).toBe(created?.json().refund.id);
    expect(await processorRefunds(database, setup.practice.practiceId)).toBe(1);
    const invoice = (
      await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, headers: setup.practice.owner.headers })
    ).json();
    expect(invoice.totals.amountRefundedCents).toBe(2_000);
    const reused = await refund(setup, invoiceId, { amountCents: 3_000, reason: 'x' }, headers);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().code).toBe('idempotency_key_reused');
  });

  it('refuses an Idempotency-Key reused for the same amount with another reason or payment, refunding nothing more', async () => {
    const setup = await createFeePractice(app);
    const invoiceId = await paidInvoice(setup, { method: 'card_on_file', paymentMethodId: setup.visa.id });
    const headers = { ...setup.practice.owner.headers, 'idempotency-key': `refund-body-${invoiceId}` };
    const first = await refund(setup, invoiceId, { amountCents: 2_000, reason: 'Goodwill' }, headers);
    expect(first.statusCode, first.body).toBe(201);
    const paymentId = first.json().refund.paymentId;

    const otherReason = await refund(setup, invoiceId, { amountCents: 2_000, reason: 'Wrong product' }, headers);
    expect(otherReason.statusCode).toBe(409);
    expect(otherReason.headers['content-type']).toContain('application/problem+json');
    expect(otherReason.json()).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
    const naming = await refund(setup, invoiceId, { amountCents: 2_000, reason: 'Goodwill', paymentId }, headers);
    expect(naming.statusCode).toBe(409);
    expect(naming.json().code).toBe('idempotency_key_reused');

    const same = await refund(setup, invoiceId, { reason: 'Goodwill', amountCents: 2_000 }, headers);
    expect(same.statusCode).toBe(200);
    expect(same.json().refund.id).toBe(first.json().refund.id);
    expect(await processorRefunds(database, setup.practice.practiceId)).toBe(1);
  });

  it('keeps a refund pending when the gateway does not answer, and settles it with the same key on retry', async () => {
    const setup = await createFeePractice(app);
    const invoiceId = await paidInvoice(setup, { method: 'card_on_file', paymentMethodId: setup.visa.id });
    const headers = { ...setup.practice.owner.headers, 'idempotency-key': `refund-outage-${invoiceId}` };
    gateway.failNextRefunds(1);
    const failed = await refund(setup, invoiceId, { amountCents: 4_000, reason: 'x' }, headers);
    expect(failed.statusCode).toBe(503);
    expect(failed.json()).toMatchObject({ code: 'refund_pending', invoiceId });
    const pendingInvoice = (
      await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, headers: setup.practice.owner.headers })
    ).json();
    expect(pendingInvoice).toMatchObject({ refunds: [{ status: 'pending' }], refundableCents: 11_000 });
    const retried = await refund(setup, invoiceId, { amountCents: 4_000, reason: 'x' }, headers);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ refund: { status: 'succeeded' }, invoice: { status: 'partially_refunded' } });
    const keys = gateway.refundCalls.filter((call) => call.metadata?.invoice_id === invoiceId).map((call) => call.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(await processorRefunds(database, setup.practice.practiceId)).toBe(1);
  });

  it('refunds a no-show fee from Sales after the no-show was restored (the reference’s manual refund)', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: '2026-03-02T15:00:00Z' });
    const { fee } = (await post(app, `/api/v1/appointments/${id}/no-show`, setup.practice.owner.headers, { chargeFee: true })).json();
    const restored = (await post(app, `/api/v1/appointments/${id}/restore`, setup.practice.owner.headers, {})).json();
    expect(restored.feeInvoiceId).toBe(fee.invoiceId);
    const refunded = await refund(setup, restored.feeInvoiceId, { amountCents: 4_000, reason: 'Patient arrived late; no-show restored' });
    expect(refunded.json().invoice).toMatchObject({ kind: 'no_show_fee', status: 'refunded' });
    const noticeAfter = (await post(app, `/api/v1/appointments/${id}/no-show`, setup.practice.owner.headers, { chargeFee: false })).json();
    expect(noticeAfter.status).toBe('no_show');
    const again = (await post(app, `/api/v1/appointments/${id}/restore`, setup.practice.owner.headers, {})).json();
    expect(again.notice).toContain('was refunded');
  });
});

describe('voiding', () => {
  it('voids an unpaid invoice and refuses to void one with payments', async () => {
    const setup = await createFeePractice(app);
    const paid = await paidInvoice(setup, { method: 'cash' });
    const refused = await post(app, `/api/v1/invoices/${paid}/void`, setup.practice.owner.headers, { reason: 'x' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('invoice_has_payments');

    const declining = await app.inject({
      method: 'POST',
      url: `/api/v1/patients/${setup.patientId}/payment-methods`,
      headers: setup.practice.owner.headers,
      payload: { gatewayToken: 'pm_card_chargeDeclined' },
    });
    const id = await bookWithCard(app, setup, { start: '2026-03-02T19:00:00Z' }, declining.json().id);
    const { fee } = (await post(app, `/api/v1/appointments/${id}/no-show`, setup.practice.owner.headers, { chargeFee: true })).json();
    const voided = await post(app, `/api/v1/invoices/${fee.invoiceId}/void`, setup.practice.owner.headers, {
      reason: 'Forgiven: first no-show',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    expect(voided.json()).toMatchObject({ status: 'void', voidReason: 'Forgiven: first no-show', actions: { pay: false, void: false } });
    expect(voided.json().history.at(-1)).toMatchObject({ type: 'voided', details: { reason: 'Forgiven: first no-show' } });
    const pay = await post(app, `/api/v1/invoices/${fee.invoiceId}/payments`, setup.practice.owner.headers, {
      payment: { method: 'cash' },
    });
    expect(pay.statusCode).toBe(409);
    expect(pay.json().code).toBe('invoice_void');
    const twice = await post(app, `/api/v1/invoices/${fee.invoiceId}/void`, setup.practice.owner.headers, { reason: 'again' });
    expect(twice.json()).toMatchObject({ status: 'void', voidReason: 'Forgiven: first no-show' });
  });
});
