import { paperworkAssignmentDetailSchema, type PaperworkAssignmentDetail } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { paperworkAssignmentKey } from './paperwork-query-keys.ts';

export function getPaperworkAssignment(assignmentId: string, signal?: AbortSignal): Promise<PaperworkAssignmentDetail> {
  return apiRequest(`/api/v1/paperwork-assignments/${encodeURIComponent(assignmentId)}`, paperworkAssignmentDetailSchema, { signal });
}

/** One assigned form with its history: assigned, completed, reset. */
export function usePaperworkAssignment(assignmentId: string | null) {
  return useQuery({
    queryKey: paperworkAssignmentKey(assignmentId ?? 'none'),
    queryFn: ({ signal }) => getPaperworkAssignment(assignmentId ?? '', signal),
    enabled: assignmentId !== null,
    staleTime: 0,
  });
}
