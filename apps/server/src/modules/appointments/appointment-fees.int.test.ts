import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { setProvidersManageAllAppointments, signIn } from '../../testing/test-app.ts';
import { addCard } from '../billing/billing-test-support.ts';
import {
  bookWithCard,
  createFeePractice,
  createSalesTestApp,
  post,
  processorCharges,
  processorRefunds,
  salesRowCounts,
} from '../sales/sales-test-support.ts';
import { book } from './appointments-test-builders.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database, gateway } = await createSalesTestApp({ clock });

/** Tomorrow 08:00 in New York: 23 hours away, inside a 24-hour window. */
const LATE = '2026-03-03T13:00:00Z';
/** Wednesday 10:00 in New York: two days away. */
const EARLY = '2026-03-04T15:00:00Z';
/** Today 10:00 in New York: a no-show can be marked today. */
const TODAY = '2026-03-02T15:00:00Z';

function appointmentUrl(id: string, action = ''): string {
  return `/api/v1/appointments/${id}${action ? `/${action}` : ''}`;
}

describe('no-show fees', () => {
  it('charges the services’ no-show fee to the card taken at booking and links the invoice', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY });
    const marked = await post(app, appointmentUrl(id, 'no-show'), setup.practice.owner.headers, { chargeFee: true });
    expect(marked.statusCode, marked.body).toBe(200);
    const body = marked.json();
    expect(body).toMatchObject({
      status: 'no_show',
      fee: { kind: 'no_show_fee', status: 'paid', amountCents: 4000, currency: 'USD', invoiceNumber: 1 },
      feePolicy: { cardOnFile: true, noShowFeeCents: 4000 },
    });
    expect(body.fee.message).toContain('$40.00');
    expect(body.feePolicy.noShowFeeInvoiceId).toBe(body.fee.invoiceId);
    const invoice = (
      await app.inject({ method: 'GET', url: `/api/v1/invoices/${body.fee.invoiceId}`, headers: setup.practice.owner.headers })
    ).json();
    expect(invoice).toMatchObject({
      kind: 'no_show_fee',
      kindLabel: 'No-Show Charges',
      status: 'paid',
      appointmentId: id,
      totals: { totalCents: 4000, amountPaidCents: 4000, balanceCents: 0 },
      lines: [{ kind: 'fee', quantity: 1, unitAmountCents: 4000 }],
      payments: [{ method: 'card_on_file', status: 'succeeded', card: { last4: '4242' } }],
    });
    expect(invoice.payments[0].gatewayChargeId).toMatch(/^pi_/);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);
  });

  it('refuses a fee on an appointment booked without a card, with nothing written and no money moved', async () => {
    const setup = await createFeePractice(app);
    const id = (await book(app, setup, { start: TODAY, serviceIds: [setup.peel.id] })).json().id;
    const before = await salesRowCounts(database, setup.practice.practiceId);
    const refused = await post(app, appointmentUrl(id, 'no-show'), setup.practice.owner.headers, { chargeFee: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'no_card_on_file', field: 'chargeFee' });
    const after = (await app.inject({ method: 'GET', url: appointmentUrl(id), headers: setup.practice.owner.headers })).json();
    expect(after).toMatchObject({ status: 'booked', version: 1, feePolicy: { cardOnFile: false } });
    expect(await salesRowCounts(database, setup.practice.practiceId)).toEqual(before);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(0);
  });

  it('marks the no-show and leaves an unpaid invoice when the card is declined, then takes payment from Sales', async () => {
    const setup = await createFeePractice(app);
    const declining = await addCard(app, setup.practice, setup.patientId, 'pm_card_chargeDeclined');
    const id = await bookWithCard(app, setup, { start: TODAY }, declining.id);
    const marked = await post(app, appointmentUrl(id, 'no-show'), setup.practice.owner.headers, { chargeFee: true });
    expect(marked.statusCode, marked.body).toBe(200);
    const { fee } = marked.json();
    expect(marked.json().status).toBe('no_show');
    expect(fee).toMatchObject({ status: 'declined', amountCents: 4000 });
    expect(fee.message).toMatch(/declined.*stays unpaid/);
    const invoiceUrl = `/api/v1/invoices/${fee.invoiceId}`;
    expect((await app.inject({ method: 'GET', url: invoiceUrl, headers: setup.practice.owner.headers })).json()).toMatchObject({
      status: 'unpaid',
      payments: [{ status: 'failed', failureCode: 'generic_decline' }],
      actions: { pay: true, void: true },
    });
    const paid = await post(app, `${invoiceUrl}/payments`, setup.practice.owner.headers, {
      payment: { method: 'card_on_file', paymentMethodId: setup.visa.id },
    });
    expect(paid.statusCode, paid.body).toBe(201);
    expect(paid.json()).toMatchObject({ invoice: { status: 'paid' }, payment: { attempt: 2, status: 'succeeded' } });
  });

  it('says why when the bank wants the patient present, leaving the invoice unpaid', async () => {
    const setup = await createFeePractice(app);
    const threeDs = await addCard(app, setup.practice, setup.patientId, 'pm_card_authenticationRequired');
    const id = await bookWithCard(app, setup, { start: TODAY }, threeDs.id);
    const marked = await post(app, appointmentUrl(id, 'no-show'), setup.practice.owner.headers, { chargeFee: true });
    expect(marked.json().fee).toMatchObject({ status: 'authentication_required' });
    expect(marked.json().fee.message).toContain('patient present');
  });

  it('charges nothing when the no-show is marked without chargeFee', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY });
    const marked = await post(app, appointmentUrl(id, 'no-show'), setup.practice.owner.headers, { chargeFee: false });
    expect(marked.json()).toMatchObject({ status: 'no_show', fee: null, feePolicy: { noShowFeeInvoiceId: null } });
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(0);
  });

  it('refuses a fee when the services charge none', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY, serviceIds: [setup.consultation.id] });
    const refused = await post(app, appointmentUrl(id, 'no-show'), setup.practice.owner.headers, { chargeFee: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('no_fee_configured');
  });

  it('refuses a fee when the card entered at booking was removed since', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY });
    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/patients/${setup.patientId}/payment-methods/${setup.visa.id}`,
      headers: setup.practice.owner.headers,
    });
    expect(removed.statusCode).toBe(204);
    const refused = await post(app, appointmentUrl(id, 'no-show'), setup.practice.owner.headers, { chargeFee: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'no_card_on_file' });
    expect(refused.json().detail).toContain('removed');
  });

  it('lets only the front desk and managers charge a fee', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY });
    await setProvidersManageAllAppointments(app, setup.practice, true);
    const provider = await setup.practice.signInAs('provider');
    const refused = await post(app, appointmentUrl(id, 'no-show'), provider.headers, { chargeFee: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('fee_not_permitted');
    const frontDesk = await setup.practice.signInAs('front_desk');
    const charged = await post(app, appointmentUrl(id, 'no-show'), frontDesk.headers, { chargeFee: true });
    expect(charged.json().fee.status).toBe('paid');
  });

  it('restoring a no-show whose fee was paid links the invoice and refunds nothing', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY });
    const { fee } = (await post(app, appointmentUrl(id, 'no-show'), setup.practice.owner.headers, { chargeFee: true })).json();
    const restored = await post(app, appointmentUrl(id, 'restore'), setup.practice.owner.headers, {});
    expect(restored.statusCode, restored.body).toBe(200);
    expect(restored.json()).toMatchObject({ status: 'booked', feeInvoiceId: fee.invoiceId });
    expect(restored.json().notice).toBe(
      `A no-show fee of $40.00 was charged (invoice #${fee.invoiceNumber}). Restoring does not refund it: refund it from the invoice in Sales.`,
    );
    const invoice = (
      await app.inject({ method: 'GET', url: `/api/v1/invoices/${fee.invoiceId}`, headers: setup.practice.owner.headers })
    ).json();
    expect(invoice).toMatchObject({ status: 'paid', refunds: [], actions: { refund: true } });
    expect(await processorRefunds(database, setup.practice.practiceId)).toBe(0);
  });

  it('restoring a no-show whose fee was paid tells a front desk that may not refund who can, and one that may to refund it', async () => {
    const setup = await createFeePractice(app);
    const frontDesk = await setup.practice.signInAs('front_desk');
    const first = await bookWithCard(app, setup, { start: TODAY });
    const { fee } = (await post(app, appointmentUrl(first, 'no-show'), frontDesk.headers, { chargeFee: true })).json();

    const refused = await post(app, appointmentUrl(first, 'restore'), frontDesk.headers, {});

    expect(refused.json().notice).toBe(
      `A no-show fee of $40.00 was charged (invoice #${fee.invoiceNumber}). Restoring does not refund it: your role cannot refund it, so ask an owner or admin to refund it from the invoice in Sales.`,
    );
    const allowed = await app.inject({
      method: 'PUT',
      url: '/api/v1/sales/settings',
      headers: setup.practice.owner.headers,
      payload: { frontDeskMayRefund: true },
    });
    expect(allowed.statusCode, allowed.body).toBe(200);
    await post(app, appointmentUrl(first, 'no-show'), frontDesk.headers, { chargeFee: false });

    const permitted = await post(app, appointmentUrl(first, 'restore'), frontDesk.headers, {});

    expect(permitted.json().notice).toContain('Restoring does not refund it: refund it from the invoice in Sales.');
  });

  it('restoring a no-show tells a provider, who neither refunds nor voids, whom to ask, for a paid fee and for an unpaid one', async () => {
    const setup = await createFeePractice(app);
    await setProvidersManageAllAppointments(app, setup.practice, true);
    const provider = await setup.practice.signInAs('provider');
    const paid = await bookWithCard(app, setup, { start: TODAY });
    const { fee } = (await post(app, appointmentUrl(paid, 'no-show'), setup.practice.owner.headers, { chargeFee: true })).json();

    const restoredPaid = await post(app, appointmentUrl(paid, 'restore'), provider.headers, {});

    expect(restoredPaid.statusCode, restoredPaid.body).toBe(200);
    expect(restoredPaid.json()).toMatchObject({ status: 'booked', feeInvoiceId: fee.invoiceId });
    expect(restoredPaid.json().notice).toBe(
      `A no-show fee of $40.00 was charged (invoice #${fee.invoiceNumber}). Restoring does not refund it: your role cannot refund it, so ask an owner or admin to refund it from the invoice in Sales.`,
    );

    const declining = await addCard(app, setup.practice, setup.patientId, 'pm_card_chargeDeclined');
    // Today 13:00 in New York, after the first visit.
    const unpaid = await bookWithCard(app, setup, { start: '2026-03-02T18:00:00Z' }, declining.id);
    const marked = await post(app, appointmentUrl(unpaid, 'no-show'), setup.practice.owner.headers, { chargeFee: true });
    expect(marked.json().fee).toMatchObject({ status: 'declined' });

    const restoredUnpaid = await post(app, appointmentUrl(unpaid, 'restore'), provider.headers, {});

    expect(restoredUnpaid.statusCode, restoredUnpaid.body).toBe(200);
    expect(restoredUnpaid.json().notice).toBe(
      `The no-show fee on invoice #${marked.json().fee.invoiceNumber} is unpaid. Restoring does not void it: if it no longer applies, ask the front desk, an owner or an admin to void it in Sales.`,
    );
  });

  it('restoring a no-show with an unpaid fee says the invoice stays open', async () => {
    const setup = await createFeePractice(app);
    const declining = await addCard(app, setup.practice, setup.patientId, 'pm_card_chargeDeclined');
    const id = await bookWithCard(app, setup, { start: TODAY }, declining.id);
    await post(app, appointmentUrl(id, 'no-show'), setup.practice.owner.headers, { chargeFee: true });
    const restored = await post(app, appointmentUrl(id, 'restore'), setup.practice.owner.headers, {});
    expect(restored.json().notice).toContain('unpaid');
  });
});

describe('cancellation and rescheduling fees', () => {
  it('charges the cancellation fee when cancelling inside the window', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: LATE });
    const read = (await app.inject({ method: 'GET', url: appointmentUrl(id), headers: setup.practice.owner.headers })).json();
    expect(read.feePolicy).toEqual({
      insideCancellationWindow: true,
      cancellationWindowHours: 24,
      cancellationFeeCents: 2500,
      noShowFeeCents: 4000,
      currency: 'USD',
      cardOnFile: true,
      cancellationFeeInvoiceId: null,
      noShowFeeInvoiceId: null,
    });
    const cancelled = await post(app, appointmentUrl(id, 'cancel'), setup.practice.owner.headers, { reason: 'Sick', chargeFee: true });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', fee: { kind: 'cancellation_fee', status: 'paid', amountCents: 2500 } });
    const invoices = (
      await app.inject({ method: 'GET', url: `/api/v1/invoices?appointmentId=${id}`, headers: setup.practice.owner.headers })
    ).json();
    expect(invoices.items).toMatchObject([
      { kind: 'cancellation_fee', kindLabel: 'Appointment Cancellation/Rescheduling Charges', status: 'paid' },
    ]);
  });

  it('refuses a cancellation fee outside the window, and cancels nothing', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: EARLY });
    const refused = await post(app, appointmentUrl(id, 'cancel'), setup.practice.owner.headers, { reason: 'Sick', chargeFee: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'outside_cancellation_window', field: 'chargeFee' });
    expect((await app.inject({ method: 'GET', url: appointmentUrl(id), headers: setup.practice.owner.headers })).json().status).toBe(
      'booked',
    );
    const free = await post(app, appointmentUrl(id, 'cancel'), setup.practice.owner.headers, { reason: 'Sick', chargeFee: false });
    expect(free.json()).toMatchObject({ status: 'cancelled', fee: null });
  });

  it('refuses a cancellation fee without a card, before cancelling', async () => {
    const setup = await createFeePractice(app);
    const id = (await book(app, setup, { start: LATE, serviceIds: [setup.peel.id] })).json().id;
    const before = await salesRowCounts(database, setup.practice.practiceId);
    const refused = await post(app, appointmentUrl(id, 'cancel'), setup.practice.owner.headers, { reason: 'Sick', chargeFee: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe('no_card_on_file');
    expect((await app.inject({ method: 'GET', url: appointmentUrl(id), headers: setup.practice.owner.headers })).json()).toMatchObject({
      status: 'booked',
      version: 1,
    });
    expect(await salesRowCounts(database, setup.practice.practiceId)).toEqual(before);
  });

  it('judges the window by the policy shown at booking, per clinic', async () => {
    const setup = await createFeePractice(app);
    // 30 hours away: outside the default 24-hour window.
    const start = '2026-03-03T20:00:00Z';
    const bookedUnder24 = await bookWithCard(app, setup, { start });
    const widened = await app.inject({
      method: 'PUT',
      url: `/api/v1/clinics/${setup.clinic.id}/billing-settings`,
      headers: setup.practice.owner.headers,
      payload: { cancellationWindowHours: 48 },
    });
    expect(widened.statusCode, widened.body).toBe(200);
    const bookedUnder48 = await bookWithCard(app, setup, { start, providerId: setup.providerB.id });
    const first = (await app.inject({ method: 'GET', url: appointmentUrl(bookedUnder24), headers: setup.practice.owner.headers })).json();
    const second = (await app.inject({ method: 'GET', url: appointmentUrl(bookedUnder48), headers: setup.practice.owner.headers })).json();
    expect(first.feePolicy).toMatchObject({ insideCancellationWindow: false, cancellationWindowHours: 24 });
    expect(first.cardOnFile.policyVersion).toBe(1);
    expect(second.feePolicy).toMatchObject({ insideCancellationWindow: true, cancellationWindowHours: 48 });
    expect(second.cardOnFile.policyVersion).toBe(2);
    expect(
      (await post(app, appointmentUrl(bookedUnder24, 'cancel'), setup.practice.owner.headers, { reason: 'x', chargeFee: true })).statusCode,
    ).toBe(409);
    expect(
      (await post(app, appointmentUrl(bookedUnder48, 'cancel'), setup.practice.owner.headers, { reason: 'x', chargeFee: true })).json().fee
        .status,
    ).toBe('paid');
  });

  it('charges one cancellation/rescheduling fee for a late reschedule, and never a second', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: LATE });
    const moved = await app.inject({
      method: 'PATCH',
      url: appointmentUrl(id),
      headers: setup.practice.owner.headers,
      payload: { start: '2026-03-05T15:00:00Z', chargeFee: true },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      start: '2026-03-05T15:00:00.000Z',
      fee: { kind: 'cancellation_fee', status: 'paid', amountCents: 2500 },
    });
    clock.set('2026-03-04T16:00:00Z');
    try {
      // Two days on, the owner signs in again (the first session went idle).
      const headers = { cookie: await signIn(app, setup.practice.owner.email) };
      const again = await app.inject({
        method: 'PATCH',
        url: appointmentUrl(id),
        headers,
        payload: { start: '2026-03-06T15:00:00Z', chargeFee: true },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'fee_already_charged', invoiceId: moved.json().fee.invoiceId });
      const cancelLate = await post(app, appointmentUrl(id, 'cancel'), headers, { reason: 'x', chargeFee: true });
      expect(cancelLate.json().code).toBe('fee_already_charged');
    } finally {
      clock.set('2026-03-02T14:00:00Z');
    }
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);
  });

  it('asks for a new start with a rescheduling fee', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: LATE });
    const response = await app.inject({
      method: 'PATCH',
      url: appointmentUrl(id),
      headers: setup.practice.owner.headers,
      payload: { notes: 'x', chargeFee: true },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'chargeFee', code: 'fee_needs_reschedule' });
  });
});

describe('retries and outages', () => {
  it('replays a repeated Idempotency-Key instead of acting or charging again', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY });
    const headers = { ...setup.practice.owner.headers, 'idempotency-key': `no-show-${id}` };
    const first = await post(app, appointmentUrl(id, 'no-show'), headers, { chargeFee: true });
    const second = await post(app, appointmentUrl(id, 'no-show'), headers, { chargeFee: true });
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json().fee).toEqual(first.json().fee);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);
    const elsewhere = await post(app, appointmentUrl(id, 'cancel'), headers, { reason: 'x' });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().code).toBe('idempotency_key_reused');
  });

  it('keeps a fee pending when the gateway does not answer, and settles the same charge on retry', async () => {
    const setup = await createFeePractice(app);
    const id = await bookWithCard(app, setup, { start: TODAY });
    gateway.failNextCharges(1);
    const marked = await post(app, appointmentUrl(id, 'no-show'), setup.practice.owner.headers, { chargeFee: true });
    expect(marked.statusCode, marked.body).toBe(200);
    const { fee } = marked.json();
    expect(fee.status).toBe('pending');
    const keys = gateway.chargeCalls.filter((call) => call.metadata.invoice_id === fee.invoiceId).map((call) => call.idempotencyKey);
    expect(keys).toHaveLength(1);
    const retried = await post(app, `/api/v1/invoices/${fee.invoiceId}/payments`, setup.practice.owner.headers, {
      payment: { method: 'card_on_file', paymentMethodId: setup.visa.id },
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json().payment).toMatchObject({ attempt: 1, status: 'succeeded' });
    const retryKeys = gateway.chargeCalls.filter((call) => call.metadata.invoice_id === fee.invoiceId).map((call) => call.idempotencyKey);
    expect(retryKeys).toEqual([keys[0], keys[0]]);
    expect(retryKeys[0]).toBe(`${setup.practice.practiceId}:fee:${fee.invoiceId}:attempt-1`);
    const invoice = (
      await app.inject({ method: 'GET', url: `/api/v1/invoices/${fee.invoiceId}`, headers: setup.practice.owner.headers })
    ).json();
    expect(invoice).toMatchObject({ status: 'paid', payments: [{ attempt: 1, status: 'succeeded' }] });
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);
  });
});
