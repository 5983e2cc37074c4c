import type { PortalAppointment } from '@glowdesk/contracts';
import type { PatientWithProfile } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { type AppointmentsService, findPatientAppointmentWithin } from '../appointments/index.ts';
import type { PatientsService } from '../patients/index.ts';
import type { PracticeService } from '../practice/index.ts';
import { findBookingPortalSettings } from './booking-portal-repository.ts';
import { closedWindowMessage, earliestNewStartMessage, isWindowOpen } from './booking-portal-rules.ts';
import { describeOwnAppointmentWithin } from './describe-own-appointments.ts';
import { recordPortalAppointmentChange } from './record-portal-appointment-change.ts';

/**
 * The portal's Reschedule: the patient moves their own booked or confirmed appointment to a
 * new start for the same services, with the provider they chose or, when they left it to
 * the practice, the current provider if free then and otherwise another provider at the
 * clinic who is. The appointments module books the new time under the staff reschedule's
 * rules (a taken time is a 409 "that time was just taken"); the reschedule window applies to
 * both the old start and the new one. The staff book shows the move at once, and the
 * clinic's Notification Email and SMS number get an alert.
 */
export async function rescheduleOwnAppointment(
  deps: {
    database: Database;
    clock: Clock;
    patients: Pick<PatientsService, 'findPatientWithin'>;
    appointments: Pick<AppointmentsService, 'rescheduleAsPatient' | 'patientCancellationFeesWithin'>;
    availability: Pick<PracticeService['availability'], 'findUnoccupiedProviders'>;
  },
  actor: PatientWithProfile,
  appointmentId: string,
  input: { start: string; providerId?: string | undefined },
  meta: RequestMeta,
): Promise<PortalAppointment> {
  const { practiceId, patientId } = actor;
  const patient = { kind: 'patient' as const, practiceId, patientId };
  const now = deps.clock.now();
  const start = new Date(input.start);
  const { windows, current } = await inPractice(deps.database, practiceId, async (tx) => ({
    windows: (await findBookingPortalSettings(tx, practiceId)).patientActions,
    current: await findPatientAppointmentWithin(tx, practiceId, patientId, appointmentId),
  }));
  if (!current) throw new NotFoundError('Appointment', 'appointmentId');
  const providerId = input.providerId ?? (await chooseFreeProvider(deps, practiceId, current, start));
  await deps.appointments.rescheduleAsPatient(patient, appointmentId, {
    start,
    providerId,
    window: {
      isOpen: (startsAt) => isWindowOpen(windows.reschedule, startsAt, now),
      closedMessage: closedWindowMessage('reschedule', windows.reschedule),
      earliestStartMessage: earliestNewStartMessage(windows.reschedule),
    },
    afterChange: (tx, before, after) =>
      recordPortalAppointmentChange(
        deps,
        tx,
        actor,
        after,
        { action: 'rescheduled', previousStartsAt: before.startsAt, providerChanged: before.providerId !== after.providerId },
        meta,
        {
          from: before.startsAt.toISOString(),
          to: after.startsAt.toISOString(),
          ...(before.providerId !== after.providerId ? { fromProviderId: before.providerId, toProviderId: after.providerId } : {}),
        },
      ),
  });
  return inPractice(deps.database, practiceId, async (tx) => {
    return describeOwnAppointmentWithin(tx, practiceId, appointmentId, {
      windows,
      now: deps.clock.now(),
      fees: deps.appointments,
      patientId,
    });
  });
}

/**
 * "Any provider": the appointment's own provider when free at the new start, otherwise the
 * first provider at the clinic (book order) who could take the services then. When nobody
 * looks free, the current provider is tried anyway: their own appointment may be what looks
 * busy, and the booking's own checks give the final answer.
 */
async function chooseFreeProvider(
  deps: { availability: Pick<PracticeService['availability'], 'findUnoccupiedProviders'> },
  practiceId: string,
  appointment: { clinicId: string; providerId: string; serviceIds: string[]; mode: 'in_person' | 'virtual' | null },
  start: Date,
): Promise<string> {
  const { providers } = await deps.availability.findUnoccupiedProviders(
    { practiceId },
    { clinicId: appointment.clinicId, serviceIds: appointment.serviceIds, mode: appointment.mode ?? undefined, start },
  );
  if (providers.some((provider) => provider.id === appointment.providerId)) return appointment.providerId;
  return providers[0]?.id ?? appointment.providerId;
}
