import { membershipPlanListSchema, type MembershipPlan } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { membershipQueryKeys } from './membership-query-keys.ts';

export async function getMembershipPlans(signal?: AbortSignal): Promise<MembershipPlan[]> {
  const { items } = await apiRequest('/api/v1/membership-plans', membershipPlanListSchema, { signal });
  return items;
}

/** The practice's membership plans with their live member counts; every staff role may read them. */
export function useMembershipPlans() {
  return useQuery({ queryKey: membershipQueryKeys.plans(), queryFn: ({ signal }) => getMembershipPlans(signal) });
}
