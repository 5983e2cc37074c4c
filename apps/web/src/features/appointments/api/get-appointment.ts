import { appointmentHistorySchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentQueryKeys } from './appointment-query-keys.ts';
import { bookAppointmentSchema, type BookAppointment } from './appointment-schema.ts';

export function getAppointment(appointmentId: string, signal?: AbortSignal): Promise<BookAppointment> {
  return apiRequest(`/api/v1/appointments/${encodeURIComponent(appointmentId)}`, bookAppointmentSchema, { signal });
}

/** One appointment, fresh: the drawer acts on its current status and version. */
export function useAppointment(appointmentId: string | null) {
  return useQuery({
    queryKey: appointmentQueryKeys.detail(appointmentId ?? 'none'),
    queryFn: ({ signal }) => getAppointment(appointmentId ?? '', signal),
    enabled: appointmentId !== null,
    staleTime: 0,
  });
}

export function getAppointmentHistory(appointmentId: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/appointments/${encodeURIComponent(appointmentId)}/history`, appointmentHistorySchema, { signal });
}

/** Every change to the appointment, oldest first. */
export function useAppointmentHistory(appointmentId: string, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: appointmentQueryKeys.history(appointmentId),
    queryFn: ({ signal }) => getAppointmentHistory(appointmentId, signal),
    enabled,
    select: (history) => history.items,
  });
}
