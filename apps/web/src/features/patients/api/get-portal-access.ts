import { patientPortalAccessSchema, type PatientPortalAccess } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientQueryKeys } from './patient-query-keys.ts';

export function getPortalAccess(patientId: string, signal?: AbortSignal): Promise<PatientPortalAccess> {
  return apiRequest(`/api/v1/patients/${encodeURIComponent(patientId)}/portal-access`, patientPortalAccessSchema, { signal });
}

/** Whether and when the client signed in to the portal, and the sessions open now. */
export function usePortalAccess(patientId: string) {
  return useQuery({
    queryKey: patientQueryKeys.portalAccess(patientId),
    queryFn: ({ signal }) => getPortalAccess(patientId, signal),
  });
}
