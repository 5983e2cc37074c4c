import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { feeOutcomeSchema } from '@glowdesk/contracts';
import { appointmentKey, appointmentListsKey, bookAppointmentSchema } from './appointment-schema.ts';

/** Cancel and no-show answers say what happened to a requested fee (paid, declined…). */
const statusChangeResponseSchema = bookAppointmentSchema.extend({ fee: feeOutcomeSchema.nullable().optional() });

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

export function useChangeAppointmentStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: changeAppointmentStatus,
    onSuccess: ({ fee: _fee, ...updated }) => queryClient.setQueryData(appointmentKey(updated.id), updated),
    onSettled: async (_data, _error, change) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: appointmentListsKey }),
        queryClient.invalidateQueries({ queryKey: ['no-shows'] }),
        queryClient.invalidateQueries({ queryKey: [...appointmentKey(change.appointmentId), 'history'] }),
      ]);
    },
  });
}
