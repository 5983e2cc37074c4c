import { invoiceSchema, type Invoice } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { invoiceKey } from './invoice-query-keys.ts';

export function getInvoice(invoiceId: string, signal?: AbortSignal): Promise<Invoice> {
  return apiRequest(`/api/v1/invoices/${encodeURIComponent(invoiceId)}`, invoiceSchema, { signal });
}

/** One invoice with its lines, payments, refunds, history and the actions the signed-in role may take now. */
export function useInvoice(invoiceId: string) {
  return useQuery({
    queryKey: invoiceKey(invoiceId),
    queryFn: ({ signal }) => getInvoice(invoiceId, signal),
    // Money moves from other desks and from gateway webhooks: always ask again when the page opens.
    staleTime: 0,
  });
}

/** Where the printable receipt is served (opened in a new tab; the session cookie authorizes it). */
export function receiptUrl(invoiceId: string): string {
  return `/api/v1/invoices/${encodeURIComponent(invoiceId)}/receipt`;
}
