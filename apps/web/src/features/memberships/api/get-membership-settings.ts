import { membershipSettingsSchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { membershipQueryKeys } from './membership-query-keys.ts';

export function getMembershipSettings(signal?: AbortSignal) {
  return apiRequest('/api/v1/membership-settings', membershipSettingsSchema, { signal });
}

/** The days after a draw on which a declined membership payment is tried again (owners and admins). */
export function useMembershipSettings() {
  return useQuery({ queryKey: membershipQueryKeys.settings(), queryFn: ({ signal }) => getMembershipSettings(signal) });
}
