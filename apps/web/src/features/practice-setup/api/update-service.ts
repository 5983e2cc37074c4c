import { serviceSchema, type UpdateServiceRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { ifMatch, useSetupMutation } from './use-setup-mutation.ts';

export interface UpdateServiceInput {
  serviceId: string;
  /** The version the user saw. */
  expectedVersion: number;
  changes: UpdateServiceRequest;
}

export function updateService({ serviceId, expectedVersion, changes }: UpdateServiceInput) {
  return apiRequest(`/api/v1/services/${encodeURIComponent(serviceId)}`, serviceSchema, {
    method: 'PATCH',
    body: changes,
    headers: ifMatch(expectedVersion),
  });
}

export function useUpdateService() {
  return useSetupMutation(updateService);
}
