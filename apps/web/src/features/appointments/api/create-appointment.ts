import type { CreateAppointmentRequest } from '@glowdesk/contracts';
import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { refetchAfterAppointmentChange } from './appointment-query-keys.ts';
import { bookAppointmentSchema } from './appointment-schema.ts';

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

/** Booking takes the time: the book shows the visit and the open times stop offering it. */
export function createAppointmentMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationFn: createAppointment,
    onSettled: () => refetchAfterAppointmentChange(queryClient),
  });
}

export function useCreateAppointment() {
  return useMutation(createAppointmentMutation(useQueryClient()));
}
