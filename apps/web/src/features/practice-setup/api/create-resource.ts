import { resourceSchema, type CreateResourceRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

export function createResource(input: CreateResourceRequest) {
  return apiRequest('/api/v1/resources', resourceSchema, { method: 'POST', body: input });
}

export function useCreateResource() {
  return useSetupMutation(createResource);
}
