import { notifyAppointmentResultSchema, type NotifyAppointmentRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentQueryKeys } from '../../appointments/api/appointment-query-keys.ts';
import { messagesQueryKey } from './notifications-query-keys.ts';

export interface NotifyAppointmentInput {
  appointmentId: string;
  /** No channels: "Don't Send Notification", recorded on the appointment's history. */
  request: NotifyAppointmentRequest;
}

export function notifyAppointment({ appointmentId, request }: NotifyAppointmentInput) {
  return apiRequest(`/api/v1/appointments/${encodeURIComponent(appointmentId)}/notify`, notifyAppointmentResultSchema, {
    method: 'POST',
    body: request,
  });
}

/** The appointment's history gains the send (or the choice not to), and Settings → Messages the messages. */
export function useNotifyAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: notifyAppointment,
    onSettled: (_result, _error, { appointmentId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: messagesQueryKey }),
        queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.detail(appointmentId) }),
      ]),
  });
}
