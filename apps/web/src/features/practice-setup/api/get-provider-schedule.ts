import { providerScheduleSchema, type WorkingInterval } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceSetupQueryKey } from './practice-setup-query-key.ts';

export interface ProviderScheduleRange {
  providerId: string;
  clinicId: string;
  /** ISO 8601 instants, [from, to). */
  from: string;
  to: string;
}

export function providerScheduleQueryKey(range: ProviderScheduleRange) {
  return [...practiceSetupQueryKey, 'provider-schedule', range] as const;
}

/** The provider's working intervals at one clinic, weekly hours and overrides applied, as UTC and clinic-local times. */
export async function getProviderSchedule(
  { providerId, ...query }: ProviderScheduleRange,
  signal?: AbortSignal,
): Promise<WorkingInterval[]> {
  const { intervals } = await apiRequest(`/api/v1/providers/${encodeURIComponent(providerId)}/schedule`, providerScheduleSchema, {
    query,
    signal,
  });
  return intervals;
}

export function useProviderSchedule(range: ProviderScheduleRange) {
  return useQuery({ queryKey: providerScheduleQueryKey(range), queryFn: ({ signal }) => getProviderSchedule(range, signal) });
}
