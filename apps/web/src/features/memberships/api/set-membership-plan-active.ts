import { membershipPlanSchema, type MembershipPlan } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { membershipQueryKeys } from './membership-query-keys.ts';

export interface PlanActiveChange {
  planId: string;
  active: boolean;
  /** The version the user saw; the server refuses the change (412) when someone else saved first. */
  expectedVersion: number;
}

export function setMembershipPlanActive({ planId, active, expectedVersion }: PlanActiveChange): Promise<MembershipPlan> {
  return apiRequest(`/api/v1/membership-plans/${encodeURIComponent(planId)}`, membershipPlanSchema, {
    method: 'PATCH',
    body: { active },
    headers: { 'if-match': `"${expectedVersion}"` },
  });
}

/** Deactivates a plan (no longer sold; its members keep billing, perks and price) or sells it again. */
export function useSetMembershipPlanActive() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setMembershipPlanActive,
    // The enrolment plan choice sits under the memberships key.
    onSettled: (_plan, error) =>
      error === null || isApiProblem(error, 412)
        ? Promise.all([
            queryClient.invalidateQueries({ queryKey: membershipQueryKeys.plans() }),
            queryClient.invalidateQueries({ queryKey: membershipQueryKeys.all() }),
          ])
        : undefined,
  });
}
