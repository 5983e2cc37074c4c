import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentQueryKeys, type AppointmentListFilter } from './appointment-query-keys.ts';
import { bookAppointmentListSchema, type BookAppointment } from './appointment-schema.ts';

export type AppointmentsQuery = AppointmentListFilter;

export async function getAppointments(query: AppointmentsQuery, signal?: AbortSignal): Promise<BookAppointment[]> {
  const { items } = await apiRequest('/api/v1/appointments', bookAppointmentListSchema, { query: { ...query }, signal });
  return items;
}

/**
 * Appointments overlapping the range; the previous range stays on screen while the next loads.
 * The book's change token (useBookChangeSignal) refetches them within seconds of any change to
 * an appointment; the slow interval still picks up what lives outside the appointment rows
 * (a patient's name, forms signed since, a first visit).
 */
export function useAppointments(query: AppointmentsQuery | undefined) {
  return useQuery({
    queryKey: query ? appointmentQueryKeys.list(query) : [...appointmentQueryKeys.lists(), 'none'],
    queryFn: ({ signal }) => (query ? getAppointments(query, signal) : Promise.resolve([])),
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
    refetchInterval: 60_000,
  });
}
