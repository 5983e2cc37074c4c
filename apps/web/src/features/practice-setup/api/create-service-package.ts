import { servicePackageSchema, type CreateServicePackageRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

export function createServicePackage(input: CreateServicePackageRequest) {
  return apiRequest('/api/v1/service-packages', servicePackageSchema, { method: 'POST', body: input });
}

export function useCreateServicePackage() {
  return useSetupMutation(createServicePackage);
}
