import { membershipListSchema } from '@glowdesk/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { membershipQueryKeys, type MembershipListFilters } from './membership-query-keys.ts';

export function getMemberships(filters: MembershipListFilters, signal?: AbortSignal) {
  return apiRequest('/api/v1/memberships', membershipListSchema, {
    query: { status: filters.status, planId: filters.planId, patientId: filters.patientId },
    signal,
  });
}

/** Members with plan, status and next draw date, and the monthly recurring revenue of the practice. */
export function useMemberships(filters: MembershipListFilters) {
  return useQuery({
    queryKey: membershipQueryKeys.list(filters),
    queryFn: ({ signal }) => getMemberships(filters, signal),
    // A changed filter keeps the previous rows (dimmed) instead of flashing a skeleton.
    placeholderData: keepPreviousData,
  });
}
