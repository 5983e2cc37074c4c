import { providerSchema, type CreateProviderRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

export function createProvider(input: CreateProviderRequest) {
  return apiRequest('/api/v1/providers', providerSchema, { method: 'POST', body: input });
}

export function useCreateProvider() {
  return useSetupMutation(createProvider);
}
