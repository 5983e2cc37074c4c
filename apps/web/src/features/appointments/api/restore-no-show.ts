import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentKey, appointmentListsKey, restoredAppointmentSchema } from './appointment-schema.ts';

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

/** Puts a no-show back on the calendar as booked. */
export function useRestoreNoShow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: restoreNoShow,
    onSuccess: (restored) => queryClient.invalidateQueries({ queryKey: appointmentKey(restored.id) }),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['no-shows'] }),
        queryClient.invalidateQueries({ queryKey: appointmentListsKey }),
      ]);
    },
  });
}
