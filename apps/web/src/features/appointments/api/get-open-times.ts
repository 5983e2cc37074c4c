import { availabilitySchema, type VisitMode } from '@glowdesk/contracts';
import { keepPreviousData, skipToken, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentQueryKeys } from './appointment-query-keys.ts';

export interface OpenTimesQuery {
  clinicId: string;
  /** Booked back to back, in order; or a package. */
  serviceIds?: string[] | undefined;
  packageId?: string | undefined;
  /** One provider's open times; absent: anyone who performs the services. */
  providerId?: string | undefined;
  mode: VisitMode;
  /** ISO instants bounding the search (at most 93 days apart). */
  from: string;
  to: string;
}

export function getOpenTimes(query: OpenTimesQuery, signal?: AbortSignal) {
  return apiRequest('/api/v1/availability', availabilitySchema, {
    query: {
      clinicId: query.clinicId,
      serviceIds: query.packageId ? undefined : query.serviceIds?.join(','),
      packageId: query.packageId,
      providerId: query.providerId,
      mode: query.mode,
      from: query.from,
      to: query.to,
    },
    signal,
  });
}

/** Start times the availability engine finds open for the whole visit (working, eligible, unoccupied, rooms free). */
export function useOpenTimes(query: OpenTimesQuery | undefined) {
  return useQuery({
    queryKey: appointmentQueryKeys.openTimesFor(query),
    queryFn: query ? ({ signal }) => getOpenTimes(query, signal) : skipToken,
    staleTime: 10_000,
    // Changing a filter keeps the last list on screen instead of flashing an empty one.
    placeholderData: keepPreviousData,
  });
}
