import { scheduleRuleListSchema, type ScheduleRule } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceSetupQueryKey } from './practice-setup-query-key.ts';

export function scheduleRulesQueryKey(providerId: string, clinicId: string) {
  return [...practiceSetupQueryKey, 'schedule-rules', providerId, clinicId] as const;
}

/** A provider's weekly rules at one clinic, in the clinic's wall clock. */
export async function getScheduleRules(providerId: string, clinicId: string, signal?: AbortSignal): Promise<ScheduleRule[]> {
  const { items } = await apiRequest(`/api/v1/providers/${encodeURIComponent(providerId)}/schedule-rules`, scheduleRuleListSchema, {
    query: { clinicId },
    signal,
  });
  return items;
}

export function useScheduleRules(providerId: string, clinicId: string) {
  return useQuery({
    queryKey: scheduleRulesQueryKey(providerId, clinicId),
    queryFn: ({ signal }) => getScheduleRules(providerId, clinicId, signal),
  });
}
