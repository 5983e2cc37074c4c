import { apiCommand } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

/** Only a package nothing refers to can go; otherwise the server answers 409 (deactivate instead). */
export function deleteServicePackage(servicePackageId: string) {
  return apiCommand(`/api/v1/service-packages/${encodeURIComponent(servicePackageId)}`, { method: 'DELETE' });
}

export function useDeleteServicePackage() {
  return useSetupMutation(deleteServicePackage);
}
