import type { PortalAppointment } from '@glowdesk/contracts';
import type { PatientWithProfile } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { confirmAppointmentAsPatientWithin } from '../appointments/index.ts';
import type { PatientsService } from '../patients/index.ts';
import { findBookingPortalSettings } from './booking-portal-repository.ts';
import { closedWindowMessage, isWindowOpen } from './booking-portal-rules.ts';
import { type CancellationFeeSource, describeOwnAppointmentWithin } from './describe-own-appointments.ts';
import { recordPortalAppointmentChange } from './record-portal-appointment-change.ts';

/**
 * The portal's Confirm: the patient confirms their own booked appointment through the
 * appointments module; the staff book shows it confirmed at once, and the clinic's
 * Notification Email and SMS number (when set) get an alert. Confirming again changes
 * nothing and alerts nobody. Once the practice's confirm window has closed (Settings →
 * Booking Portal), or when it does not offer Confirm online, a booked appointment is a 409.
 */
export async function confirmOwnAppointment(
  deps: { database: Database; clock: Clock; patients: Pick<PatientsService, 'findPatientWithin'>; appointments: CancellationFeeSource },
  actor: PatientWithProfile,
  appointmentId: string,
  meta: RequestMeta,
): Promise<PortalAppointment> {
  const { practiceId, patientId } = actor;
  const now = deps.clock.now();
  return inPractice(deps.database, practiceId, async (tx) => {
    const settings = await findBookingPortalSettings(tx, practiceId);
    const window = settings.patientActions.confirm;
    const { appointment, changed } = await confirmAppointmentAsPatientWithin(tx, { practiceId, patientId }, appointmentId, now, {
      isOpen: (startsAt) => isWindowOpen(window, startsAt, now),
      closedMessage: closedWindowMessage('confirm', window),
    });
    if (changed) await recordPortalAppointmentChange(deps, tx, actor, appointment, { action: 'confirmed' }, meta);
    return describeOwnAppointmentWithin(tx, practiceId, appointmentId, {
      windows: settings.patientActions,
      now,
      fees: deps.appointments,
      patientId,
    });
  });
}
