import { invoicePaymentResponseSchema, type PaymentChoice } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientQueryKeys } from '../../patients/api/patient-query-keys.ts';
import { walletQueryKeys } from '../../wallet/api/wallet-query-keys.ts';
import { invalidateAfterMoney } from './invalidate-after-money.ts';
import { invoiceKey } from './invoice-query-keys.ts';

export interface PayInvoiceInput {
  invoiceId: string;
  appointmentId: string | null;
  /** A new card is saved to this patient's cards on file before it is charged. */
  patientId: string;
  payment: PaymentChoice;
  amountCents: number;
  currency: string;
  /** One per attempt: a double click or a retry after a lost answer never charges twice. */
  idempotencyKey: string;
}

export function payInvoice({ invoiceId, payment, amountCents, currency, idempotencyKey }: PayInvoiceInput) {
  return apiRequest(`/api/v1/invoices/${encodeURIComponent(invoiceId)}/payments`, invoicePaymentResponseSchema, {
    method: 'POST',
    body: { payment, amountCents, currency },
    headers: { 'idempotency-key': idempotencyKey },
  });
}

/** Takes payment of an unpaid invoice by card on file, new card, cash or wallet credit. */
export function usePayInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: payInvoice,
    onSuccess: ({ invoice }) => queryClient.setQueryData(invoiceKey(invoice.id), invoice),
    // A declined card is recorded too (a failed payment and its history): refresh either way.
    onSettled: async (_data, _error, input) => {
      await Promise.all([
        invalidateAfterMoney(queryClient, input.invoiceId, input.appointmentId),
        ...(input.payment.method === 'new_card'
          ? [queryClient.invalidateQueries({ queryKey: patientQueryKeys.paymentMethods(input.patientId) })]
          : []),
        ...(input.payment.method === 'wallet_credit'
          ? [queryClient.invalidateQueries({ queryKey: walletQueryKeys.ofPatient(input.patientId) })]
          : []),
      ]);
    },
  });
}
