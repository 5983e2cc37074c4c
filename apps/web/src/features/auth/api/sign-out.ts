import { useMutation } from '@tanstack/react-query';
import { apiCommand } from '../../../shared/api/api-client.ts';

export function signOut(): Promise<void> {
  return apiCommand('/api/v1/auth/logout', { method: 'POST' });
}

export function useSignOut() {
  return useMutation({ mutationFn: signOut });
}
