import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { createTestPractice } from '../../testing/test-app.ts';
import { book } from '../appointments/appointments-test-builders.ts';
import { createPatient } from '../billing/billing-test-support.ts';
import { bookWithCard, checkIn, createFeePractice, createSalesTestApp, post, type FeePractice } from './sales-test-support.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app } = await createSalesTestApp({ clock });

/** Checks out a peel at the given New York hour for the patient, paid in cash unless told otherwise. */
async function checkedOut(
  setup: FeePractice,
  options: { start?: string; patientId?: string; payment?: Record<string, unknown>; products?: unknown[] } = {},
): Promise<{ appointmentId: string; invoice: { id: string; number: number; status: string } }> {
  const booked = await book(app, setup, {
    serviceIds: [setup.peel.id],
    start: options.start ?? '2026-03-02T15:00:00Z',
    ...(options.patientId ? { patientId: options.patientId } : {}),
  });
  expect(booked.statusCode, booked.body).toBe(201);
  const appointmentId = booked.json<{ id: string }>().id;
  await checkIn(app, setup, appointmentId);
  const response = await post(app, `/api/v1/appointments/${appointmentId}/checkout`, setup.practice.owner.headers, {
    payment: options.payment ?? { method: 'cash' },
    ...(options.products ? { products: options.products } : {}),
  });
  expect([201, 402]).toContain(response.statusCode);
  const invoiceId = response.statusCode === 201 ? response.json().invoice.id : response.json().invoiceId;
  const invoice = (await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoiceId}`, headers: setup.practice.owner.headers })).json();
  return { appointmentId, invoice };
}

function listUrl(query: string): string {
  return `/api/v1/invoices${query ? `?${query}` : ''}`;
}

describe('invoice numbers', () => {
  it('are sequential per practice, starting at 1 in every practice', async () => {
    const first = await createFeePractice(app);
    const a = await checkedOut(first, { start: '2026-03-02T15:00:00Z' });
    const b = await checkedOut(first, { start: '2026-03-02T17:00:00Z' });
    const second = await createFeePractice(app);
    const c = await checkedOut(second);
    expect([a.invoice.number, b.invoice.number, c.invoice.number]).toEqual([1, 2, 1]);
  });

  it('are never skipped by a refused checkout', async () => {
    const setup = await createFeePractice(app);
    const booked = await book(app, setup, { serviceIds: [setup.peel.id], start: '2026-03-02T15:00:00Z' });
    const id = booked.json().id;
    await checkIn(app, setup, id);
    const refused = await post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, {
      discount: { kind: 'amount', value: 99_999 },
      payment: { method: 'cash' },
    });
    expect(refused.statusCode).toBe(400);
    const done = await post(app, `/api/v1/appointments/${id}/checkout`, setup.practice.owner.headers, { payment: { method: 'cash' } });
    expect(done.json().invoice.number).toBe(1);
  });
});

describe('the Sales list', () => {
  it('lists newest first with patient names and totals, filtered by status, kind, clinic, patient and date', async () => {
    const setup = await createFeePractice(app);
    const otherPatient = await createPatient(app, setup.practice, { firstName: 'Alan', lastName: 'Turing' });
    const paid = await checkedOut(setup, { start: '2026-03-02T15:00:00Z' });
    clock.set('2026-03-02T14:05:00Z');
    const turing = await checkedOut(setup, { start: '2026-03-02T17:00:00Z', patientId: otherPatient });
    clock.set('2026-03-02T14:10:00Z');
    const noShowId = await bookWithCard(app, setup, { start: '2026-03-02T19:00:00Z' });
    const fee = (await post(app, `/api/v1/appointments/${noShowId}/no-show`, setup.practice.owner.headers, { chargeFee: true })).json().fee;
    clock.set('2026-03-02T14:00:00Z');

    const all = (await app.inject({ method: 'GET', url: listUrl(''), headers: setup.practice.owner.headers })).json();
    expect(all.items.map((item: { id: string }) => item.id)).toEqual([fee.invoiceId, turing.invoice.id, paid.invoice.id]);
    expect(all.items[1]).toMatchObject({
      number: 2,
      kind: 'service',
      kindLabel: 'Appointment Checkout',
      status: 'paid',
      patient: { firstName: 'Alan', lastName: 'Turing' },
      clinicId: setup.clinic.id,
      currency: 'USD',
      totals: { totalCents: 15_000, amountPaidCents: 15_000, balanceCents: 0 },
    });
    expect(all.nextCursor).toBeNull();

    const ids = async (query: string) =>
      (await app.inject({ method: 'GET', url: listUrl(query), headers: setup.practice.owner.headers }))
        .json()
        .items.map((item: { id: string }) => item.id);
    expect(await ids('kind=no_show_fee')).toEqual([fee.invoiceId]);
    expect(await ids(`patientId=${otherPatient}`)).toEqual([turing.invoice.id]);
    expect(await ids(`clinicId=${setup.clinic.id}&status=paid`)).toHaveLength(3);
    expect(await ids('status=refunded')).toEqual([]);
    expect(await ids('from=2026-03-02T14:04:00Z&to=2026-03-02T14:09:00Z')).toEqual([turing.invoice.id]);
  });

  it('pages with a cursor', async () => {
    const setup = await createFeePractice(app);
    for (const start of ['2026-03-02T15:00:00Z', '2026-03-02T17:00:00Z', '2026-03-02T19:00:00Z']) await checkedOut(setup, { start });
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { number: number }[]; nextCursor: string | null } = (
        await app.inject({
          method: 'GET',
          url: listUrl(`limit=2${cursor ? `&cursor=${cursor}` : ''}`),
          headers: setup.practice.owner.headers,
        })
      ).json();
      seen.push(...page.items.map((item) => item.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([1, 2, 3]);
    const bad = await app.inject({ method: 'GET', url: listUrl('cursor=nonsense'), headers: setup.practice.owner.headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toBe('cursor');
  });

  it('is for the front desk and managers; providers are refused', async () => {
    const setup = await createFeePractice(app);
    const { invoice } = await checkedOut(setup);
    const provider = await setup.practice.signInAs('provider');
    for (const url of [listUrl(''), `/api/v1/invoices/${invoice.id}`, `/api/v1/invoices/${invoice.id}/receipt`]) {
      expect((await app.inject({ method: 'GET', url, headers: provider.headers })).statusCode).toBe(403);
    }
    const frontDesk = await setup.practice.signInAs('front_desk');
    expect((await app.inject({ method: 'GET', url: listUrl(''), headers: frontDesk.headers })).statusCode).toBe(200);
  });

  it('hides another practice’s invoices', async () => {
    const setup = await createFeePractice(app);
    const { invoice } = await checkedOut(setup);
    const stranger = await createTestPractice(app);
    expect((await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoice.id}`, headers: stranger.owner.headers })).statusCode).toBe(
      404,
    );
    expect((await app.inject({ method: 'GET', url: listUrl(''), headers: stranger.owner.headers })).json().items).toEqual([]);
    const pay = await post(app, `/api/v1/invoices/${invoice.id}/refunds`, stranger.owner.headers, { amountCents: 100, reason: 'x' });
    expect(pay.statusCode).toBe(404);
  });
});

describe('one invoice', () => {
  it('shows lines, payments, refunds, history with names, the appointment and the actions allowed', async () => {
    const setup = await createFeePractice(app);
    const { appointmentId, invoice } = await checkedOut(setup, { payment: { method: 'card_on_file', paymentMethodId: setup.visa.id } });
    const read = (await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoice.id}`, headers: setup.practice.owner.headers })).json();
    expect(read).toMatchObject({
      clinic: { id: setup.clinic.id },
      appointment: {
        id: appointmentId,
        status: 'completed',
        timeZone: 'America/New_York',
        providerId: setup.providerA.id,
        services: [{ name: 'Chemical peel' }],
      },
      patient: { firstName: 'Grace' },
      refundableCents: 15_000,
      actions: { pay: false, refund: true, void: false },
      createdBy: setup.practice.owner.id,
    });
    expect(read.appointment.providerName).toEqual(expect.any(String));
    expect(read.history.map((event: { type: string }) => event.type)).toEqual(['created', 'payment_started', 'payment_succeeded']);
    expect(read.history[0].actorName).toBe('Test Owner');
  });

  it('audits every read of an invoice', async () => {
    const setup = await createFeePractice(app);
    const { invoice } = await checkedOut(setup);
    await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoice.id}`, headers: setup.practice.owner.headers });
    await app.inject({ method: 'GET', url: `/api/v1/invoices/${invoice.id}/receipt`, headers: setup.practice.owner.headers });
    await app.inject({ method: 'GET', url: listUrl(''), headers: setup.practice.owner.headers });
    const audit = (
      await app.inject({ method: 'GET', url: '/api/v1/audit-events?limit=100', headers: setup.practice.owner.headers })
    ).json();
    const actions = audit.items.map((event: { action: string }) => event.action);
    expect(actions).toEqual(
      expect.arrayContaining(['invoice.create', 'invoice.payment', 'invoice.read', 'invoice.receipt', 'invoice.list']),
    );
  });

  it('prints a receipt with the practice, the clinic, the lines, totals and payments, escaping what people typed', async () => {
    const setup = await createFeePractice(app);
    const { invoice } = await checkedOut(setup, {
      products: [{ name: '<script>alert(1)</script> Serum', unitPriceCents: 2_000, quantity: 1 }],
      payment: { method: 'cash', amountTenderedCents: 20_000 },
    });
    const receipt = await app.inject({
      method: 'GET',
      url: `/api/v1/invoices/${invoice.id}/receipt`,
      headers: setup.practice.owner.headers,
    });
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(receipt.headers['content-security-policy']).toContain("default-src 'none'");
    const html = receipt.body;
    expect(html).toContain('Test Practice');
    expect(html).toContain(`Receipt #${invoice.number}`);
    expect(html).toContain('Chemical peel');
    expect(html).toContain('$170.00');
    expect(html).toContain('change $30.00');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Serum');
    expect(html).not.toContain('<script>');
    expect(html).toContain('@media print');
  });
});
