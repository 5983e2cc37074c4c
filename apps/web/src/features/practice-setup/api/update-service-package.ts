import { servicePackageSchema, type UpdateServicePackageRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { ifMatch, useSetupMutation } from './use-setup-mutation.ts';

export interface UpdateServicePackageInput {
  servicePackageId: string;
  /** The version the user saw. */
  expectedVersion: number;
  changes: UpdateServicePackageRequest;
}

export function updateServicePackage({ servicePackageId, expectedVersion, changes }: UpdateServicePackageInput) {
  return apiRequest(`/api/v1/service-packages/${encodeURIComponent(servicePackageId)}`, servicePackageSchema, {
    method: 'PATCH',
    body: changes,
    headers: ifMatch(expectedVersion),
  });
}

export function useUpdateServicePackage() {
  return useSetupMutation(updateServicePackage);
}
