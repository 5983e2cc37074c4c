import { membershipSettingsSchema, type MembershipSettings } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { membershipQueryKeys } from './membership-query-keys.ts';

export function updateMembershipSettings(settings: MembershipSettings) {
  return apiRequest('/api/v1/membership-settings', membershipSettingsSchema, { method: 'PUT', body: settings });
}

export function useUpdateMembershipSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMembershipSettings,
    onSuccess: (saved) => queryClient.setQueryData(membershipQueryKeys.settings(), saved),
  });
}
