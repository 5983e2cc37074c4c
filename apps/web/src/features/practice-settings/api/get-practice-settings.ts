import { practiceSettingsSchema, type PracticeSettings } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';

export const practiceSettingsQueryKey = ['practice-settings'] as const;

export function getPracticeSettings(signal?: AbortSignal): Promise<PracticeSettings> {
  return apiRequest('/api/v1/practice-settings', practiceSettingsSchema, { signal });
}

/** The practice's name, portal address and what providers may do; every staff role may read them. */
export function usePracticeSettings() {
  return useQuery({ queryKey: practiceSettingsQueryKey, queryFn: ({ signal }) => getPracticeSettings(signal), staleTime: 60_000 });
}
