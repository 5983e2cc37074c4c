import { resourceSchema, type UpdateResourceRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { ifMatch, useSetupMutation } from './use-setup-mutation.ts';

export interface UpdateResourceInput {
  resourceId: string;
  /** The version the user saw. */
  expectedVersion: number;
  changes: UpdateResourceRequest;
}

export function updateResource({ resourceId, expectedVersion, changes }: UpdateResourceInput) {
  return apiRequest(`/api/v1/resources/${encodeURIComponent(resourceId)}`, resourceSchema, {
    method: 'PATCH',
    body: changes,
    headers: ifMatch(expectedVersion),
  });
}

export function useUpdateResource() {
  return useSetupMutation(updateResource);
}
