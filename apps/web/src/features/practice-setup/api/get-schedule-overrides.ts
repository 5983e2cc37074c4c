import { scheduleOverrideListSchema, type ScheduleOverride } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceSetupQueryKey } from './practice-setup-query-key.ts';

export interface ScheduleOverridesFilter {
  providerId: string;
  clinicId: string;
  /** Clinic-local date 'YYYY-MM-DD'; earlier overrides are left out. */
  fromDate: string;
}

export function scheduleOverridesQueryKey(filter: ScheduleOverridesFilter) {
  return [...practiceSetupQueryKey, 'schedule-overrides', filter] as const;
}

export async function getScheduleOverrides(
  { providerId, clinicId, fromDate }: ScheduleOverridesFilter,
  signal?: AbortSignal,
): Promise<ScheduleOverride[]> {
  const { items } = await apiRequest(`/api/v1/providers/${encodeURIComponent(providerId)}/schedule-overrides`, scheduleOverrideListSchema, {
    query: { clinicId, fromDate },
    signal,
  });
  return items;
}

export function useScheduleOverrides(filter: ScheduleOverridesFilter) {
  return useQuery({ queryKey: scheduleOverridesQueryKey(filter), queryFn: ({ signal }) => getScheduleOverrides(filter, signal) });
}
