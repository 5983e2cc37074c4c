import { meSchema, type LoginRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';

// The sign-in answer carries the same staff and practice as /me (plus expiresAt, unused here).
const signedInSchema = meSchema.pick({ staff: true, practice: true });

export function signIn(credentials: LoginRequest) {
  return apiRequest('/api/v1/auth/login', signedInSchema, { method: 'POST', body: credentials, expectUnauthenticated: true });
}

export function useSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    // Nothing cached for a previous user may show to the next one.
    onSuccess: () => queryClient.clear(),
  });
}
