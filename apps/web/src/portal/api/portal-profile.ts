import {
  portalProfileChoicesSchema,
  portalProfileSchema,
  signInCodeRequestedSchema,
  type PortalProfile,
  type RequestContactCode,
  type UpdatePortalProfile,
  type VerifyContactCode,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { portalKeys } from './portal-query-keys.ts';

/** The profile the portal is viewing: contact details, address and communication preferences. */
export function usePortalProfile(slug: string) {
  return useQuery({
    queryKey: portalKeys.profile(slug),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/profile', portalProfileSchema, { signal }),
  });
}

/** A saved profile replaces the cached one; the header's name comes from `me`. */
function storeProfile(queryClient: QueryClient, slug: string, profile: PortalProfile) {
  queryClient.setQueryData(portalKeys.profile(slug), profile);
  return queryClient.invalidateQueries({ queryKey: portalKeys.me(slug) });
}

/** Saves the address or preferences over the version shown; a 412 means the clinic saved in between. */
export function useUpdatePortalProfile(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ changes, version }: { changes: UpdatePortalProfile; version: number }) =>
      apiRequest('/api/v1/portal/profile', portalProfileSchema, {
        method: 'PATCH',
        body: changes,
        headers: { 'if-match': `"${version}"` },
      }),
    onSuccess: (profile) => storeProfile(queryClient, slug, profile),
    onError: (error) => {
      if (isApiProblem(error, 412)) void queryClient.invalidateQueries({ queryKey: portalKeys.profile(slug) });
    },
  });
}

/** Sends a code to the new phone or email; nothing on the profile changes yet. */
export function useRequestContactCode() {
  return useMutation({
    mutationFn: (body: RequestContactCode) =>
      apiRequest('/api/v1/portal/profile/contact-code', signInCodeRequestedSchema, { method: 'POST', body }),
  });
}

/** Puts the new phone or email on the profile with its code. */
export function useVerifyContactCode(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VerifyContactCode) =>
      apiRequest('/api/v1/portal/profile/contact-verify', portalProfileSchema, { method: 'POST', body }),
    onSuccess: (profile) => storeProfile(queryClient, slug, profile),
  });
}

/** Everything the portal loaded for one profile, kept apart from the practice and who signed in. */
export function forgetProfileData(queryClient: QueryClient, slug: string) {
  return queryClient.resetQueries({
    predicate: (query) => query.queryKey[0] === 'portal' && query.queryKey[1] === slug && query.queryKey[2] !== 'practice',
  });
}

/** Views another profile (own, or a dependant's): every page reloads for it. */
export function useSwitchProfile(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patientId: string) =>
      apiRequest(`/api/v1/portal/profiles/${encodeURIComponent(patientId)}/switch`, portalProfileChoicesSchema, { method: 'POST' }),
    onSuccess: () => forgetProfileData(queryClient, slug),
  });
}
