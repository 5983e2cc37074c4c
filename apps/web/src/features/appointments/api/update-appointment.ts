import type { UpdateAppointmentRequest } from '@glowdesk/contracts';
import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentQueryKeys, refetchAfterAppointmentChange } from './appointment-query-keys.ts';
import { bookAppointmentSchema, type BookAppointment } from './appointment-schema.ts';

export interface UpdateAppointmentInput {
  appointmentId: string;
  /** The version the user saw; the server refuses the change (412) when it moved on. */
  expectedVersion: number;
  changes: UpdateAppointmentRequest;
}

export function updateAppointment({ appointmentId, expectedVersion, changes }: UpdateAppointmentInput) {
  return apiRequest(`/api/v1/appointments/${encodeURIComponent(appointmentId)}`, bookAppointmentSchema, {
    method: 'PATCH',
    body: changes,
    headers: { 'if-match': `"${expectedVersion}"` },
  });
}

/** Edit or reschedule from the form: the old time opens up and the new one is taken. */
export function updateAppointmentMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationFn: updateAppointment,
    onSuccess: (updated) => queryClient.setQueryData(appointmentQueryKeys.detail(updated.id), updated),
    onSettled: (_updated, _error, { appointmentId }) => refetchAfterAppointmentChange(queryClient, appointmentId),
  });
}

export function useUpdateAppointment() {
  return useMutation(updateAppointmentMutation(useQueryClient()));
}

export interface MoveAppointmentInput {
  appointment: BookAppointment;
  providerId: string;
  /** New start instant (ISO). */
  start: string;
}

/**
 * Drag to move: the card moves at once in every cached list, and moves back when the server
 * refuses (409 conflict, 412 stale, 400 outside the rules).
 */
export function moveAppointmentMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationFn: ({ appointment, providerId, start }: MoveAppointmentInput) =>
      updateAppointment({
        appointmentId: appointment.id,
        expectedVersion: appointment.version,
        changes: { start, ...(providerId !== appointment.providerId ? { providerId } : {}) },
      }),
    onMutate: async ({ appointment, providerId, start }) => {
      await queryClient.cancelQueries({ queryKey: appointmentQueryKeys.lists() });
      const snapshot = queryClient.getQueriesData<BookAppointment[]>({ queryKey: appointmentQueryKeys.lists() });
      const shiftMs = Date.parse(start) - Date.parse(appointment.start);
      const shift = (instant: string) => new Date(Date.parse(instant) + shiftMs).toISOString();
      const moved: BookAppointment = {
        ...appointment,
        providerId,
        start,
        end: shift(appointment.end),
        services: appointment.services.map((service) => ({ ...service, start: shift(service.start), end: shift(service.end) })),
      };
      queryClient.setQueriesData<BookAppointment[]>({ queryKey: appointmentQueryKeys.lists() }, (items) =>
        items?.map((item) => (item.id === appointment.id ? moved : item)),
      );
      return { snapshot };
    },
    onError: (_error, _input, context) => {
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: (updated) => queryClient.setQueryData(appointmentQueryKeys.detail(updated.id), updated),
    onSettled: (_updated, _error, { appointment }) => refetchAfterAppointmentChange(queryClient, appointment.id),
  });
}

export function useMoveAppointment() {
  return useMutation(moveAppointmentMutation(useQueryClient()));
}
