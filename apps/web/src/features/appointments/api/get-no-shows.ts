import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentQueryKeys } from './appointment-query-keys.ts';
import { bookAppointmentListSchema, type BookAppointment } from './appointment-schema.ts';

export interface NoShowsQuery {
  from: string;
  to: string;
  clinicId?: string | undefined;
  providerId?: string | undefined;
}

export async function getNoShows(query: NoShowsQuery, signal?: AbortSignal): Promise<BookAppointment[]> {
  const { items } = await apiRequest('/api/v1/no-shows', bookAppointmentListSchema, { query: { ...query }, signal });
  return items;
}

function newestFirst(items: BookAppointment[]): BookAppointment[] {
  return [...items].sort((a, b) => b.start.localeCompare(a.start));
}

/** No-shows that started in the range, newest first. */
export function useNoShows(query: NoShowsQuery | undefined) {
  return useQuery({
    queryKey: appointmentQueryKeys.noShowList(query),
    queryFn: ({ signal }) => (query ? getNoShows(query, signal) : Promise.resolve([])),
    enabled: query !== undefined,
    placeholderData: keepPreviousData,
    select: newestFirst,
  });
}
