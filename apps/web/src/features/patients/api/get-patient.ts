import { patientSchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientQueryKeys } from './patient-query-keys.ts';

export function getPatient(patientId: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/patients/${encodeURIComponent(patientId)}`, patientSchema, { signal });
}

export function usePatient(patientId: string) {
  return useQuery({ queryKey: patientQueryKeys.detail(patientId), queryFn: ({ signal }) => getPatient(patientId, signal) });
}
