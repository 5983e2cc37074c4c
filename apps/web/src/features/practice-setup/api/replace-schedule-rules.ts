import { scheduleRuleListSchema, type ReplaceScheduleRulesRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

export interface ReplaceScheduleRulesInput {
  providerId: string;
  request: ReplaceScheduleRulesRequest;
}

/** Replaces every weekly rule the provider has at the request's clinic, at once (400 naming `rules[i]` on overlaps). */
export async function replaceScheduleRules({ providerId, request }: ReplaceScheduleRulesInput) {
  const { items } = await apiRequest(`/api/v1/providers/${encodeURIComponent(providerId)}/schedule-rules`, scheduleRuleListSchema, {
    method: 'PUT',
    body: request,
  });
  return items;
}

export function useReplaceScheduleRules() {
  return useSetupMutation(replaceScheduleRules);
}
