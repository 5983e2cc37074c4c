import { checkoutResponseSchema, type CheckoutRequest } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentQueryKeys } from '../../appointments/api/appointment-query-keys.ts';
import { walletQueryKeys } from '../../wallet/api/wallet-query-keys.ts';
import { invoiceKey, invoiceListsKey } from './invoice-query-keys.ts';

export interface CheckoutAppointmentInput {
  appointmentId: string;
  /** The appointment's patient: a checkout may sell into or spend from their wallet. */
  patientId: string | null;
  request: CheckoutRequest;
  /** One per dialog opening: a double click or a retry after a lost answer never charges twice. */
  idempotencyKey: string;
}

export function checkoutAppointment({ appointmentId, request, idempotencyKey }: CheckoutAppointmentInput) {
  return apiRequest(`/api/v1/appointments/${encodeURIComponent(appointmentId)}/checkout`, checkoutResponseSchema, {
    method: 'POST',
    body: request,
    headers: { 'idempotency-key': idempotencyKey },
  });
}

/**
 * Checks an appointment out: invoice its services, products, wallet sales and redemptions, discount
 * and tax, take payment; paid in full, it is completed.
 */
export function useCheckoutAppointment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: checkoutAppointment,
    onSuccess: ({ invoice }) => queryClient.setQueryData(invoiceKey(invoice.id), invoice),
    // A declined card still leaves an unpaid invoice on the appointment: refresh either way.
    onSettled: async (_data, _error, { appointmentId, patientId }) => {
      await Promise.all([
        ...(patientId ? [queryClient.invalidateQueries({ queryKey: walletQueryKeys.ofPatient(patientId) })] : []),
        queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.detail(appointmentId) }),
        queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: invoiceListsKey }),
      ]);
    },
  });
}
