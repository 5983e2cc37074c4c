import type { CreateAppointmentRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentListsKey, bookAppointmentSchema } from './appointment-schema.ts';

export interface CreateAppointmentInput {
  request: CreateAppointmentRequest;
  /** One per submission of the same booking: a double click or a retry never books twice. */
  idempotencyKey: string;
}

export function createAppointment({ request, idempotencyKey }: CreateAppointmentInput) {
  return apiRequest('/api/v1/appointments', bookAppointmentSchema, {
    method: 'POST',
    body: request,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

export function useCreateAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAppointment,
    onSettled: () => queryClient.invalidateQueries({ queryKey: appointmentListsKey }),
  });
}
