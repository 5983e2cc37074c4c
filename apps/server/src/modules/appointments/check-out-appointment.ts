import type { CheckoutRequest } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { type InvoiceDetail, type OpenedInvoice, throwIfChargingUnderKey } from '../sales/index.ts';
import { audit } from './appointment-audit.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import { lostRequestKeyRace, rememberRequestKey, requestKeyOf, seenRequestKey } from './appointment-request-keys.ts';
import { assertStatus, loadForChange } from './appointment-rules.ts';
import * as repository from './appointments-repository.ts';
import { type AppointmentView, finishView, viewOf } from './build-appointment-views.ts';
import { completeCheckedOutVisitWithin } from './complete-checked-out-visit.ts';

/** The checkout body after zod parsing. */
export type CheckoutInput = Omit<CheckoutRequest, 'currency'> & { currency?: string | undefined };

/** Raised inside the checkout transaction when its Idempotency-Key turns out to be used: replay instead. */
class CheckoutReplay extends Error {}

/**
 * Checks an appointment out: an invoice of its services as booked, products, a discount
 * and the clinic's tax, paid by card on file, a new card or cash. Paid in full, the
 * appointment becomes completed: here, not by sales. Cash and nothing to pay complete it in
 * the transaction that opens the invoice; a card, in the transaction after the charge (a
 * replay of the key completes a paid visit left open). A declined card leaves the invoice
 * unpaid and the appointment as it was (402). Allowed once checked in (or completed without
 * checkout). Sales is reached only through VisitBilling, and never calls back.
 */
export async function checkOutAppointment(
  deps: AppointmentContext,
  actor: StaffActor,
  appointmentId: string,
  input: CheckoutInput,
  requestKey: string | undefined,
  meta: RequestMeta,
): Promise<{ appointment: AppointmentView; invoice: InvoiceDetail; replayed: boolean }> {
  const { database, clock, billing } = deps;
  const keyed = requestKeyOf(requestKey, input);
  const replay = async (): Promise<{ appointment: AppointmentView; invoice: InvoiceDetail; replayed: boolean }> => {
    const draft = await inPractice(database, actor.practiceId, async (tx) => {
      const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId);
      if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
      return viewOf(deps, tx, actor.practiceId, appointment);
    });
    const invoice = draft.invoices.filter((candidate) => candidate.kind === 'service').at(-1);
    if (!invoice)
      throw new ConflictError('The checkout this key started left no invoice.', 'idempotency_key_reused', { field: 'Idempotency-Key' });
    await billing.settleStalePayment(actor, actor.practiceId, invoice.id, meta);
    const detail = await billing.describeInvoice(actor, invoice.id);
    const lastPayment = detail.payments.at(-1);
    if (lastPayment && detail.invoice.status === 'unpaid') {
      throwIfChargingUnderKey(invoice.id, lastPayment, clock.now());
      billing.throwForUnsettledPayment(detail.invoice, lastPayment);
    }
    // Only a replay that answers with the checkout's outcome is one; a refusal above (still
    // charging, declined, unanswered) replayed nothing.
    const after = await inPractice(database, actor.practiceId, async (tx) => {
      if (detail.invoice.status === 'paid') {
        await completeCheckedOutVisitWithin(clock, tx, actor.practiceId, actor, appointmentId, invoice.id, meta);
      }
      const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId);
      if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
      await recordAudit(tx, {
        ...audit(actor, meta, 'invoice.checkout_replayed', null, { patientId: detail.invoice.patientId, number: detail.invoice.number }),
        objectType: 'invoice',
        objectId: detail.invoice.id,
      });
      return viewOf(deps, tx, actor.practiceId, appointment);
    });
    return { appointment: finishView(after), invoice: detail, replayed: true };
  };

  const peek = await inPractice(database, actor.practiceId, async (tx) => ({
    appointment: await repository.findAppointment(tx, actor.practiceId, appointmentId),
    replayed: await seenRequestKey(tx, actor, keyed, 'checkout', appointmentId),
  }));
  if (!peek.appointment) throw new NotFoundError('Appointment', 'appointmentId');
  if (peek.replayed) return replay();
  const patientId = peek.appointment.patientId;
  if (peek.appointment.kind !== 'appointment' || !patientId) {
    throw new ConflictError('An out-of-office block has nothing to check out.', 'invalid_status', { field: 'kind' });
  }
  const payment = await billing.resolvePayment(actor, patientId, input.payment, meta);

  let opened: OpenedInvoice;
  try {
    opened = await inPractice(database, actor.practiceId, async (tx) => {
      const appointment = await loadForChange(deps, tx, actor, appointmentId);
      if (await seenRequestKey(tx, actor, keyed, 'checkout', appointmentId)) throw new CheckoutReplay();
      if (appointment.status === 'booked' || appointment.status === 'confirmed') {
        throw new ConflictError('Check the patient in before checking out.', 'not_checked_in', { field: 'status' });
      }
      assertStatus(appointment, ['checked_in', 'in_procedure', 'completed'], 'check out');
      const existing = ((await billing.invoicesOfAppointmentsWithin(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? []).find(
        (invoice) => invoice.kind === 'service' && invoice.voidedAt === null,
      );
      if (existing) {
        throw new ConflictError(
          `This appointment was already checked out on invoice #${existing.number}. Pay it from Sales, or void it to check out again.`,
          'already_checked_out',
          { field: 'appointmentId', extensions: { invoiceId: existing.id } },
        );
      }
      const services = (await repository.listServicesOf(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? [];
      const currencies = new Set(services.map((service) => service.currency));
      const [currency] = currencies;
      if (!currency || currencies.size > 1) {
        throw new ConflictError(
          'The appointment’s services are priced in different currencies; check them out separately.',
          'mixed_currencies',
          {
            field: 'appointmentId',
          },
        );
      }
      if (input.currency !== undefined && input.currency !== currency) {
        throw new ValidationError(`The appointment is priced in ${currency}, not ${input.currency}.`, {
          field: 'currency',
          code: 'currency_mismatch',
        });
      }
      const invoice = await billing.openCheckoutInvoiceWithin(
        tx,
        actor,
        {
          appointmentId,
          patientId,
          clinicId: appointment.clinicId,
          currency,
          services: services.map((service) => ({
            serviceId: service.serviceId,
            name: service.serviceName,
            priceCents: service.priceCents,
          })),
          products: input.products ?? [],
          discount: input.discount,
          walletSales: input.walletSales ?? [],
          prepaidServiceIds: input.prepaidServiceIds ?? [],
          payment,
        },
        meta,
      );
      await repository.insertEvent(tx, actor.practiceId, {
        appointmentId,
        actorStaffId: actor.staffId,
        type: 'checked_out',
        details: {
          invoiceId: invoice.invoice.id,
          invoiceNumber: invoice.invoice.number,
          totalCents: invoice.invoice.totalCents,
          method: payment.method,
        },
        occurredAt: clock.now(),
      });
      await recordAudit(
        tx,
        audit(actor, meta, 'appointment.checkout', appointment, { invoiceId: invoice.invoice.id, method: payment.method }),
      );
      if (invoice.invoice.status === 'paid') {
        await completeCheckedOutVisitWithin(clock, tx, actor.practiceId, actor, appointmentId, invoice.invoice.id, meta);
      }
      await rememberRequestKey(deps, tx, actor, keyed, 'checkout', appointmentId);
      return invoice;
    });
  } catch (error) {
    if (error instanceof CheckoutReplay || (await lostRequestKeyRace(deps, actor, keyed, 'checkout', appointmentId, error)))
      return replay();
    throw error;
  }

  const charged = opened.pendingPayment ? await billing.chargePayment(actor, actor.practiceId, opened.pendingPayment.id, meta) : undefined;
  const detail = await billing.describeInvoice(actor, opened.invoice.id);
  if (charged) billing.throwForUnsettledPayment(detail.invoice, charged.payment);
  const after = await inPractice(database, actor.practiceId, async (tx) => {
    if (charged?.invoice.status === 'paid') {
      await completeCheckedOutVisitWithin(clock, tx, actor.practiceId, actor, appointmentId, opened.invoice.id, meta);
    }
    const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId);
    if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
    return viewOf(deps, tx, actor.practiceId, appointment);
  });
  return { appointment: finishView(after), invoice: detail, replayed: false };
}
