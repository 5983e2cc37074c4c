import { patientSchema, type UpdatePatientRequest } from '@glowdesk/contracts';
import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { patientQueryKeys, refetchAfterPatientChange } from './patient-query-keys.ts';

export interface UpdatePatientInput {
  patientId: string;
  /** The version the user saw; the server refuses the change (412) when someone else saved first. */
  expectedVersion: number;
  changes: UpdatePatientRequest;
}

export function updatePatient({ patientId, expectedVersion, changes }: UpdatePatientInput) {
  return apiRequest(`/api/v1/patients/${encodeURIComponent(patientId)}`, patientSchema, {
    method: 'PATCH',
    body: changes,
    headers: { 'if-match': `"${expectedVersion}"` },
  });
}

/** A renamed patient is renamed everywhere: the directory, the book's cards, No Shows, invoices. */
export function updatePatientMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationFn: updatePatient,
    onSuccess: async (updated) => {
      queryClient.setQueryData(patientQueryKeys.detail(updated.id), updated);
      await refetchAfterPatientChange(queryClient);
    },
    onError: (error, { patientId }) => {
      if (isApiProblem(error, 412)) void queryClient.invalidateQueries({ queryKey: patientQueryKeys.detail(patientId) });
    },
  });
}

export function useUpdatePatient() {
  return useMutation(updatePatientMutation(useQueryClient()));
}
