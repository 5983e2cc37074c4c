import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { addCard, createPatient } from '../billing/billing-test-support.ts';
import {
  checkIn,
  createFeePractice,
  createSalesTestApp,
  processorCharges,
  processorRefunds,
  salesRowCounts,
  type FeePractice,
} from './sales-test-support.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database } = await createSalesTestApp({ clock });

/** One practice with a paid card invoice, an unpaid invoice and a checked-in visit, shared by the table's rows. */
interface World {
  setup: FeePractice;
  paidInvoiceId: string;
  unpaidInvoiceId: string;
  checkedInId: string;
  noCardAppointmentId: string;
  othersCardId: string;
}

async function buildWorld(): Promise<World> {
  const setup = await createFeePractice(app);
  const visit = async (start: string) => {
    const id = (await book(app, setup, { serviceIds: [setup.peel.id], start })).json().id;
    await checkIn(app, setup, id);
    return id;
  };
  const paidVisit = await visit('2026-03-02T15:00:00Z');
  const paid = await app.inject({
    method: 'POST',
    url: `/api/v1/appointments/${paidVisit}/checkout`,
    headers: setup.practice.owner.headers,
    payload: { payment: { method: 'card_on_file', paymentMethodId: setup.visa.id } },
  });
  const declining = await addCard(app, setup.practice, setup.patientId, 'pm_card_chargeDeclined');
  const unpaidVisit = await visit('2026-03-02T17:00:00Z');
  const unpaid = await app.inject({
    method: 'POST',
    url: `/api/v1/appointments/${unpaidVisit}/checkout`,
    headers: setup.practice.owner.headers,
    payload: { payment: { method: 'card_on_file', paymentMethodId: declining.id } },
  });
  const other = await createPatient(app, setup.practice, { firstName: 'Alan', lastName: 'Turing' });
  const othersCard = await addCard(app, setup.practice, other, 'pm_card_mastercard');
  const noCard = (await book(app, setup, { serviceIds: [setup.peel.id], start: '2026-03-02T21:00:00Z' })).json().id;
  return {
    setup,
    paidInvoiceId: paid.json().invoice.id,
    unpaidInvoiceId: unpaid.json().invoiceId,
    checkedInId: await visit('2026-03-02T19:00:00Z'),
    noCardAppointmentId: noCard,
    othersCardId: othersCard.id,
  };
}

const unknownId = '00000000-0000-4000-8000-000000000000';

interface BadRequest {
  label: string;
  request: (world: World) => { url: string; payload: Record<string, unknown>; headers?: Record<string, string> };
  status: number;
  code?: string;
  field?: string;
}

const rows: BadRequest[] = [
  {
    label: 'a zero payment',
    request: (w) => ({ url: `/api/v1/invoices/${w.unpaidInvoiceId}/payments`, payload: { payment: { method: 'cash' }, amountCents: 0 } }),
    status: 400,
    field: 'amountCents',
  },
  {
    label: 'a negative payment',
    request: (w) => ({
      url: `/api/v1/invoices/${w.unpaidInvoiceId}/payments`,
      payload: { payment: { method: 'cash' }, amountCents: -500 },
    }),
    status: 400,
    field: 'amountCents',
  },
  {
    label: 'a fractional payment',
    request: (w) => ({
      url: `/api/v1/invoices/${w.unpaidInvoiceId}/payments`,
      payload: { payment: { method: 'cash' }, amountCents: 10.5 },
    }),
    status: 400,
    field: 'amountCents',
  },
  {
    label: 'a payment above the balance',
    request: (w) => ({
      url: `/api/v1/invoices/${w.unpaidInvoiceId}/payments`,
      payload: { payment: { method: 'cash' }, amountCents: 15_001 },
    }),
    status: 400,
    code: 'amount_exceeds_balance',
    field: 'amountCents',
  },
  {
    label: 'a payment in another currency',
    request: (w) => ({ url: `/api/v1/invoices/${w.unpaidInvoiceId}/payments`, payload: { payment: { method: 'cash' }, currency: 'EUR' } }),
    status: 400,
    code: 'currency_mismatch',
    field: 'currency',
  },
  {
    label: 'too little cash',
    request: (w) => ({
      url: `/api/v1/invoices/${w.unpaidInvoiceId}/payments`,
      payload: { payment: { method: 'cash', amountTenderedCents: 100 } },
    }),
    status: 400,
    code: 'insufficient_cash',
    field: 'payment.amountTenderedCents',
  },
  {
    label: 'a card of another patient',
    request: (w) => ({
      url: `/api/v1/invoices/${w.unpaidInvoiceId}/payments`,
      payload: { payment: { method: 'card_on_file', paymentMethodId: w.othersCardId } },
    }),
    status: 404,
    field: 'payment.paymentMethodId',
  },
  {
    label: 'an unknown payment method kind',
    request: (w) => ({ url: `/api/v1/invoices/${w.unpaidInvoiceId}/payments`, payload: { payment: { method: 'cheque' } } }),
    status: 400,
  },
  {
    label: 'a gateway token that is not one',
    request: (w) => ({
      url: `/api/v1/invoices/${w.unpaidInvoiceId}/payments`,
      payload: { payment: { method: 'new_card', gatewayToken: 'tok_nope' } },
    }),
    status: 400,
    code: 'invalid_gateway_token',
    field: 'payment.gatewayToken',
  },
  {
    label: 'paying a paid invoice',
    request: (w) => ({ url: `/api/v1/invoices/${w.paidInvoiceId}/payments`, payload: { payment: { method: 'cash' } } }),
    status: 409,
    code: 'invoice_already_paid',
  },
  {
    label: 'paying an unknown invoice',
    request: () => ({ url: `/api/v1/invoices/${unknownId}/payments`, payload: { payment: { method: 'cash' } } }),
    status: 404,
    field: 'invoiceId',
  },
  {
    label: 'a zero refund',
    request: (w) => ({ url: `/api/v1/invoices/${w.paidInvoiceId}/refunds`, payload: { amountCents: 0, reason: 'x' } }),
    status: 400,
    field: 'amountCents',
  },
  {
    label: 'a negative refund',
    request: (w) => ({ url: `/api/v1/invoices/${w.paidInvoiceId}/refunds`, payload: { amountCents: -1, reason: 'x' } }),
    status: 400,
    field: 'amountCents',
  },
  {
    label: 'a refund above what was paid',
    request: (w) => ({ url: `/api/v1/invoices/${w.paidInvoiceId}/refunds`, payload: { amountCents: 15_001, reason: 'x' } }),
    status: 400,
    code: 'refund_exceeds_paid',
    field: 'amountCents',
  },
  {
    label: 'a refund of an unpaid invoice',
    request: (w) => ({ url: `/api/v1/invoices/${w.unpaidInvoiceId}/refunds`, payload: { amountCents: 100, reason: 'x' } }),
    status: 400,
    code: 'refund_exceeds_paid',
    field: 'amountCents',
  },
  {
    label: 'a refund in another currency',
    request: (w) => ({ url: `/api/v1/invoices/${w.paidInvoiceId}/refunds`, payload: { amountCents: 100, reason: 'x', currency: 'GBP' } }),
    status: 400,
    code: 'currency_mismatch',
    field: 'currency',
  },
  {
    label: 'a refund without a reason',
    request: (w) => ({ url: `/api/v1/invoices/${w.paidInvoiceId}/refunds`, payload: { amountCents: 100, reason: ' ' } }),
    status: 400,
    field: 'reason',
  },
  {
    label: 'a refund of a payment of another invoice',
    request: (w) => ({
      url: `/api/v1/invoices/${w.paidInvoiceId}/refunds`,
      payload: { amountCents: 100, reason: 'x', paymentId: unknownId },
    }),
    status: 404,
    field: 'paymentId',
  },
  {
    label: 'a refund of an unknown invoice',
    request: () => ({ url: `/api/v1/invoices/${unknownId}/refunds`, payload: { amountCents: 100, reason: 'x' } }),
    status: 404,
    field: 'invoiceId',
  },
  {
    label: 'voiding a paid invoice',
    request: (w) => ({ url: `/api/v1/invoices/${w.paidInvoiceId}/void`, payload: { reason: 'x' } }),
    status: 409,
    code: 'invoice_has_payments',
  },
  {
    label: 'voiding an unknown invoice',
    request: () => ({ url: `/api/v1/invoices/${unknownId}/void`, payload: { reason: 'x' } }),
    status: 404,
    field: 'invoiceId',
  },
  {
    label: 'a checkout in another currency',
    request: (w) => ({ url: `/api/v1/appointments/${w.checkedInId}/checkout`, payload: { payment: { method: 'cash' }, currency: 'EUR' } }),
    status: 400,
    code: 'currency_mismatch',
    field: 'currency',
  },
  {
    label: 'a free product',
    request: (w) => ({
      url: `/api/v1/appointments/${w.checkedInId}/checkout`,
      payload: { payment: { method: 'cash' }, products: [{ name: 'Serum', unitPriceCents: 0, quantity: 1 }] },
    }),
    status: 400,
    field: 'products[0].unitPriceCents',
  },
  {
    label: 'a negative product',
    request: (w) => ({
      url: `/api/v1/appointments/${w.checkedInId}/checkout`,
      payload: { payment: { method: 'cash' }, products: [{ name: 'Serum', unitPriceCents: -100, quantity: 1 }] },
    }),
    status: 400,
    field: 'products[0].unitPriceCents',
  },
  {
    label: 'a zero quantity',
    request: (w) => ({
      url: `/api/v1/appointments/${w.checkedInId}/checkout`,
      payload: { payment: { method: 'cash' }, products: [{ name: 'Serum', unitPriceCents: 100, quantity: 0 }] },
    }),
    status: 400,
    field: 'products[0].quantity',
  },
  {
    label: 'a discount above the subtotal',
    request: (w) => ({
      url: `/api/v1/appointments/${w.checkedInId}/checkout`,
      payload: { payment: { method: 'cash' }, discount: { kind: 'amount', value: 15_001 } },
    }),
    status: 400,
    code: 'discount_exceeds_subtotal',
    field: 'discount.value',
  },
  {
    label: 'a discount of 150 %',
    request: (w) => ({
      url: `/api/v1/appointments/${w.checkedInId}/checkout`,
      payload: { payment: { method: 'cash' }, discount: { kind: 'percent', value: 150 } },
    }),
    status: 400,
    field: 'discount.value',
  },
  {
    label: 'a checkout with a card of another patient',
    request: (w) => ({
      url: `/api/v1/appointments/${w.checkedInId}/checkout`,
      payload: { payment: { method: 'card_on_file', paymentMethodId: w.othersCardId } },
    }),
    status: 404,
    field: 'payment.paymentMethodId',
  },
  {
    label: 'a checkout of an unknown appointment',
    request: () => ({ url: `/api/v1/appointments/${unknownId}/checkout`, payload: { payment: { method: 'cash' } } }),
    status: 404,
    field: 'appointmentId',
  },
  {
    label: 'a no-show fee without a card',
    request: (w) => ({ url: `/api/v1/appointments/${w.noCardAppointmentId}/no-show`, payload: { chargeFee: true } }),
    status: 409,
    code: 'no_card_on_file',
    field: 'chargeFee',
  },
  {
    label: 'a cancellation fee without a card',
    request: (w) => ({ url: `/api/v1/appointments/${w.noCardAppointmentId}/cancel`, payload: { reason: 'x', chargeFee: true } }),
    status: 409,
    code: 'no_card_on_file',
    field: 'chargeFee',
  },
  {
    label: 'a malformed Idempotency-Key',
    request: (w) => ({
      url: `/api/v1/invoices/${w.unpaidInvoiceId}/payments`,
      payload: { payment: { method: 'cash' } },
      headers: { 'idempotency-key': 'has spaces' },
    }),
    status: 400,
    field: 'Idempotency-Key',
  },
];

const world = await buildWorld();

describe('bad input to Sales: a 4xx problem, no money moved, nothing written', () => {
  it.each(rows)('$label → $status', async ({ request, status, code, field }) => {
    const { url, payload, headers = {} } = request(world);
    const practiceId = world.setup.practice.practiceId;
    const rowsBefore = await salesRowCounts(database, practiceId);
    const chargesBefore = await processorCharges(database, practiceId);
    const refundsBefore = await processorRefunds(database, practiceId);
    const response = await app.inject({ method: 'POST', url, headers: { ...world.setup.practice.owner.headers, ...headers }, payload });
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toContain('application/problem+json');
    if (code) expect(response.json().code).toBe(code);
    if (field) expect(response.json().field).toBe(field);
    expect(await processorCharges(database, practiceId)).toBe(chargesBefore);
    expect(await processorRefunds(database, practiceId)).toBe(refundsBefore);
    expect(await salesRowCounts(database, practiceId)).toEqual(rowsBefore);
  });

  it('reads an unknown invoice as 404', async () => {
    for (const url of [`/api/v1/invoices/${unknownId}`, `/api/v1/invoices/${unknownId}/receipt`]) {
      const response = await app.inject({ method: 'GET', url, headers: world.setup.practice.owner.headers });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found', field: 'invoiceId' });
    }
  });
});
