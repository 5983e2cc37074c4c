import { createdPatientSchema, type CreatePatientRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientQueryKeys } from './patient-query-keys.ts';

export function createPatient(input: CreatePatientRequest) {
  return apiRequest('/api/v1/patients', createdPatientSchema, { method: 'POST', body: input });
}

/** Saves a profile; the answer lists possible duplicates the staff member may want to review. */
export function useCreatePatient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPatient,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: patientQueryKeys.all() }),
  });
}
