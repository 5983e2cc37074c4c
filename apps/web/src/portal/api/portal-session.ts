import {
  portalMeSchema,
  portalPracticeSchema,
  portalSignedInSchema,
  signInCodeRequestedSchema,
  type IdentifyPatient,
  type PortalMe,
  type RequestSignInCode,
  type VerifySignInCode,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiCommand, apiRequest } from '../../shared/api/api-client.ts';
import { ApiProblem, isApiProblem } from '../../shared/api/api-problem.ts';
import { portalKeys } from './portal-query-keys.ts';

function authPath(slug: string, action: 'code' | 'verify' | 'identify' | 'logout'): string {
  return `/api/v1/portal/${encodeURIComponent(slug)}/auth/${action}`;
}

/** The practice at this portal address (name for the sign-in page); a 404 means the address is unknown. */
export function usePortalPractice(slug: string) {
  return useQuery({
    queryKey: portalKeys.practice(slug),
    queryFn: ({ signal }) => apiRequest(`/api/v1/portal/${encodeURIComponent(slug)}`, portalPracticeSchema, { signal }),
    staleTime: 5 * 60_000,
    retry: (failureCount, error) => !isApiProblem(error, 404) && failureCount < 2,
  });
}

/**
 * The signed-in patient at this portal address. A 401 is an answer here, not an ended session:
 * it is how the pages learn that nobody (or a contact without a chosen profile) is signed in.
 * A session of another practice is a 401 too, so its patient's data never shows under this
 * practice's name and the page offers this practice's sign-in.
 */
export async function getPortalMe(slug: string, signal?: AbortSignal): Promise<PortalMe> {
  const me = await apiRequest('/api/v1/portal/me', portalMeSchema, { signal, expectUnauthenticated: true });
  if (me.practice.slug !== slug) {
    throw new ApiProblem({
      status: 401,
      code: 'other_practice_session',
      detail: `You are signed in at ${me.practice.name}, not at this practice.`,
    });
  }
  return me;
}

export function usePortalMe(slug: string) {
  return useQuery({
    queryKey: portalKeys.me(slug),
    queryFn: ({ signal }) => getPortalMe(slug, signal),
    retry: (failureCount, error) => !isApiProblem(error, 401) && failureCount < 2,
    refetchOnWindowFocus: false,
  });
}

export function useRequestSignInCode(slug: string) {
  return useMutation({
    mutationFn: (body: RequestSignInCode) => apiRequest(authPath(slug, 'code'), signInCodeRequestedSchema, { method: 'POST', body }),
  });
}

export function useVerifySignInCode(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VerifySignInCode) =>
      apiRequest(authPath(slug, 'verify'), portalSignedInSchema, { method: 'POST', body, expectUnauthenticated: true }),
    onSuccess: async (signedIn) => {
      if (!signedIn.needsIdentity) await queryClient.resetQueries({ queryKey: portalKeys.me(slug) });
    },
  });
}

export function useIdentifyPatient(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IdentifyPatient) =>
      apiRequest(authPath(slug, 'identify'), portalSignedInSchema, { method: 'POST', body, expectUnauthenticated: true }),
    onSuccess: async () => {
      await queryClient.resetQueries({ queryKey: portalKeys.me(slug) });
    },
  });
}

/** Ends the session and forgets everything the portal had loaded for it. */
export function useLogOut(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiCommand(authPath(slug, 'logout'), { method: 'POST', expectUnauthenticated: true }),
    onSettled: () => {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] === 'portal' && query.queryKey[2] !== 'practice' });
    },
  });
}
