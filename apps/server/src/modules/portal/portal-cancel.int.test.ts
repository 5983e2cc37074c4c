import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../platform/clock.ts';
import { addCard } from '../billing/billing-test-support.ts';
import { createMessageDeliveryWorker, createMessageTransports } from '../notifications/index.ts';
import { startTestSmtpServer } from '../notifications/test-smtp-server.ts';
import { bookWithCard, createSalesTestApp, processorCharges, salesRowCounts } from '../sales/sales-test-support.ts';
import {
  auditTrailOf,
  createPortalFeePractice,
  messagesTo,
  setClinicAlerts,
  setPortalWindows,
  signInPatient,
} from './portal-test-support.ts';

// Monday 2 March 2026, 09:00 in New York.
const clock = createManualClock('2026-03-02T14:00:00Z');
const { app, database } = await createSalesTestApp({ clock });

/** Tuesday 08:00 in New York: 23 hours away, inside the clinic's 24-hour cancellation-fee window. */
const LATE = '2026-03-03T13:00:00Z';
/** Wednesday 10:00 in New York: two days away, outside it. */
const EARLY = '2026-03-04T15:00:00Z';

const cancel = (cookie: string, appointmentId: string, payload: Record<string, unknown> = {}) =>
  app.inject({ method: 'POST', url: `/api/v1/portal/appointments/${appointmentId}/cancel`, headers: { cookie }, payload });

const upcoming = (cookie: string) => app.inject({ method: 'GET', url: '/api/v1/portal/appointments?scope=upcoming', headers: { cookie } });

async function arrange(options: { cancelClosesHoursBefore?: number } = {}) {
  clock.set('2026-03-02T14:00:00Z');
  const arranged = await createPortalFeePractice(app);
  const { setup, portalPractice, phone } = arranged;
  if (options.cancelClosesHoursBefore !== undefined) {
    await setPortalWindows(app, setup.practice, { cancel: options.cancelClosesHoursBefore });
  }
  await setClinicAlerts(app, setup.practice, setup.clinic.id, {
    notificationEmail: 'desk@clinic.test',
    smsNotificationPhone: '+12125550142',
  });
  const { cookie } = await signInPatient(app, portalPractice, { channel: 'sms', phone });
  return { ...arranged, cookie };
}

async function staffView(setup: Awaited<ReturnType<typeof arrange>>['setup'], appointmentId: string) {
  const response = await app.inject({ method: 'GET', url: `/api/v1/appointments/${appointmentId}`, headers: setup.practice.owner.headers });
  return response.json();
}

describe('cancelling an appointment in the portal', () => {
  it('cancels the patient’s own appointment outside the fee window for free: the book shows it, the clinic is alerted by email and SMS, the patient is the audited actor', async () => {
    const { setup, patientId, card, cookie } = await arrange();
    const appointmentId = await bookWithCard(app, setup, { patientId, start: EARLY }, card.id);
    const listed = (await upcoming(cookie)).json().items[0];
    expect(listed).toMatchObject({ id: appointmentId, actions: { cancel: true }, cancellationFee: null });

    const cancelled = await cancel(cookie, appointmentId);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({
      appointment: { id: appointmentId, status: 'cancelled', actions: { confirm: false, reschedule: false, cancel: false } },
      fee: null,
    });

    expect(await staffView(setup, appointmentId)).toMatchObject({
      status: 'cancelled',
      cancellationReason: 'Cancelled by the patient in the portal',
    });
    const history = await app.inject({
      method: 'GET',
      url: `/api/v1/appointments/${appointmentId}/history`,
      headers: setup.practice.owner.headers,
    });
    expect(JSON.stringify(history.json())).toContain('"by":"patient"');
    const [email] = await messagesTo(database, setup.practice.practiceId, 'desk@clinic.test');
    expect(email?.textBody).toContain('Rosa Diaz cancelled the appointment on Wednesday, March 4, 2026');
    expect(email?.textBody).not.toContain('fee');
    const [sms] = await messagesTo(database, setup.practice.practiceId, '+12125550142');
    expect(sms?.textBody).toContain('Rosa Diaz cancelled an appointment');
    const audited = (await auditTrailOf(database, setup.practice.practiceId)).filter((event) => event.action === 'appointment.cancelled');
    expect(audited).toEqual([
      expect.objectContaining({ actorType: 'patient', actorId: patientId, objectId: appointmentId, details: { via: 'portal', patientId } }),
    ]);
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(0);
  });

  it('shows the late cancellation fee and the policy agreed to at booking, and refuses to cancel until the patient accepts them (400 naming acceptCancellationFee, nothing written)', async () => {
    const { setup, patientId, card, cookie } = await arrange({ cancelClosesHoursBefore: 2 });
    const appointmentId = await bookWithCard(app, setup, { patientId, start: LATE }, card.id);
    const [listed] = (await upcoming(cookie)).json().items;
    expect(listed).toMatchObject({
      id: appointmentId,
      actions: { cancel: true },
      cancellationFee: { amountCents: 2500, currency: 'USD', amountLabel: '$25.00', windowHours: 24, policy: { version: 1 } },
    });
    expect(listed.cancellationFee.policy.text).toMatch(/24 hours/);

    const before = await salesRowCounts(database, setup.practice.practiceId);
    for (const payload of [{}, { acceptCancellationFee: false }]) {
      const refused = await cancel(cookie, appointmentId, payload);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
      expect(refused.json()).toMatchObject({ code: 'cancellation_fee_not_accepted', field: 'acceptCancellationFee' });
      expect(refused.json().detail).toContain('$25.00');
    }
    expect(await staffView(setup, appointmentId)).toMatchObject({ status: 'booked', version: 1 });
    expect(await salesRowCounts(database, setup.practice.practiceId)).toEqual(before);
    expect(await messagesTo(database, setup.practice.practiceId, 'desk@clinic.test')).toEqual([]);
  });

  it('charges the accepted fee to the card on file through the fee invoice, with the patient as actor', async () => {
    const { setup, patientId, card, cookie } = await arrange({ cancelClosesHoursBefore: 2 });
    const appointmentId = await bookWithCard(app, setup, { patientId, start: LATE }, card.id);
    const cancelled = await cancel(cookie, appointmentId, { acceptCancellationFee: true });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({
      appointment: { status: 'cancelled', cancellationFee: null },
      fee: { status: 'paid', amountCents: 2500, currency: 'USD' },
    });
    expect(cancelled.json().fee.message).toContain('$25.00 was charged to your card');

    const view = await staffView(setup, appointmentId);
    expect(view).toMatchObject({ status: 'cancelled', feePolicy: { cancellationFeeInvoiceId: expect.any(String) } });
    const invoice = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/invoices/${view.feePolicy.cancellationFeeInvoiceId}`,
        headers: setup.practice.owner.headers,
      })
    ).json();
    expect(invoice).toMatchObject({
      kind: 'cancellation_fee',
      status: 'paid',
      createdBy: null,
      patientId,
      payments: [{ method: 'card_on_file', status: 'succeeded', card: { last4: '4242' } }],
    });
    expect(invoice.history[0]).toMatchObject({ type: 'created', actorName: 'Patient, in the portal' });
    expect(await processorCharges(database, setup.practice.practiceId)).toBe(1);

    const trail = await auditTrailOf(database, setup.practice.practiceId);
    expect(trail.filter((event) => event.action === 'appointment.cancelled')).toEqual([
      expect.objectContaining({
        actorType: 'patient',
        actorId: patientId,
        details: expect.objectContaining({ feeAccepted: true, feeCents: 2500, policyVersion: 1 }),
      }),
    ]);
    expect(trail.filter((event) => event.action === 'invoice.create')).toEqual([
      expect.objectContaining({ actorType: 'patient', actorId: patientId }),
    ]);
    const [email] = await messagesTo(database, setup.practice.practiceId, 'desk@clinic.test');
    expect(email?.textBody).toContain('accepted the late cancellation fee of $25.00');
  });

  it('cancels and leaves the fee invoice unpaid when the card is declined, as a staff cancellation does, and tells the patient', async () => {
    const { setup, patientId, cookie } = await arrange({ cancelClosesHoursBefore: 2 });
    const declining = await addCard(app, setup.practice, patientId, 'pm_card_chargeDeclined');
    const appointmentId = await bookWithCard(app, setup, { patientId, start: LATE }, declining.id);
    const cancelled = await cancel(cookie, appointmentId, { acceptCancellationFee: true });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ appointment: { status: 'cancelled' }, fee: { status: 'declined', amountCents: 2500 } });
    expect(cancelled.json().fee.message).toMatch(/card was declined.*Nothing was charged/);
    const view = await staffView(setup, appointmentId);
    const invoice = (
      await app.inject({
        method: 'GET',
        url: `/api/v1/invoices/${view.feePolicy.cancellationFeeInvoiceId}`,
        headers: setup.practice.owner.headers,
      })
    ).json();
    expect(invoice).toMatchObject({ status: 'unpaid', payments: [{ status: 'failed', failureCode: 'generic_decline' }] });
  });

  it("answers 404 for another patient's appointment or an unknown id, and changes nothing", async () => {
    const { setup, cookie } = await arrange();
    const someoneElses = await bookWithCard(app, setup, { start: EARLY });
    for (const appointmentId of [someoneElses, '00000000-0000-4000-8000-000000000000']) {
      const response = await cancel(cookie, appointmentId, { acceptCancellationFee: true });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'not_found', field: 'appointmentId' });
    }
    expect(await staffView(setup, someoneElses)).toMatchObject({ status: 'booked' });
  });

  it('refuses a cancellation once the practice’s cancel window has closed, or of a cancelled appointment, with 409', async () => {
    const { setup, patientId, card, cookie } = await arrange();
    // The default window closes 24 hours before the start; this one starts in 23.
    const late = await bookWithCard(app, setup, { patientId, start: LATE }, card.id);
    expect((await upcoming(cookie)).json().items[0]).toMatchObject({ id: late, actions: { cancel: false }, cancellationFee: null });
    const refused = await cancel(cookie, late, { acceptCancellationFee: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'cancel_window_closed', field: 'appointmentId' });
    expect(refused.json().detail).toContain('24 hours before');
    expect(await staffView(setup, late)).toMatchObject({ status: 'booked' });

    const early = await bookWithCard(app, setup, { patientId, start: EARLY }, card.id);
    expect((await cancel(cookie, early)).statusCode).toBe(200);
    const again = await cancel(cookie, early);
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('invalid_status');
  });

  it('refuses a staff session and a body with the wrong shape, naming the field', async () => {
    const { setup, patientId, card, cookie } = await arrange();
    const appointmentId = await bookWithCard(app, setup, { patientId, start: EARLY }, card.id);
    const asStaff = await app.inject({
      method: 'POST',
      url: `/api/v1/portal/appointments/${appointmentId}/cancel`,
      headers: setup.practice.owner.headers,
      payload: {},
    });
    expect(asStaff.statusCode).toBe(401);
    const notBoolean = await cancel(cookie, appointmentId, { acceptCancellationFee: 'yes' });
    expect(notBoolean.statusCode).toBe(400);
    expect(notBoolean.json().field).toBe('acceptCancellationFee');
    const unknown = await cancel(cookie, appointmentId, { reason: 'busy' });
    expect(unknown.statusCode).toBe(400);
    expect(await staffView(setup, appointmentId)).toMatchObject({ status: 'booked' });
  });

  it('delivers the clinic’s alert by SMTP when SMTP_URL is set', async () => {
    const smtp = await startTestSmtpServer();
    const { setup, patientId, card, cookie } = await arrange();
    const transports = createMessageTransports({ smtp: { url: smtp.url, from: 'Glowdesk <alerts@glow.test>' }, twilio: undefined });
    const worker = createMessageDeliveryWorker({ database, transports, clock, onlyPractices: [setup.practice.practiceId] });
    try {
      const appointmentId = await bookWithCard(app, setup, { patientId, start: EARLY }, card.id);
      expect((await cancel(cookie, appointmentId)).statusCode).toBe(200);
      await worker.deliverDueMessages();
      const received = await smtp.waitForMessages(1);
      const alert = received.find((message) => message.envelopeTo.includes('desk@clinic.test'));
      expect(alert?.parsed?.subject).toBe('Rosa Diaz cancelled an appointment');
      expect(alert?.parsed?.text).toContain('in the patient portal');
    } finally {
      await worker.stop();
      await smtp.stop();
    }
  });
});
