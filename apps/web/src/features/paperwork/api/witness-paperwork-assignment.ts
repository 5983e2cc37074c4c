import { witnessPaperworkResultSchema, type PaperworkAssignment, type WitnessPaperworkRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentPaperworkKey, paperworkAssignmentKey, patientPaperworkKey } from './paperwork-query-keys.ts';

export interface WitnessPaperworkAssignmentInput extends WitnessPaperworkRequest {
  assignment: Pick<PaperworkAssignment, 'id' | 'appointmentId' | 'patientId'>;
}

/** Signs a consent as its witness after the patient: it becomes Signed. */
export function witnessPaperworkAssignment({ assignment, signature, typedName }: WitnessPaperworkAssignmentInput) {
  return apiRequest(`/api/v1/paperwork-assignments/${encodeURIComponent(assignment.id)}/witness`, witnessPaperworkResultSchema, {
    method: 'POST',
    body: { signature, typedName },
  });
}

/** After a witness signature, or a refusal (someone witnessed it meanwhile), the lists that show the form refetch. */
export function useWitnessPaperworkAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: witnessPaperworkAssignment,
    onSettled: (_witnessed, _error, { assignment }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: paperworkAssignmentKey(assignment.id) }),
        queryClient.invalidateQueries({ queryKey: appointmentPaperworkKey(assignment.appointmentId) }),
        queryClient.invalidateQueries({ queryKey: patientPaperworkKey(assignment.patientId) }),
      ]),
  });
}

/** Where staff download a consent's signed PDF (the browser sends the session cookie). */
export function signedPdfUrl(assignmentId: string): string {
  return `/api/v1/paperwork-assignments/${encodeURIComponent(assignmentId)}/pdf`;
}
