import { portalAuditActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import { notifyClinicOfPatientAction } from '../notifications/index.ts';
import type { PatientsService } from '../patients/index.ts';
import { findClinicContactWithin } from '../practice/index.ts';

export type PortalAppointmentChange =
  | { action: 'booked'; serviceNames: string[]; card: { brand: string; last4: string } | null }
  | { action: 'confirmed' }
  | { action: 'cancelled'; fee: { amountLabel: string } | null }
  | { action: 'rescheduled'; previousStartsAt: Date; providerChanged: boolean };

/**
 * What every change a patient makes to an appointment in the portal leaves behind, in the
 * change's transaction: an alert to the clinic's Notification Email and SMS Notification
 * number (each when set; once per appointment version) and an audit entry with the patient
 * who signed in as actor (a guardian, when the appointment is a dependant's).
 */
export async function recordPortalAppointmentChange(
  deps: { patients: Pick<PatientsService, 'findPatientWithin'> },
  tx: Transaction,
  actor: { practiceId: string; patientId: string; signedInPatientId?: string },
  appointment: { id: string; clinicId: string; startsAt: Date; version: number },
  change: PortalAppointmentChange,
  meta: RequestMeta,
  details: Record<string, unknown> = {},
): Promise<void> {
  const { practiceId, patientId } = actor;
  const patient = await deps.patients.findPatientWithin(tx, practiceId, patientId);
  const clinic = await findClinicContactWithin(tx, practiceId, appointment.clinicId);
  const name = patient ? `${patient.firstName} ${patient.lastName}` : 'A patient';
  const timeZone = clinic?.timezone ?? 'UTC';
  const when = (instant: Date) => instant.toLocaleString('en-US', { timeZone, dateStyle: 'full', timeStyle: 'short' });
  const text = (() => {
    switch (change.action) {
      case 'booked':
        return (
          `${name} booked ${change.serviceNames.join(', ') || 'an appointment'} on ${when(appointment.startsAt)} on the online booking page.` +
          (change.card
            ? ` They gave their ${change.card.brand} card ending ${change.card.last4} and accepted the cancellation policy.`
            : '')
        );
      case 'confirmed':
        return `${name} confirmed the appointment on ${when(appointment.startsAt)} in the patient portal.`;
      case 'cancelled':
        return (
          `${name} cancelled the appointment on ${when(appointment.startsAt)} in the patient portal.` +
          (change.fee ? ` They accepted the late cancellation fee of ${change.fee.amountLabel}, charged to the card on file.` : '')
        );
      case 'rescheduled':
        return (
          `${name} moved the appointment on ${when(change.previousStartsAt)} to ${when(appointment.startsAt)} in the patient portal.` +
          (change.providerChanged ? ' The provider changed too.' : '')
        );
    }
  })();
  await notifyClinicOfPatientAction(tx, practiceId, appointment.clinicId, {
    subject: `${name} ${change.action} an appointment`,
    text,
    patientId,
    appointmentId: appointment.id,
    dedupeKey: `portal:${change.action}:${appointment.id}:v${appointment.version}`,
  });
  await recordAudit(tx, {
    practiceId,
    ...portalAuditActor({ ...actor, signedInPatientId: actor.signedInPatientId ?? actor.patientId }),
    action: `appointment.${change.action}`,
    objectType: 'appointment',
    objectId: appointment.id,
    ip: meta.ip,
    requestId: meta.requestId,
    details: { via: 'portal', patientId, ...details },
  });
}
