import { assignPaperworkResultSchema } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentQueryKeys } from '../../appointments/api/appointment-query-keys.ts';
import { appointmentPaperworkKey, paperworkKey } from './paperwork-query-keys.ts';

/** Assigns the appointment's services' forms to its patient; a repeat creates nothing. */
export function assignAppointmentPaperwork(appointmentId: string) {
  return apiRequest(`/api/v1/appointments/${encodeURIComponent(appointmentId)}/paperwork/assign`, assignPaperworkResultSchema, {
    method: 'POST',
  });
}

export function useAssignAppointmentPaperwork() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: assignAppointmentPaperwork,
    // The appointment's list and history (which records the assignment) and the patient's list change.
    onSettled: (_result, _error, appointmentId) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: appointmentPaperworkKey(appointmentId) }),
        queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.history(appointmentId) }),
        queryClient.invalidateQueries({ queryKey: [...paperworkKey, 'patients'] }),
      ]),
  });
}
