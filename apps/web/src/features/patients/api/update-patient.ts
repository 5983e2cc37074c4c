import { patientSchema, type UpdatePatientRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { patientKey } from './get-patient.ts';

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

export function useUpdatePatient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePatient,
    onSuccess: async (updated) => {
      queryClient.setQueryData(patientKey(updated.id), updated);
      await queryClient.invalidateQueries({ queryKey: ['patients'] });
    },
    onError: (error, { patientId }) => {
      if (isApiProblem(error, 412)) void queryClient.invalidateQueries({ queryKey: patientKey(patientId) });
    },
  });
}
