import { apiCommand } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

/** Only a resource nothing refers to can go; otherwise the server answers 409 (deactivate instead). */
export function deleteResource(resourceId: string) {
  return apiCommand(`/api/v1/resources/${encodeURIComponent(resourceId)}`, { method: 'DELETE' });
}

export function useDeleteResource() {
  return useSetupMutation(deleteResource);
}
