import { providerSchema, type UpdateProviderRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { ifMatch, useSetupMutation } from './use-setup-mutation.ts';

export interface UpdateProviderInput {
  providerId: string;
  /** The version the user saw. */
  expectedVersion: number;
  changes: UpdateProviderRequest;
}

export function updateProvider({ providerId, expectedVersion, changes }: UpdateProviderInput) {
  return apiRequest(`/api/v1/providers/${encodeURIComponent(providerId)}`, providerSchema, {
    method: 'PATCH',
    body: changes,
    headers: ifMatch(expectedVersion),
  });
}

export function useUpdateProvider() {
  return useSetupMutation(updateProvider);
}
