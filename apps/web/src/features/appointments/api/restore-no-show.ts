import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { refetchAfterAppointmentChange } from './appointment-query-keys.ts';
import { restoredAppointmentSchema } from './appointment-schema.ts';

export interface RestoreNoShowInput {
  appointmentId: string;
  /** Needed when the time was booked by someone else meanwhile (rooms and devices are still never overbooked). */
  allowDoubleBooking: boolean;
}

export function restoreNoShow({ appointmentId, allowDoubleBooking }: RestoreNoShowInput) {
  return apiRequest(`/api/v1/appointments/${encodeURIComponent(appointmentId)}/restore`, restoredAppointmentSchema, {
    method: 'POST',
    body: { allowDoubleBooking },
  });
}

/** Puts a no-show back on the calendar as booked: its time is taken again. */
export function restoreNoShowMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationFn: restoreNoShow,
    onSettled: (_restored, _error, { appointmentId }) => refetchAfterAppointmentChange(queryClient, appointmentId),
  });
}

export function useRestoreNoShow() {
  return useMutation(restoreNoShowMutation(useQueryClient()));
}
