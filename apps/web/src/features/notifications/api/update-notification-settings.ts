import { notificationSettingsSchema, type UpdateNotificationSettingsRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { notificationSettingsQueryKey } from './notifications-query-keys.ts';

export interface UpdateNotificationSettingsInput {
  /** The version the user edited; the server refuses the save (412) when someone saved since. */
  expectedVersion: number;
  settings: UpdateNotificationSettingsRequest;
}

export function updateNotificationSettings({ expectedVersion, settings }: UpdateNotificationSettingsInput) {
  return apiRequest('/api/v1/notification-settings', notificationSettingsSchema, {
    method: 'PUT',
    body: settings,
    headers: { 'if-match': `"${expectedVersion}"` },
  });
}

export function useUpdateNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateNotificationSettings,
    onSuccess: (saved) => queryClient.setQueryData(notificationSettingsQueryKey, saved),
    onSettled: async (_result, error) => {
      if (isApiProblem(error, 412)) await queryClient.invalidateQueries({ queryKey: notificationSettingsQueryKey });
    },
  });
}
