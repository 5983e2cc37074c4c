import type { AppointmentStatus } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { appointmentQueryKeys } from '../../appointments/api/appointment-query-keys.ts';
import { getAppointments } from '../../appointments/api/get-appointments.ts';

const DAY_MS = 86_400_000;
/** The server lists at most 93 days at a time. */
const WINDOW_DAYS = 93;
/** A booking a procedure can be attached to: not cancelled, not a no-show, not completed. */
const scheduledStatuses: ReadonlySet<AppointmentStatus> = new Set(['booked', 'confirmed', 'checked_in', 'in_procedure']);

/**
 * The patient's scheduled bookings for step 2 of a new procedure, soonest first: from a day
 * ago (a visit checked in this morning is still open) to 93 days ahead.
 */
export function usePatientScheduledBookings(patientId: string | null, nowMs: number) {
  const from = new Date(nowMs - DAY_MS).toISOString();
  const to = new Date(nowMs - DAY_MS + WINDOW_DAYS * DAY_MS).toISOString();
  return useQuery({
    queryKey: appointmentQueryKeys.patientVisits(patientId ?? 'none', 'upcoming', `emr-${from.slice(0, 13)}`),
    queryFn: ({ signal }) => getAppointments({ patientId: patientId ?? undefined, from, to }, signal),
    enabled: patientId !== null,
    select: (items) =>
      items
        .filter((item) => item.kind === 'appointment' && scheduledStatuses.has(item.status))
        .sort((a, b) => a.start.localeCompare(b.start)),
  });
}
