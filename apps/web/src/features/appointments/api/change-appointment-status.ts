import { mutationOptions, useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentActionResponseSchema } from '@glowdesk/contracts';
import { appointmentQueryKeys, refetchAfterAppointmentChange } from './appointment-query-keys.ts';

/** Cancel and no-show answers say what happened to a requested fee (paid, declined…); the other steps answer the appointment alone. */
const statusChangeResponseSchema = appointmentActionResponseSchema.partial({ fee: true });

/** The lifecycle steps that need no input: booked → confirmed → checked in → in procedure → completed. */
export type StatusStep = 'confirm' | 'check-in' | 'start' | 'complete';

export type StatusChange =
  | { appointmentId: string; step: StatusStep }
  | { appointmentId: string; step: 'cancel'; reason: string; chargeFee: boolean; idempotencyKey: string }
  | { appointmentId: string; step: 'no-show'; chargeFee: boolean; idempotencyKey: string };

function bodyOf(change: StatusChange): Record<string, unknown> {
  switch (change.step) {
    case 'cancel':
      return { reason: change.reason, chargeFee: change.chargeFee };
    case 'no-show':
      return { chargeFee: change.chargeFee };
    case 'confirm':
    case 'check-in':
    case 'start':
    case 'complete':
      return {};
  }
}

export function changeAppointmentStatus(change: StatusChange) {
  return apiRequest(`/api/v1/appointments/${encodeURIComponent(change.appointmentId)}/${change.step}`, statusChangeResponseSchema, {
    method: 'POST',
    body: bodyOf(change),
    // A fee may be charged: a retried click must not charge twice.
    ...('idempotencyKey' in change ? { headers: { 'idempotency-key': change.idempotencyKey } } : {}),
  });
}

/** A cancel or no-show frees the time (and may add a fee invoice); every step changes the book and the history. */
export function changeAppointmentStatusMutation(queryClient: QueryClient) {
  return mutationOptions({
    mutationFn: changeAppointmentStatus,
    onSuccess: ({ fee: _fee, ...updated }) => queryClient.setQueryData(appointmentQueryKeys.detail(updated.id), updated),
    onSettled: (_data, _error, change) => refetchAfterAppointmentChange(queryClient, change.appointmentId),
  });
}

export function useChangeAppointmentStatus() {
  return useMutation(changeAppointmentStatusMutation(useQueryClient()));
}
