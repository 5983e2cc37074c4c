import { serviceSchema, type CreateServiceRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

export function createService(input: CreateServiceRequest) {
  return apiRequest('/api/v1/services', serviceSchema, { method: 'POST', body: input });
}

export function useCreateService() {
  return useSetupMutation(createService);
}
