import { apiCommand } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

/** Only a service nothing refers to can go; otherwise the server answers 409 (deactivate instead). */
export function deleteService(serviceId: string) {
  return apiCommand(`/api/v1/services/${encodeURIComponent(serviceId)}`, { method: 'DELETE' });
}

export function useDeleteService() {
  return useSetupMutation(deleteService);
}
