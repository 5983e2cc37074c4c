import { invoiceSchema } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { invalidateAfterMoney } from './invalidate-after-money.ts';
import { invoiceKey } from './invoice-query-keys.ts';

export interface VoidInvoiceInput {
  invoiceId: string;
  appointmentId: string | null;
  reason: string;
}

export function voidInvoice({ invoiceId, reason }: VoidInvoiceInput) {
  return apiRequest(`/api/v1/invoices/${encodeURIComponent(invoiceId)}/void`, invoiceSchema, { method: 'POST', body: { reason } });
}

/** Voids an invoice nothing was paid on (a forgiven fee, a checkout to redo). */
export function useVoidInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: voidInvoice,
    onSuccess: (invoice) => queryClient.setQueryData(invoiceKey(invoice.id), invoice),
    onSettled: (_data, _error, input) => invalidateAfterMoney(queryClient, input.invoiceId, input.appointmentId),
  });
}
