import { providerScheduleSchema, type WorkingInterval } from '@glowdesk/contracts';
import { useQueries } from '@tanstack/react-query';
import { useCallback } from 'react';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceQueryKeys } from '../../../shared/api/practice-query-keys.ts';

export interface ScheduleWindow {
  clinicId: string;
  /** Instants bounding the window; the book asks for whole weeks so day-to-day navigation is cached. */
  from: string;
  to: string;
}

export async function getProviderSchedule(providerId: string, window: ScheduleWindow, signal?: AbortSignal): Promise<WorkingInterval[]> {
  const { intervals } = await apiRequest(`/api/v1/providers/${encodeURIComponent(providerId)}/schedule`, providerScheduleSchema, {
    query: { clinicId: window.clinicId, from: window.from, to: window.to },
    signal,
  });
  return intervals;
}

const EMPTY: WorkingInterval[] = [];

interface ScheduleQueryResult {
  data?: WorkingInterval[] | undefined;
  isError: boolean;
}

/** Working intervals per provider at a clinic; providers still loading map to undefined. */
export function useProviderSchedules(providerIds: readonly string[], window: ScheduleWindow | undefined) {
  const providerKey = providerIds.join(',');
  // Stable while the providers are: useQueries re-runs combine only when a result changes, so
  // memoized columns see the same intervals arrays between renders.
  const combine = useCallback(
    (results: ScheduleQueryResult[]) => {
      const byProvider = new Map<string, WorkingInterval[] | undefined>();
      providerKey.split(',').forEach((providerId, index) => byProvider.set(providerId, results[index]?.data));
      return { byProvider, isError: results.some((result) => result.isError) };
    },
    [providerKey],
  );
  return useQueries({
    queries: providerIds.map((providerId) => ({
      queryKey: practiceQueryKeys.providerSchedule(providerId, window),
      queryFn: ({ signal }: { signal: AbortSignal }) => (window ? getProviderSchedule(providerId, window, signal) : Promise.resolve(EMPTY)),
      enabled: window !== undefined,
      staleTime: 60_000,
    })),
    combine,
  });
}
