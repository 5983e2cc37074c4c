import {
  membershipAgreementLookupSchema,
  membershipAgreementSchema,
  membershipDetailSchema,
  portalMembershipListSchema,
  portalMembershipPlanListSchema,
  type EnrolMembershipInput,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { portalKeys } from '../api/portal-query-keys.ts';

/** Under the practice's portal keys, so signing out clears them with the rest. */
const membershipKeys = {
  all: (slug: string) => ['portal', slug, 'memberships'] as const,
  plans: (slug: string) => ['portal', slug, 'memberships', 'plans'] as const,
  mine: (slug: string) => ['portal', slug, 'memberships', 'mine'] as const,
  agreement: (slug: string, planId: string) => ['portal', slug, 'memberships', 'agreement', planId] as const,
};

/** The plans the practice sells online. */
export function usePlansSoldOnline(slug: string) {
  return useQuery({
    queryKey: membershipKeys.plans(slug),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/membership-plans', portalMembershipPlanListSchema, { signal }),
    select: (list) => list.items,
  });
}

/** The patient's own memberships (status, next draw date). */
export function useOwnMemberships(slug: string) {
  return useQuery({
    queryKey: membershipKeys.mine(slug),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/memberships', portalMembershipListSchema, { signal }),
    select: (list) => list.items,
  });
}

/** The patient's copy of the plan's agreement (signed, or sent by the clinic to sign), or null. */
export function useOwnAgreement(slug: string, planId: string | null) {
  return useQuery({
    queryKey: membershipKeys.agreement(slug, planId ?? 'none'),
    queryFn: ({ signal }) =>
      apiRequest('/api/v1/portal/membership-agreement', membershipAgreementLookupSchema, { query: { planId: planId ?? '' }, signal }),
    enabled: planId !== null,
    select: (found) => found.agreement,
  });
}

/** Opens the plan's agreement to read and sign. */
export function useOpenAgreement(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (planId: string) =>
      apiRequest('/api/v1/portal/membership-agreement', membershipAgreementSchema, { method: 'POST', body: { planId } }),
    onSuccess: (agreement) => queryClient.setQueryData(membershipKeys.agreement(slug, agreement.planId), { agreement }),
  });
}

export function useSignOwnAgreement(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { planId: string; assignmentId: string; signature: string; typedName: string }) =>
      apiRequest('/api/v1/portal/membership-agreement/sign', membershipAgreementSchema, { method: 'POST', body: input }),
    onSuccess: (agreement) => queryClient.setQueryData(membershipKeys.agreement(slug, agreement.planId), { agreement }),
  });
}

/** Become A Member: the first payment is charged at once; a decline (402) enrols nothing. */
export function useBecomeMember(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EnrolMembershipInput) =>
      apiRequest('/api/v1/portal/memberships', membershipDetailSchema, { method: 'POST', body: input }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: membershipKeys.all(slug) });
      await queryClient.invalidateQueries({ queryKey: portalKeys.invoices(slug) });
    },
  });
}

/** Update card: another card on the membership; an outstanding payment is charged to it at once (402 when declined). */
export function useUpdateMembershipCard(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { membershipId: string; paymentMethodId: string }) =>
      apiRequest(`/api/v1/portal/memberships/${encodeURIComponent(input.membershipId)}/change-card`, membershipDetailSchema, {
        method: 'POST',
        body: { paymentMethodId: input.paymentMethodId },
      }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: membershipKeys.all(slug) });
      await queryClient.invalidateQueries({ queryKey: portalKeys.invoices(slug) });
    },
  });
}
