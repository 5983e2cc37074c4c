import { availableProvidersSchema, type VisitMode } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceQueryKeys } from '../../../shared/api/practice-query-keys.ts';

export interface AvailableProvidersQuery {
  clinicId: string;
  /** Booked back to back, in order. */
  serviceIds?: string[] | undefined;
  packageId?: string | undefined;
  mode: VisitMode;
  /** ISO instant. */
  start: string;
}

export function getAvailableProviders(query: AvailableProvidersQuery, signal?: AbortSignal) {
  return apiRequest('/api/v1/providers/available', availableProvidersSchema, {
    query: {
      clinicId: query.clinicId,
      serviceIds: query.serviceIds?.join(','),
      packageId: query.packageId,
      mode: query.mode,
      start: query.start,
    },
    signal,
  });
}

/** Providers who are working, eligible and unoccupied for the whole visit starting then ("Only unoccupied providers will show up"). */
export function useAvailableProviders(query: AvailableProvidersQuery | undefined) {
  return useQuery({
    queryKey: practiceQueryKeys.availableProviders(query),
    queryFn: ({ signal }) => (query ? getAvailableProviders(query, signal) : Promise.reject(new Error('no query'))),
    enabled: query !== undefined,
    staleTime: 5_000,
  });
}
