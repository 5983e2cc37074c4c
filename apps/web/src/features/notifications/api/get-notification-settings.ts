import { notificationSettingsSchema, type NotificationSettings } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { notificationSettingsQueryKey } from './notifications-query-keys.ts';

export function getNotificationSettings(signal?: AbortSignal): Promise<NotificationSettings> {
  return apiRequest('/api/v1/notification-settings', notificationSettingsSchema, { signal });
}

/** Whether and how long before an appointment patients are reminded. */
export function useNotificationSettings() {
  return useQuery({ queryKey: notificationSettingsQueryKey, queryFn: ({ signal }) => getNotificationSettings(signal) });
}
