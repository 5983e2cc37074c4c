import { paperworkAssignmentListSchema, type PaperworkAssignment } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientPaperworkKey } from './paperwork-query-keys.ts';

export async function getPatientPaperwork(patientId: string, signal?: AbortSignal): Promise<PaperworkAssignment[]> {
  const { items } = await apiRequest(`/api/v1/patients/${encodeURIComponent(patientId)}/paperwork`, paperworkAssignmentListSchema, {
    signal,
  });
  return items;
}

/** A patient's forms across appointments, newest first. */
export function usePatientPaperwork(patientId: string) {
  return useQuery({
    queryKey: patientPaperworkKey(patientId),
    queryFn: ({ signal }) => getPatientPaperwork(patientId, signal),
  });
}
