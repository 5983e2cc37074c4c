import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { appointmentQueryKeys } from '../../appointments/api/appointment-query-keys.ts';
import { getAppointments } from '../../appointments/api/get-appointments.ts';

const DAY_MS = 86_400_000;
/** The server lists at most 93 days at a time; a profile reads the visits in windows of that size. */
export const APPOINTMENT_WINDOW_DAYS = 93;

/** The patient's appointments from now to 93 days ahead, soonest first. */
export function useUpcomingPatientAppointments(patientId: string, nowMs: number) {
  const from = new Date(nowMs).toISOString();
  const to = new Date(nowMs + APPOINTMENT_WINDOW_DAYS * DAY_MS).toISOString();
  return useQuery({
    queryKey: appointmentQueryKeys.patientVisits(patientId, 'upcoming', from.slice(0, 13)),
    queryFn: ({ signal }) => getAppointments({ patientId, from, to }, signal),
    select: (items) => items.filter((item) => Date.parse(item.start) >= nowMs).sort((a, b) => a.start.localeCompare(b.start)),
  });
}

/** Past appointments, newest first, one 93-day window per page going back. */
export function usePastPatientAppointments(patientId: string, nowMs: number) {
  return useInfiniteQuery({
    queryKey: appointmentQueryKeys.patientVisits(patientId, 'past', new Date(nowMs).toISOString().slice(0, 13)),
    initialPageParam: nowMs,
    queryFn: async ({ pageParam, signal }) => {
      const windowStartMs = pageParam - APPOINTMENT_WINDOW_DAYS * DAY_MS;
      const items = await getAppointments(
        { patientId, from: new Date(windowStartMs).toISOString(), to: new Date(pageParam).toISOString() },
        signal,
      );
      // The server lists overlaps; keep each visit in the window it starts in, so none shows twice.
      const startedInWindow = items.filter((item) => Date.parse(item.start) >= windowStartMs && Date.parse(item.start) < pageParam);
      return { windowEndMs: pageParam, items: startedInWindow.sort((a, b) => b.start.localeCompare(a.start)) };
    },
    getNextPageParam: (lastPage) => lastPage.windowEndMs - APPOINTMENT_WINDOW_DAYS * DAY_MS,
  });
}
