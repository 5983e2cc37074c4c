import type { FeeOutcome } from '@glowdesk/contracts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import type { OpenedInvoice } from '../sales/index.ts';
import { snapshot } from './appointment-audit.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import { assessFee, chargeOpenedFee, type FeePlan, openFee } from './appointment-fee-actions.ts';
import * as repository from './appointments-repository.ts';
import type { AppointmentRecord } from './appointments-repository.ts';
import { announceAppointmentCancelled } from './booking-observers.ts';
import { type PatientCancellationFee, toPatientCancellationFee } from './patient-cancellation-fees.ts';

/** The reason the book shows for a cancellation made in the portal. */
export const PORTAL_CANCELLATION_REASON = 'Cancelled by the patient in the portal';

/** What the portal asks of a patient's cancellation, and does in its transaction. */
export interface PatientCancellationRequest {
  /** The patient saw the late cancellation fee and its policy and accepted them. */
  acceptCancellationFee: boolean;
  /** The practice's cancel window (Settings → Booking Portal). */
  window: { isOpen(startsAt: Date): boolean; closedMessage: string };
  /** The portal's own records of the change (the clinic's alert, the patient's audit), in the same transaction. */
  afterChange(tx: Transaction, appointment: AppointmentRecord, fee: PatientCancellationFee | null): Promise<void>;
}

export interface PatientCancellation {
  appointmentId: string;
  /** The fee charged to the card on file, when one was due: paid, or declined (the invoice stays unpaid). */
  fee: FeeOutcome | null;
}

/**
 * A patient cancels their own booked or confirmed appointment in the portal. Another
 * patient's appointment, a block or an unknown id is a 404; a cancellation after the
 * practice's cancel window is a 409 `cancel_window_closed`. Inside the cancellation-fee
 * window of the policy the patient agreed to when their card was taken, the fee is due: the
 * patient must have accepted it (400 naming `acceptCancellationFee` otherwise, nothing
 * written). As with a staff cancellation with a fee, the cancellation and the fee invoice
 * commit together and the card is charged after: a declined card leaves the appointment
 * cancelled and the fee invoice unpaid for the front desk, and the answer says so.
 */
export async function cancelAppointmentAsPatient(
  deps: AppointmentContext,
  patient: PatientBillingActor,
  appointmentId: string,
  request: PatientCancellationRequest,
  meta: RequestMeta,
): Promise<PatientCancellation> {
  const { database, clock, bookingObservers: observers } = deps;
  const { practiceId, patientId } = patient;
  let opened: OpenedInvoice | undefined;
  await inPractice(database, practiceId, async (tx) => {
    opened = undefined;
    const now = clock.now();
    const before = await repository.findAppointment(tx, practiceId, appointmentId, { forUpdate: true });
    if (!before || before.kind !== 'appointment' || before.patientId !== patientId) throw new NotFoundError('Appointment', 'appointmentId');
    if (before.status !== 'booked' && before.status !== 'confirmed') {
      throw new ConflictError(`This appointment is ${before.status.replace('_', ' ')} and can no longer be cancelled.`, 'invalid_status', {
        field: 'appointmentId',
      });
    }
    if (!request.window.isOpen(before.startsAt)) {
      throw new ConflictError(request.window.closedMessage, 'cancel_window_closed', { field: 'appointmentId' });
    }
    const services = (await repository.listServicesOf(tx, practiceId, [appointmentId])).get(appointmentId) ?? [];
    const assessed = await assessFee(deps, tx, practiceId, before, services, 'cancellation_fee');
    const plan: FeePlan | undefined = assessed.due ? assessed.plan : undefined;
    const fee = plan ? await toPatientCancellationFee(deps, tx, practiceId, plan) : null;
    if (fee && !request.acceptCancellationFee) {
      throw new ValidationError(
        `Cancelling now, within ${fee.windowHours} hours of the start, charges the late cancellation fee of ${fee.amountLabel} to your card on file. Accept the cancellation policy to cancel.`,
        { field: 'acceptCancellationFee', code: 'cancellation_fee_not_accepted' },
      );
    }
    await repository.releaseClaims(tx, practiceId, appointmentId);
    const after = await repository.updateAppointment(
      tx,
      practiceId,
      appointmentId,
      { status: 'cancelled', cancellationReason: PORTAL_CANCELLATION_REASON, cancelledAt: now },
      now,
    );
    await repository.insertEvent(tx, practiceId, {
      appointmentId,
      actorStaffId: null,
      type: 'cancelled',
      before: snapshot(before),
      after: snapshot(after),
      details: {
        by: 'patient',
        patientId,
        reason: PORTAL_CANCELLATION_REASON,
        feeRequested: plan !== undefined,
        ...(plan ? { feeCents: plan.amountCents, feeCurrency: plan.currency, feeAccepted: true } : {}),
      },
      occurredAt: now,
    });
    await announceAppointmentCancelled(observers, tx, practiceId, { id: appointmentId });
    if (plan) opened = await openFee(deps, tx, patient, after, plan, meta);
    await request.afterChange(tx, after, fee);
  });
  const fee = opened ? await chargeOpenedFee(deps, patient, opened, meta) : null;
  return { appointmentId, fee };
}
