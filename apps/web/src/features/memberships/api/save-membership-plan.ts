import {
  membershipPlanSchema,
  type CreateMembershipPlanInput,
  type MembershipPlan,
  type UpdateMembershipPlanInput,
} from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { membershipQueryKeys } from './membership-query-keys.ts';

/** A new plan, or changes to the plan as it was shown (`expectedVersion`: a plan changed since is refused with 412). */
export type MembershipPlanSave =
  { planId: null; plan: CreateMembershipPlanInput } | { planId: string; changes: UpdateMembershipPlanInput; expectedVersion: number };

export function saveMembershipPlan(save: MembershipPlanSave): Promise<MembershipPlan> {
  if (save.planId === null) return apiRequest('/api/v1/membership-plans', membershipPlanSchema, { method: 'POST', body: save.plan });
  return apiRequest(`/api/v1/membership-plans/${encodeURIComponent(save.planId)}`, membershipPlanSchema, {
    method: 'PATCH',
    body: save.changes,
    headers: { 'if-match': `"${save.expectedVersion}"` },
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
    // A 412 means someone changed the plan meanwhile: the list reloads with their version.
    onError: () => queryClient.invalidateQueries({ queryKey: membershipQueryKeys.plans() }),
  });
}
