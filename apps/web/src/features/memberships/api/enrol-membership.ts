import {
  membershipAgreementLookupSchema,
  membershipAgreementSchema,
  membershipDetailSchema,
  membershipListSchema,
  membershipPlanListSchema,
  type EnrolMembershipInput,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';

/** Query keys of the client profile's Membership Plan form and memberships list. */
export const enrolQueryKeys = {
  plans: () => ['memberships', 'enrol', 'plans'] as const,
  clientMemberships: (patientId: string) => ['memberships', 'enrol', 'client', patientId] as const,
  agreement: (patientId: string, planId: string) => ['memberships', 'enrol', 'agreement', patientId, planId] as const,
};

const patientPath = (patientId: string) => `/api/v1/patients/${encodeURIComponent(patientId)}`;

/** The practice's membership plans, for the Membership Plan form. */
export function useEnrolPlans() {
  return useQuery({
    queryKey: enrolQueryKeys.plans(),
    queryFn: ({ signal }) => apiRequest('/api/v1/membership-plans', membershipPlanListSchema, { signal }),
    select: (list) => list.items,
  });
}

/** The client's memberships (plan, status, next draw date). */
export function useClientMemberships(patientId: string) {
  return useQuery({
    queryKey: enrolQueryKeys.clientMemberships(patientId),
    queryFn: ({ signal }) => apiRequest('/api/v1/memberships', membershipListSchema, { query: { patientId }, signal }),
    select: (list) => list.items,
  });
}

/** The client's copy of the plan's agreement enrolment would use (signed, or sent and waiting), or null. */
export function useClientAgreement(patientId: string, planId: string | null) {
  return useQuery({
    queryKey: enrolQueryKeys.agreement(patientId, planId ?? 'none'),
    queryFn: ({ signal }) =>
      apiRequest(`${patientPath(patientId)}/membership-agreement`, membershipAgreementLookupSchema, {
        query: { planId: planId ?? '' },
        signal,
      }),
    enabled: planId !== null,
    select: (found) => found.agreement,
  });
}

/** Prepares the plan's agreement: to sign on the spot next, or sent to the portal (the client is emailed). */
export function usePrepareAgreement(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { planId: string; sendToPortal?: boolean }) =>
      apiRequest(`${patientPath(patientId)}/membership-agreement`, membershipAgreementSchema, { method: 'POST', body: input }),
    onSuccess: (agreement) => queryClient.setQueryData(enrolQueryKeys.agreement(patientId, agreement.planId), { agreement }),
  });
}

/** The client signs the agreement on the staff's screen. */
export function useSignAgreement(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { planId: string; assignmentId: string; signature: string; typedName: string }) =>
      apiRequest(`${patientPath(patientId)}/membership-agreement/sign`, membershipAgreementSchema, { method: 'POST', body: input }),
    onSuccess: (agreement) => queryClient.setQueryData(enrolQueryKeys.agreement(patientId, agreement.planId), { agreement }),
  });
}

/** SAVE: enrols the client, charging the first payment (and sign-up fee) at once; a decline (402) enrols nothing. */
export function useEnrolMembership(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: EnrolMembershipInput) =>
      apiRequest(`${patientPath(patientId)}/memberships`, membershipDetailSchema, { method: 'POST', body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['memberships'] }),
  });
}
