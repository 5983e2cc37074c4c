import { prescriptionListSchema, prescriptionSchema, type CreatePrescriptionRequest } from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';

export const prescriptionQueryKeys = {
  ofPatient: (patientId: string) => ['prescriptions', patientId] as const,
};

export function getPrescriptions(patientId: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/patients/${encodeURIComponent(patientId)}/prescriptions`, prescriptionListSchema, { signal });
}

/** A client's prescriptions, active and discontinued, newest first (each read is audited). */
export function usePrescriptions(patientId: string) {
  return useQuery({ queryKey: prescriptionQueryKeys.ofPatient(patientId), queryFn: ({ signal }) => getPrescriptions(patientId, signal) });
}

export function useRecordPrescription(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreatePrescriptionRequest) =>
      apiRequest(`/api/v1/patients/${encodeURIComponent(patientId)}/prescriptions`, prescriptionSchema, { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: prescriptionQueryKeys.ofPatient(patientId) }),
  });
}

export function useDiscontinuePrescription(patientId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ prescriptionId, reason }: { prescriptionId: string; reason: string }) =>
      apiRequest(`/api/v1/prescriptions/${encodeURIComponent(prescriptionId)}/discontinue`, prescriptionSchema, {
        method: 'POST',
        body: { reason },
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: prescriptionQueryKeys.ofPatient(patientId) }),
  });
}
