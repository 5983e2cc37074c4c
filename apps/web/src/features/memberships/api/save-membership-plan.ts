import {
  membershipPlanSchema,
  type CreateMembershipPlanInput,
  type MembershipPlan,
  type UpdateMembershipPlanInput,
} from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { membershipQueryKeys } from './membership-query-keys.ts';

export type MembershipPlanSave = { planId: null; plan: CreateMembershipPlanInput } | { planId: string; changes: UpdateMembershipPlanInput };

export function saveMembershipPlan(save: MembershipPlanSave): Promise<MembershipPlan> {
  if (save.planId === null) return apiRequest('/api/v1/membership-plans', membershipPlanSchema, { method: 'POST', body: save.plan });
  return apiRequest(`/api/v1/membership-plans/${encodeURIComponent(save.planId)}`, membershipPlanSchema, {
    method: 'PATCH',
    body: save.changes,
  });
}

/** Creates a plan, or changes one for new members (existing members keep the price they enrolled at). */
export function useSaveMembershipPlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: saveMembershipPlan,
    // The plan's name shows on every member's row.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: membershipQueryKeys.plans() }),
        queryClient.invalidateQueries({ queryKey: membershipQueryKeys.all() }),
      ]),
  });
}
