import { clinicSchema, type CreateClinicRequest } from '@glowdesk/contracts';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { useSetupMutation } from './use-setup-mutation.ts';

export function createClinic(input: CreateClinicRequest) {
  return apiRequest('/api/v1/clinics', clinicSchema, { method: 'POST', body: input });
}

export function useCreateClinic() {
  return useSetupMutation(createClinic);
}
