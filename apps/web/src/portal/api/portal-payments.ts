import {
  paymentMethodListSchema,
  paymentMethodSchema,
  portalInvoiceListSchema,
  portalInvoicePaymentResponseSchema,
  portalInvoiceSchema,
  setupSessionSchema,
  type UpdatePaymentMethodRequest,
} from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import type { GatewayClientConfig } from '../../features/appointments/components/gateway-card-form.tsx';
import { apiCommand, apiRequest } from '../../shared/api/api-client.ts';
import { portalKeys } from './portal-query-keys.ts';

/** The setup session, and the simulated gateway's card form address when the reply names it. */
const cardSetupSchema = setupSessionSchema.extend({ cardFormUrl: z.string().nullish() });

export function usePortalCards(slug: string) {
  return useQuery({
    queryKey: portalKeys.cards(slug),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/payment-methods', paymentMethodListSchema, { signal }),
  });
}

/**
 * How this browser reaches the practice's payment gateway to enter a card. The simulated
 * gateway's card form sits beside its tokenize address when the reply does not name it.
 */
export function useCardSetup(slug: string, enabled: boolean) {
  return useQuery({
    queryKey: portalKeys.cardSetup(slug),
    enabled,
    staleTime: Infinity,
    gcTime: 0,
    queryFn: async (): Promise<GatewayClientConfig> => {
      const session = await apiRequest('/api/v1/portal/payment-methods/setup-session', cardSetupSchema, { method: 'POST' });
      const cardFormUrl =
        typeof session.cardFormUrl === 'string'
          ? session.cardFormUrl
          : session.gateway === 'simulated' && session.tokenizeUrl
            ? session.tokenizeUrl.replace(/\/tokens$/, '/card-form')
            : null;
      return { gateway: session.gateway, publishableKey: session.publishableKey, cardFormUrl };
    },
  });
}

function useInvalidateCards(slug: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: portalKeys.cards(slug) });
}

/** Saves the card behind the gateway's token (the same token twice returns the card saved the first time). */
export function useSaveCard(slug: string) {
  const invalidate = useInvalidateCards(slug);
  return useMutation({
    mutationFn: (input: { gatewayToken: string; makeDefault?: boolean }) =>
      apiRequest('/api/v1/portal/payment-methods', paymentMethodSchema, { method: 'POST', body: input }),
    onSuccess: invalidate,
  });
}

export function useEditCard(slug: string) {
  const invalidate = useInvalidateCards(slug);
  return useMutation({
    mutationFn: ({ paymentMethodId, expiry }: { paymentMethodId: string; expiry: UpdatePaymentMethodRequest }) =>
      apiRequest(`/api/v1/portal/payment-methods/${encodeURIComponent(paymentMethodId)}`, paymentMethodSchema, {
        method: 'PATCH',
        body: expiry,
      }),
    onSuccess: invalidate,
  });
}

export function useMakeDefaultCard(slug: string) {
  const invalidate = useInvalidateCards(slug);
  return useMutation({
    mutationFn: (paymentMethodId: string) =>
      apiRequest(`/api/v1/portal/payment-methods/${encodeURIComponent(paymentMethodId)}/default`, paymentMethodSchema, {
        method: 'POST',
      }),
    onSuccess: invalidate,
  });
}

export function useRemoveCard(slug: string) {
  const invalidate = useInvalidateCards(slug);
  return useMutation({
    mutationFn: (paymentMethodId: string) =>
      apiCommand(`/api/v1/portal/payment-methods/${encodeURIComponent(paymentMethodId)}`, { method: 'DELETE' }),
    onSuccess: invalidate,
  });
}

export function usePortalInvoices(slug: string) {
  return useQuery({
    queryKey: portalKeys.invoices(slug),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/invoices', portalInvoiceListSchema, { signal }),
  });
}

export function usePortalInvoice(slug: string, invoiceId: string) {
  return useQuery({
    queryKey: [...portalKeys.invoices(slug), invoiceId],
    queryFn: ({ signal }) => apiRequest(`/api/v1/portal/invoices/${encodeURIComponent(invoiceId)}`, portalInvoiceSchema, { signal }),
  });
}

/** The receipt page of an invoice (HTML, printable), opened by the browser with the session cookie. */
export function invoiceReceiptUrl(invoiceId: string): string {
  return `/api/v1/portal/invoices/${encodeURIComponent(invoiceId)}/receipt`;
}

/**
 * Pays an invoice's balance with a card on file. The caller makes the Idempotency-Key once per
 * attempt: a double tap or a retry after a lost answer sends the same key and is charged once.
 */
export function usePayInvoice(slug: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      invoiceId,
      paymentMethodId,
      currency,
      idempotencyKey,
    }: {
      invoiceId: string;
      paymentMethodId: string;
      currency: string;
      idempotencyKey: string;
    }) =>
      apiRequest(`/api/v1/portal/invoices/${encodeURIComponent(invoiceId)}/payments`, portalInvoicePaymentResponseSchema, {
        method: 'POST',
        body: { paymentMethodId, currency },
        headers: { 'idempotency-key': idempotencyKey },
      }),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: portalKeys.invoices(slug) }),
        queryClient.invalidateQueries({ queryKey: portalKeys.dashboard(slug) }),
      ]),
  });
}
