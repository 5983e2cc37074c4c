import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { addCard } from '../billing/billing-test-support.ts';
import { auditTrailOf, createPortalFeePractice, signInPatient } from '../portal/portal-test-support.ts';
import { checkIn, createSalesTestApp, post, processorCharges, salesRowCounts } from './sales-test-support.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database } = await createSalesTestApp({ clock });

type Setup = Awaited<ReturnType<typeof createPortalFeePractice>>;

/** A checked-out peel ($150.00) of the patient whose card was declined at checkout: the invoice stays unpaid (red). */
async function unpaidInvoice(setup: Setup, patientId: string, start: string): Promise<string> {
  const declining = await addCard(app, setup.portalPractice, patientId, 'pm_card_chargeDeclined');
  const booked = await book(app, setup.setup, { serviceIds: [setup.setup.peel.id], start, patientId });
  expect(booked.statusCode, booked.body).toBe(201);
  const { id } = booked.json<{ id: string }>();
  await checkIn(app, setup.setup, id);
  const response = await post(app, `/api/v1/appointments/${id}/checkout`, setup.portalPractice.owner.headers, {
    payment: { method: 'card_on_file', paymentMethodId: declining.id },
  });
  expect(response.statusCode, response.body).toBe(402);
  return response.json<{ invoiceId: string }>().invoiceId;
}

async function signedInRosa(setup: Setup): Promise<string> {
  return (await signInPatient(app, setup.portalPractice, { channel: 'sms', phone: setup.phone })).cookie;
}

function payOwn(cookie: string, invoiceId: string, body: Record<string, unknown>, idempotencyKey?: string) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/portal/invoices/${invoiceId}/payments`,
    headers: { cookie, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    payload: body,
  });
}

function getOwn(cookie: string, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie } });
}

describe('portal Payment History', () => {
  it("lists the patient's own invoices with status and totals, counts the unpaid ones on the dashboard, and audits the read", async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await createPortalFeePractice(app);
    const invoiceId = await unpaidInvoice(setup, setup.patientId, '2026-03-02T15:00:00Z');
    await unpaidInvoice(setup, setup.setup.patientId, '2026-03-02T17:00:00Z');
    const cookie = await signedInRosa(setup);

    const listed = await getOwn(cookie, '/api/v1/portal/invoices');
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items).toEqual([
      expect.objectContaining({
        id: invoiceId,
        status: 'unpaid',
        statusLabel: 'Unpaid',
        kindLabel: 'Appointment Checkout',
        currency: 'USD',
        totals: expect.objectContaining({ totalCents: 15_000, amountPaidCents: 0, balanceCents: 15_000 }),
      }),
    ]);
    const dashboard = await getOwn(cookie, '/api/v1/portal/dashboard');
    expect(dashboard.json().counts.unpaidInvoices).toBe(1);

    const detail = await getOwn(cookie, `/api/v1/portal/invoices/${invoiceId}`);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({
      canPay: true,
      lines: [expect.objectContaining({ description: 'Chemical peel', totalCents: 15_000 })],
      payments: [expect.objectContaining({ status: 'failed', card: { brand: 'visa', last4: '0002' } })],
    });
    expect(detail.json().payments[0].failureMessage).toMatch(/declined/i);

    const audit = await auditTrailOf(database, setup.portalPractice.practiceId);
    expect(audit).toContainEqual(
      expect.objectContaining({ action: 'invoice.list', actorType: 'patient', actorId: setup.patientId, objectId: setup.patientId }),
    );
    expect(audit).toContainEqual(expect.objectContaining({ action: 'invoice.read', actorType: 'patient', objectId: invoiceId }));
  });

  it('pays a red invoice with a card on file: it turns paid, the receipt shows it, and the dashboard counts nothing left', async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await createPortalFeePractice(app);
    const invoiceId = await unpaidInvoice(setup, setup.patientId, '2026-03-02T15:00:00Z');
    const cookie = await signedInRosa(setup);
    const charged = await processorCharges(database, setup.portalPractice.practiceId);

    const paid = await payOwn(cookie, invoiceId, { paymentMethodId: setup.card.id, currency: 'usd' }, 'portal-pay-1');
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({
      invoice: { id: invoiceId, status: 'paid', canPay: false, totals: { amountPaidCents: 15_000, balanceCents: 0 } },
      payment: { status: 'succeeded', amountCents: 15_000, card: { brand: 'visa', last4: '4242' } },
    });
    expect(await processorCharges(database, setup.portalPractice.practiceId)).toBe(charged + 1);
    expect((await getOwn(cookie, '/api/v1/portal/invoices')).json().items[0].status).toBe('paid');
    expect((await getOwn(cookie, '/api/v1/portal/dashboard')).json().counts.unpaidInvoices).toBe(0);

    const receipt = await getOwn(cookie, `/api/v1/portal/invoices/${invoiceId}/receipt`);
    expect(receipt.statusCode).toBe(200);
    expect(String(receipt.headers['content-type'])).toContain('text/html');
    expect(receipt.body).toContain('Chemical peel');
    expect(receipt.body).toContain('Paid');
    expect(receipt.body).toContain('Rosa Diaz');
  });

  it("answers 404 for another patient's invoice, whether read, paid or printed, and charges nothing", async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await createPortalFeePractice(app);
    const othersInvoice = await unpaidInvoice(setup, setup.setup.patientId, '2026-03-02T15:00:00Z');
    const cookie = await signedInRosa(setup);
    const before = await salesRowCounts(database, setup.portalPractice.practiceId);
    const charged = await processorCharges(database, setup.portalPractice.practiceId);

    for (const url of [`/api/v1/portal/invoices/${othersInvoice}`, `/api/v1/portal/invoices/${othersInvoice}/receipt`]) {
      const response = await getOwn(cookie, url);
      expect(response.statusCode, url).toBe(404);
      expect(String(response.headers['content-type'])).toContain('application/problem+json');
    }
    const paid = await payOwn(cookie, othersInvoice, { paymentMethodId: setup.card.id }, 'portal-other-1');
    expect(paid.statusCode).toBe(404);
    expect(paid.json()).toMatchObject({ field: 'invoiceId' });
    expect(await salesRowCounts(database, setup.portalPractice.practiceId)).toEqual(before);
    expect(await processorCharges(database, setup.portalPractice.practiceId)).toBe(charged);
  });

  it("refuses another patient's card, naming paymentMethodId, and writes nothing", async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await createPortalFeePractice(app);
    const invoiceId = await unpaidInvoice(setup, setup.patientId, '2026-03-02T15:00:00Z');
    const cookie = await signedInRosa(setup);
    const before = await salesRowCounts(database, setup.portalPractice.practiceId);

    const response = await payOwn(cookie, invoiceId, { paymentMethodId: setup.setup.visa.id }, 'portal-card-1');
    expect(response.statusCode).toBe(404);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ field: 'paymentMethodId' });
    expect(await salesRowCounts(database, setup.portalPractice.practiceId)).toEqual(before);
    expect((await getOwn(cookie, `/api/v1/portal/invoices/${invoiceId}`)).json().status).toBe('unpaid');
  });

  it('charges once for a retried payment with the same Idempotency-Key, and refuses the key with another card', async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await createPortalFeePractice(app);
    const invoiceId = await unpaidInvoice(setup, setup.patientId, '2026-03-02T15:00:00Z');
    const cookie = await signedInRosa(setup);
    const charged = await processorCharges(database, setup.portalPractice.practiceId);

    const first = await payOwn(cookie, invoiceId, { paymentMethodId: setup.card.id }, 'portal-retry-1');
    expect(first.statusCode, first.body).toBe(201);
    const retried = await payOwn(cookie, invoiceId, { paymentMethodId: setup.card.id }, 'portal-retry-1');
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.headers['idempotent-replayed']).toBe('true');
    expect(retried.json().payment.id).toBe(first.json().payment.id);
    expect(await processorCharges(database, setup.portalPractice.practiceId)).toBe(charged + 1);

    const otherCard = await addCard(app, setup.portalPractice, setup.patientId, 'pm_card_mastercard');
    const reused = await payOwn(cookie, invoiceId, { paymentMethodId: otherCard.id }, 'portal-retry-1');
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ code: 'idempotency_key_reused', field: 'Idempotency-Key' });
  });

  it('charges once when the same payment is sent twice at the same moment', async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await createPortalFeePractice(app);
    const invoiceId = await unpaidInvoice(setup, setup.patientId, '2026-03-02T15:00:00Z');
    const cookie = await signedInRosa(setup);
    const charged = await processorCharges(database, setup.portalPractice.practiceId);

    const responses = await Promise.all([
      payOwn(cookie, invoiceId, { paymentMethodId: setup.card.id }, 'portal-double-tap'),
      payOwn(cookie, invoiceId, { paymentMethodId: setup.card.id }, 'portal-double-tap'),
    ]);
    const statuses = responses.map((response) => response.statusCode).sort();
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    // The other one replays the outcome, or (still charging) asks to be sent again.
    expect([200, 409]).toContain(statuses.find((status) => status !== 201));
    expect(await processorCharges(database, setup.portalPractice.practiceId)).toBe(charged + 1);

    const again = await payOwn(cookie, invoiceId, { paymentMethodId: setup.card.id }, 'portal-double-tap');
    expect(again.statusCode).toBe(200);
    expect(again.json().invoice.status).toBe('paid');
    expect(await processorCharges(database, setup.portalPractice.practiceId)).toBe(charged + 1);
  });

  it('refuses to pay a paid or a void invoice (409) and a currency that is not the invoice’s (400)', async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await createPortalFeePractice(app);
    const paidInvoice = await unpaidInvoice(setup, setup.patientId, '2026-03-02T15:00:00Z');
    const voidInvoice = await unpaidInvoice(setup, setup.patientId, '2026-03-02T17:00:00Z');
    const cookie = await signedInRosa(setup);
    expect((await payOwn(cookie, paidInvoice, { paymentMethodId: setup.card.id }, 'portal-paid-1')).statusCode).toBe(201);
    const voided = await post(app, `/api/v1/invoices/${voidInvoice}/void`, setup.portalPractice.owner.headers, {
      reason: 'Charged by mistake',
    });
    expect(voided.statusCode, voided.body).toBe(200);
    const charged = await processorCharges(database, setup.portalPractice.practiceId);

    const again = await payOwn(cookie, paidInvoice, { paymentMethodId: setup.card.id }, 'portal-paid-2');
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'invoice_already_paid', field: 'invoiceId' });
    const onVoid = await payOwn(cookie, voidInvoice, { paymentMethodId: setup.card.id }, 'portal-void-1');
    expect(onVoid.statusCode).toBe(409);
    expect(await processorCharges(database, setup.portalPractice.practiceId)).toBe(charged);
    expect(onVoid.json()).toMatchObject({ code: 'invoice_void', field: 'invoiceId' });
    expect((await getOwn(cookie, `/api/v1/portal/invoices/${voidInvoice}`)).json()).toMatchObject({ status: 'void', canPay: false });

    const unpaid = await unpaidInvoice(setup, setup.patientId, '2026-03-02T19:00:00Z');
    const chargedBefore = await processorCharges(database, setup.portalPractice.practiceId);
    const euros = await payOwn(cookie, unpaid, { paymentMethodId: setup.card.id, currency: 'EUR' }, 'portal-eur-1');
    expect(euros.statusCode).toBe(400);
    expect(String(euros.headers['content-type'])).toContain('application/problem+json');
    expect(euros.json()).toMatchObject({ code: 'currency_mismatch', field: 'currency' });
    const unknownCard = await payOwn(cookie, unpaid, { paymentMethodId: 'not-a-card' }, 'portal-bad-1');
    expect(unknownCard.statusCode).toBe(400);
    expect(unknownCard.json()).toMatchObject({ field: 'paymentMethodId' });
    expect(await processorCharges(database, setup.portalPractice.practiceId)).toBe(chargedBefore);
  });

  it('leaves the invoice unpaid with a clear message when the card is declined', async () => {
    clock.set('2026-03-02T14:00:00Z');
    const setup = await createPortalFeePractice(app);
    const invoiceId = await unpaidInvoice(setup, setup.patientId, '2026-03-02T15:00:00Z');
    const declining = await addCard(app, setup.portalPractice, setup.patientId, 'pm_card_chargeDeclinedInsufficientFunds');
    const cookie = await signedInRosa(setup);

    const response = await payOwn(cookie, invoiceId, { paymentMethodId: declining.id }, 'portal-declined-1');
    expect(response.statusCode).toBe(402);
    expect(response.json()).toMatchObject({ code: 'card_declined' });
    expect(response.json().detail ?? response.json().title).toMatch(/declined.*insufficient funds.*stays unpaid/i);
    const invoice = (await getOwn(cookie, `/api/v1/portal/invoices/${invoiceId}`)).json();
    expect(invoice).toMatchObject({ status: 'unpaid', canPay: true, totals: { balanceCents: 15_000 } });
  });
});
