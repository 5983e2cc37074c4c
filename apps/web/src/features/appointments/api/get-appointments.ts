import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentListsKey, bookAppointmentListSchema, type BookAppointment } from './appointment-schema.ts';

export interface AppointmentsQuery {
  clinicId?: string | undefined;
  providerId?: string | undefined;
  patientId?: string | undefined;
  /** Instants; the server takes at most 93 days. */
  from: string;
  to: string;
}

export function appointmentsQueryKey(query: AppointmentsQuery) {
  return [...appointmentListsKey, query.clinicId ?? null, query.providerId ?? null, query.patientId ?? null, query.from, query.to] as const;
}

export async function getAppointments(query: AppointmentsQuery, signal?: AbortSignal): Promise<BookAppointment[]> {
  const { items } = await apiRequest('/api/v1/appointments', bookAppointmentListSchema, { query: { ...query }, signal });
  return items;
}

/** Appointments overlapping the range; the previous range stays on screen while the next loads. */
export function useAppointments(query: AppointmentsQuery | undefined) {
  return useQuery({
    queryKey: query ? appointmentsQueryKey(query) : [...appointmentListsKey, 'none'],
    queryFn: ({ signal }) => (query ? getAppointments(query, signal) : Promise.resolve([])),
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    refetchInterval: 60_000,
  });
}
