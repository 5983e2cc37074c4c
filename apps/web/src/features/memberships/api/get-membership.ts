import { membershipDetailSchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { membershipQueryKeys } from './membership-query-keys.ts';

export function getMembership(membershipId: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/memberships/${encodeURIComponent(membershipId)}`, membershipDetailSchema, { signal });
}

/** One membership with its periods and each period's payments. */
export function useMembership(membershipId: string) {
  return useQuery({ queryKey: membershipQueryKeys.detail(membershipId), queryFn: ({ signal }) => getMembership(membershipId, signal) });
}
