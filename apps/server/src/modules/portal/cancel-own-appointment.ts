import type { FeeOutcome, PortalCancellation, PortalFeeCharge } from '@glowdesk/contracts';
import type { PatientWithProfile } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { AppointmentsService } from '../appointments/index.ts';
import type { PatientsService } from '../patients/index.ts';
import { formatMoney } from '../sales/index.ts';
import { findBookingPortalSettings } from './booking-portal-repository.ts';
import { closedWindowMessage, isWindowOpen } from './booking-portal-rules.ts';
import { describeOwnAppointmentWithin } from './describe-own-appointments.ts';
import { recordPortalAppointmentChange } from './record-portal-appointment-change.ts';

/**
 * The portal's Cancel: the patient cancels their own booked or confirmed appointment while
 * the practice's cancel window is open (409 `cancel_window_closed` after). Inside the
 * cancellation-fee window of the policy the patient agreed to at booking, the appointment
 * shows the fee and its policy (`cancellationFee`), and cancelling requires
 * `acceptCancellationFee: true`; the fee is then charged to the card on file. As a staff
 * cancellation with a fee does, a declined card leaves the appointment cancelled and the fee
 * invoice unpaid for the front desk; the answer tells the patient. The staff book shows the
 * cancellation at once, and the clinic's Notification Email and SMS number get an alert.
 */
export async function cancelOwnAppointment(
  deps: {
    database: Database;
    clock: Clock;
    patients: Pick<PatientsService, 'findPatientWithin'>;
    appointments: Pick<AppointmentsService, 'cancelAsPatient' | 'patientCancellationFeesWithin'>;
  },
  actor: PatientWithProfile,
  appointmentId: string,
  input: { acceptCancellationFee: boolean },
  meta: RequestMeta,
): Promise<PortalCancellation> {
  const { practiceId, patientId } = actor;
  const patient = { kind: 'patient' as const, practiceId, patientId };
  const now = deps.clock.now();
  const windows = await inPractice(
    deps.database,
    practiceId,
    async (tx) => (await findBookingPortalSettings(tx, practiceId)).patientActions,
  );
  const { fee } = await deps.appointments.cancelAsPatient(
    patient,
    appointmentId,
    {
      acceptCancellationFee: input.acceptCancellationFee,
      window: {
        isOpen: (startsAt) => isWindowOpen(windows.cancel, startsAt, now),
        closedMessage: closedWindowMessage('cancel', windows.cancel),
      },
      afterChange: (tx, appointment, cancellationFee) =>
        recordPortalAppointmentChange(
          deps,
          tx,
          actor,
          appointment,
          { action: 'cancelled', fee: cancellationFee },
          meta,
          cancellationFee
            ? {
                feeAccepted: true,
                feeCents: cancellationFee.amountCents,
                feeCurrency: cancellationFee.currency,
                policyVersion: cancellationFee.policy.version,
              }
            : {},
        ),
    },
    meta,
  );
  const appointment = await inPractice(deps.database, practiceId, async (tx) => {
    return describeOwnAppointmentWithin(tx, practiceId, appointmentId, {
      windows,
      now: deps.clock.now(),
      fees: deps.appointments,
      patientId,
    });
  });
  return { appointment, fee: fee ? toPortalFeeCharge(fee) : null };
}

/** The fee's outcome as the patient reads it (the staff wording speaks of Sales and invoices). */
export function toPortalFeeCharge(fee: FeeOutcome): PortalFeeCharge {
  const amount = formatMoney(fee.amountCents, fee.currency);
  const message = (() => {
    switch (fee.status) {
      case 'paid':
        return `Your appointment is cancelled. The late cancellation fee of ${amount} was charged to your card on file.`;
      case 'declined':
        return `Your appointment is cancelled, but your card was declined for the late cancellation fee of ${amount}. Nothing was charged; the clinic will contact you about the fee.`;
      case 'authentication_required':
        return `Your appointment is cancelled, but your bank asked to approve the late cancellation fee of ${amount}, so nothing was charged. The clinic will contact you about the fee.`;
      case 'pending':
        return `Your appointment is cancelled. The late cancellation fee of ${amount} is still being processed by your card's bank; it is never charged twice.`;
      case 'failed':
        return `Your appointment is cancelled, but the late cancellation fee of ${amount} could not be charged. The clinic will contact you about the fee.`;
    }
  })();
  return { status: fee.status, amountCents: fee.amountCents, currency: fee.currency, message };
}
