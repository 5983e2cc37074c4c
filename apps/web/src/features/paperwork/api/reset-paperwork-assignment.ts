import { paperworkAssignmentSchema, type PaperworkAssignment } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentPaperworkKey, paperworkAssignmentKey, patientPaperworkKey } from './paperwork-query-keys.ts';

export interface ResetPaperworkAssignmentInput {
  assignment: Pick<PaperworkAssignment, 'id' | 'appointmentId' | 'patientId'>;
  /** Why the patient completes it again; kept in the form's history. */
  reason: string;
}

/** Takes a completed form back to Not Signed / Not Filled / Not Viewed; what the patient submitted stays in the history. */
export function resetPaperworkAssignment({ assignment, reason }: ResetPaperworkAssignmentInput) {
  const trimmed = reason.trim();
  return apiRequest(`/api/v1/paperwork-assignments/${encodeURIComponent(assignment.id)}/reset`, paperworkAssignmentSchema, {
    method: 'POST',
    body: trimmed ? { reason: trimmed } : {},
  });
}

/** After a reset, or a refusal (the form moved on meanwhile), the lists that show the form refetch. */
export function useResetPaperworkAssignment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: resetPaperworkAssignment,
    onSettled: (_reset, _error, { assignment }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: paperworkAssignmentKey(assignment.id) }),
        queryClient.invalidateQueries({ queryKey: appointmentPaperworkKey(assignment.appointmentId) }),
        queryClient.invalidateQueries({ queryKey: patientPaperworkKey(assignment.patientId) }),
      ]),
  });
}
