import {
  portalSignedInSchema,
  registrationVerifiedSchema,
  signInCodeRequestedSchema,
  type RegisterPatient,
  type RegistrationOutcome,
  type RequestSignInCode,
  type VerifySignInCode,
} from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { portalKeys } from './portal-query-keys.ts';

function registerPath(slug: string, action: 'register' | 'register/verify'): string {
  return `/api/v1/portal/${encodeURIComponent(slug)}/auth/${action}`;
}

/** New Client Registration: sends the code to the phone or email the channel names. */
export function useRegisterPatient(slug: string) {
  return useMutation({
    mutationFn: (body: RegisterPatient) => apiRequest(registerPath(slug, 'register'), signInCodeRequestedSchema, { method: 'POST', body }),
  });
}

/** What the code step's Sign in did: a registration's outcome, or a sign-in's. */
export interface CodeVerified {
  needsIdentity: boolean;
  /** Set when the code finished a registration. */
  outcome?: RegistrationOutcome;
}

/**
 * The code step's two calls: with a registration, the code finishes it (register/verify) and
 * Resend sends the registration again; without, they are sign-in's (auth/verify, auth/code).
 * Either way a signed-in answer refreshes `/portal/me`.
 */
export function useCodeStepMutations(slug: string, registration: RegisterPatient | undefined) {
  const queryClient = useQueryClient();
  const verify = useMutation({
    mutationFn: async (body: VerifySignInCode): Promise<CodeVerified> => {
      if (registration) {
        const { outcome } = await apiRequest(registerPath(slug, 'register/verify'), registrationVerifiedSchema, {
          method: 'POST',
          body,
          expectUnauthenticated: true,
        });
        return { needsIdentity: false, outcome };
      }
      return apiRequest(`/api/v1/portal/${encodeURIComponent(slug)}/auth/verify`, portalSignedInSchema, {
        method: 'POST',
        body,
        expectUnauthenticated: true,
      });
    },
    onSuccess: async (verified) => {
      if (!verified.needsIdentity && verified.outcome !== 'queued') await queryClient.resetQueries({ queryKey: portalKeys.me(slug) });
    },
  });
  const resend = useMutation({
    mutationFn: (body: RequestSignInCode) =>
      registration
        ? apiRequest(registerPath(slug, 'register'), signInCodeRequestedSchema, { method: 'POST', body: { ...registration, ...body } })
        : apiRequest(`/api/v1/portal/${encodeURIComponent(slug)}/auth/code`, signInCodeRequestedSchema, { method: 'POST', body }),
  });
  return { verify, resend };
}
