import { clinicSchema, type UpdateClinicRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { ifMatch, useSetupMutation } from './use-setup-mutation.ts';

export interface UpdateClinicInput {
  clinicId: string;
  /** The version the user saw. */
  expectedVersion: number;
  changes: UpdateClinicRequest;
}

export function updateClinic({ clinicId, expectedVersion, changes }: UpdateClinicInput) {
  return apiRequest(`/api/v1/clinics/${encodeURIComponent(clinicId)}`, clinicSchema, {
    method: 'PATCH',
    body: changes,
    headers: ifMatch(expectedVersion),
  });
}

export function useUpdateClinic() {
  return useSetupMutation(updateClinic);
}
