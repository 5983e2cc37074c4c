import type { PortalRescheduleAvailability } from '@glowdesk/contracts';
import type { PatientActor } from '../../platform/auth/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { ConflictError, NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { findPatientAppointmentWithin } from '../appointments/index.ts';
import { findProviderNameWithin, type PracticeService } from '../practice/index.ts';
import { findBookingPortalSettings } from './booking-portal-repository.ts';
import { closedWindowMessage, isWindowOpen, openPortalActions } from './booking-portal-rules.ts';

/**
 * The times the patient may move their own appointment to, within [from, to): the
 * availability engine's open starts for the appointment's services and mode at its clinic
 * (the staff availability search), with the given provider or any, keeping only starts the
 * practice's reschedule window allows. 404 for another patient's appointment; 409 when the
 * appointment can no longer be rescheduled online.
 */
export async function findRescheduleTimes(
  deps: { database: Database; clock: Clock; availability: Pick<PracticeService['availability'], 'searchOpenSlots'> },
  actor: PatientActor & { patientId: string },
  appointmentId: string,
  query: { from: string; to: string; providerId?: string | undefined },
): Promise<PortalRescheduleAvailability> {
  const { practiceId, patientId } = actor;
  const now = deps.clock.now();
  const { windows, appointment } = await inPractice(deps.database, practiceId, async (tx) => ({
    windows: (await findBookingPortalSettings(tx, practiceId)).patientActions,
    appointment: await findPatientAppointmentWithin(tx, practiceId, patientId, appointmentId),
  }));
  if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
  if (!openPortalActions(windows, appointment, now).reschedule) {
    const code = ['booked', 'confirmed'].includes(appointment.status) ? 'reschedule_window_closed' : 'invalid_status';
    const message =
      code === 'invalid_status'
        ? `This appointment is ${appointment.status.replace('_', ' ')} and can no longer be rescheduled.`
        : closedWindowMessage('reschedule', windows.reschedule);
    throw new ConflictError(message, code, { field: 'appointmentId' });
  }
  const result = await deps.availability.searchOpenSlots(
    { practiceId },
    {
      clinicId: appointment.clinicId,
      serviceIds: appointment.serviceIds,
      providerId: query.providerId,
      mode: appointment.mode ?? undefined,
      from: new Date(query.from),
      to: new Date(query.to),
    },
  );
  const slots = result.slots.filter((slot) => slot.start > now.getTime() && isWindowOpen(windows.reschedule, new Date(slot.start), now));
  const providerIds = [...new Set(slots.flatMap((slot) => slot.providerIds))];
  const providers = await inPractice(deps.database, practiceId, async (tx) => {
    const named: { id: string; name: string }[] = [];
    for (const id of providerIds) named.push({ id, name: (await findProviderNameWithin(tx, practiceId, id)) ?? '' });
    return named;
  });
  return {
    appointmentId,
    clinicId: result.clinic.id,
    timezone: result.clinic.timezone,
    slots: slots.map((slot) => ({
      start: new Date(slot.start).toISOString(),
      end: new Date(slot.end).toISOString(),
      providerIds: slot.providerIds,
    })),
    providers,
  };
}
