import type { PortalAppointment, PortalAppointmentScope } from '@glowdesk/contracts';
import { portalAuditActor, type PatientWithProfile } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { listPatientAppointmentsWithin } from '../appointments/index.ts';
import { findBookingPortalSettings } from './booking-portal-repository.ts';
import { type CancellationFeeSource, describeOwnAppointmentsWithin } from './describe-own-appointments.ts';

/** More than a patient of a clinic has in years; the portal shows no more at once. */
const MAX_APPOINTMENTS_LISTED = 200;

/**
 * The signed-in patient's own appointments, upcoming or past, with clinic and provider
 * names; audited as the patient's read of each one listed.
 */
export async function listOwnAppointments(
  deps: { database: Database; clock: Clock; appointments: CancellationFeeSource },
  actor: PatientWithProfile,
  scope: PortalAppointmentScope,
  meta: RequestMeta,
): Promise<PortalAppointment[]> {
  const { practiceId, patientId } = actor;
  const now = deps.clock.now();
  return inPractice(deps.database, practiceId, async (tx) => {
    const appointments = await listPatientAppointmentsWithin(tx, practiceId, patientId, { scope, now, limit: MAX_APPOINTMENTS_LISTED });
    const settings = await findBookingPortalSettings(tx, practiceId);
    await recordAudit(tx, {
      practiceId,
      ...portalAuditActor(actor),
      action: 'appointment.list',
      objectType: 'patient',
      objectId: patientId,
      ip: meta.ip,
      requestId: meta.requestId,
      details: { via: 'portal', scope, appointmentIds: appointments.map((appointment) => appointment.id) },
    });
    return describeOwnAppointmentsWithin(tx, practiceId, appointments, {
      windows: settings.patientActions,
      now,
      fees: deps.appointments,
      patientId,
    });
  });
}
