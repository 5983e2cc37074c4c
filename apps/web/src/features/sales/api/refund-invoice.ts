import { invoiceRefundResponseSchema } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { invalidateAfterMoney } from './invalidate-after-money.ts';
import { invoiceKey } from './invoice-query-keys.ts';

export interface RefundInvoiceInput {
  invoiceId: string;
  appointmentId: string | null;
  paymentId: string;
  amountCents: number;
  currency: string;
  reason: string;
  /** One per dialog opening: a double click or a retry after a lost answer never refunds twice. */
  idempotencyKey: string;
}

export function refundInvoice({ invoiceId, paymentId, amountCents, currency, reason, idempotencyKey }: RefundInvoiceInput) {
  return apiRequest(`/api/v1/invoices/${encodeURIComponent(invoiceId)}/refunds`, invoiceRefundResponseSchema, {
    method: 'POST',
    body: { paymentId, amountCents, currency, reason },
    headers: { 'idempotency-key': idempotencyKey },
  });
}

/** Refunds part or all of one payment, with a reason; card refunds go back through the gateway. */
export function useRefundInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: refundInvoice,
    onSuccess: ({ invoice }) => queryClient.setQueryData(invoiceKey(invoice.id), invoice),
    onSettled: (_data, _error, input) => invalidateAfterMoney(queryClient, input.invoiceId, input.appointmentId),
  });
}
