import { practiceSettingsSchema, type UpdatePracticeSettingsRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceSettingsQueryKey } from './get-practice-settings.ts';

export function updatePracticeSettings(changes: UpdatePracticeSettingsRequest) {
  return apiRequest('/api/v1/practice-settings', practiceSettingsSchema, { method: 'PATCH', body: changes });
}

export function useUpdatePracticeSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePracticeSettings,
    onSuccess: (saved) => queryClient.setQueryData(practiceSettingsQueryKey, saved),
  });
}
