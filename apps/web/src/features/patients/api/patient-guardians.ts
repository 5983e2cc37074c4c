import { guardianGrantSchema, patientGuardiansSchema } from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientQueryKeys } from './patient-query-keys.ts';

function guardiansPath(patientId: string): string {
  return `/api/v1/patients/${encodeURIComponent(patientId)}/guardians`;
}

/** Who may open this client's profile in the portal (with revoked grants), and whose profiles this client may open. */
export function usePatientGuardians(patientId: string) {
  return useQuery({
    queryKey: patientQueryKeys.guardians(patientId),
    queryFn: ({ signal }) => apiRequest(guardiansPath(patientId), patientGuardiansSchema, { signal }),
  });
}

/** A grant shows on both clients' profiles. */
function refetchBoth(queryClient: QueryClient, dependantId: string, guardianId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: patientQueryKeys.guardians(dependantId) }),
    queryClient.invalidateQueries({ queryKey: patientQueryKeys.guardians(guardianId) }),
  ]);
}

export function useGrantGuardian(dependantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (guardianPatientId: string) =>
      apiRequest(guardiansPath(dependantId), guardianGrantSchema, { method: 'POST', body: { guardianPatientId } }),
    onSuccess: (grant) => refetchBoth(queryClient, dependantId, grant.guardian.id),
  });
}

export function useRevokeGuardian(dependantId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (grantId: string) =>
      apiRequest(`${guardiansPath(dependantId)}/${encodeURIComponent(grantId)}`, guardianGrantSchema, { method: 'DELETE' }),
    onSuccess: (grant) => refetchBoth(queryClient, dependantId, grant.guardian.id),
  });
}
