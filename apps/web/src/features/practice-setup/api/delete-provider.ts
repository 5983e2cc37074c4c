import { apiCommand } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

/** Only a provider nothing refers to can go; otherwise the server answers 409 (deactivate instead). */
export function deleteProvider(providerId: string) {
  return apiCommand(`/api/v1/providers/${encodeURIComponent(providerId)}`, { method: 'DELETE' });
}

export function useDeleteProvider() {
  return useSetupMutation(deleteProvider);
}
