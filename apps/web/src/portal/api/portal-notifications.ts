import { portalNotificationListSchema, portalNotificationSchema } from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { portalKeys } from './portal-query-keys.ts';

export function usePortalNotifications(slug: string) {
  return useQuery({
    queryKey: portalKeys.notifications(slug),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/notifications', portalNotificationListSchema, { signal }),
  });
}

/** Marks one notification read; the list and the dashboard's unread badge follow. */
export function useMarkNotificationRead(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (notificationId: string) =>
      apiRequest(`/api/v1/portal/notifications/${encodeURIComponent(notificationId)}/read`, portalNotificationSchema, { method: 'POST' }),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: portalKeys.notifications(slug) }),
        queryClient.invalidateQueries({ queryKey: portalKeys.dashboard(slug) }),
      ]);
    },
  });
}
