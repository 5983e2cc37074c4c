import { appointmentChangesSchema, type AppointmentChanges } from '@glowdesk/contracts';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentQueryKeys, refetchAfterBookChangedElsewhere } from './appointment-query-keys.ts';

/** How often an open book asks whether anything changed (decision 022). */
export const BOOK_CHANGES_POLL_MS = 5_000;

export function getBookChanges(signal?: AbortSignal): Promise<AppointmentChanges> {
  return apiRequest('/api/v1/appointments/changes', appointmentChangesSchema, { signal });
}

/**
 * Reads the token and, when it differs from the one held, refetches the book's queries. The
 * first answer only records the token: the book has just loaded its lists.
 */
export async function checkBookChanges(queryClient: QueryClient, signal?: AbortSignal): Promise<AppointmentChanges> {
  const previous = queryClient.getQueryData<AppointmentChanges>(appointmentQueryKeys.bookChanges());
  const next = await getBookChanges(signal);
  if (previous && previous.token !== next.token) void refetchAfterBookChangedElsewhere(queryClient);
  return next;
}

/**
 * Keeps an open book current with changes made elsewhere (another desk, the patient portal):
 * polls the change token every few seconds while the tab is visible (TanStack Query pauses
 * the interval in a hidden tab and checks at once when it returns to focus).
 */
export function useBookChangeSignal(enabled: boolean): void {
  const queryClient = useQueryClient();
  useQuery({
    queryKey: appointmentQueryKeys.bookChanges(),
    queryFn: ({ signal }) => checkBookChanges(queryClient, signal),
    enabled,
    staleTime: 0,
    refetchInterval: BOOK_CHANGES_POLL_MS,
    refetchIntervalInBackground: false,
  });
}
