import { z } from 'zod';
import { cardBrandSchema } from './billing.ts';
import { idSchema } from './common.ts';
import {
  currencyCodeSchema,
  invoiceKindSchema,
  invoiceLineSchema,
  invoiceStatusSchema,
  invoiceTotalsSchema,
  paymentKindSchema,
  paymentStatusSchema,
  refundStatusSchema,
} from './invoices.ts';

/** One of the patient's invoices in the portal's Payment History. */
export const portalInvoiceSummarySchema = z.object({
  id: idSchema,
  number: z.number().int(),
  kind: invoiceKindSchema,
  kindLabel: z.string(),
  /** `unpaid` shows red (with its balance), every other status green or grey. */
  status: invoiceStatusSchema,
  statusLabel: z.string(),
  currency: z.string(),
  totals: invoiceTotalsSchema,
  clinicName: z.string().nullable(),
  createdAt: z.string(),
  paidAt: z.string().nullable(),
});
export type PortalInvoiceSummary = z.infer<typeof portalInvoiceSummarySchema>;

/** `GET /api/v1/portal/invoices`: every invoice of the active profile, newest first. */
export const portalInvoiceListSchema = z.object({ items: z.array(portalInvoiceSummarySchema) });
export type PortalInvoiceList = z.infer<typeof portalInvoiceListSchema>;

export const portalInvoicePaymentSchema = z.object({
  id: idSchema,
  method: paymentKindSchema,
  status: paymentStatusSchema,
  amountCents: z.number().int(),
  currency: z.string(),
  card: z.object({ brand: cardBrandSchema, last4: z.string() }).nullable(),
  /** Why a card payment did not go through (declined, needs the bank's approval). */
  failureMessage: z.string().nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
});
export type PortalInvoicePayment = z.infer<typeof portalInvoicePaymentSchema>;

export const portalInvoiceRefundSchema = z.object({
  id: idSchema,
  /** Back to the card, in cash, or as dollar credit in the patient's wallet. */
  method: z.enum(['card', 'cash', 'wallet_credit']),
  status: refundStatusSchema,
  amountCents: z.number().int(),
  currency: z.string(),
  createdAt: z.string(),
});

/** `GET /api/v1/portal/invoices/:invoiceId`: lines, payments and refunds, and whether it can be paid now. */
export const portalInvoiceSchema = portalInvoiceSummarySchema.extend({
  lines: z.array(invoiceLineSchema),
  payments: z.array(portalInvoicePaymentSchema),
  refunds: z.array(portalInvoiceRefundSchema),
  appointment: z
    .object({
      start: z.string(),
      timeZone: z.string(),
      providerName: z.string().nullable(),
      services: z.array(z.string()),
    })
    .nullable(),
  /** Unpaid with a balance and no card payment being processed. */
  canPay: z.boolean(),
});
export type PortalInvoice = z.infer<typeof portalInvoiceSchema>;

/** `POST /api/v1/portal/invoices/:invoiceId/payments` (send an Idempotency-Key): the balance, with one of your cards on file. */
export const portalPayInvoiceRequestSchema = z.strictObject({
  paymentMethodId: idSchema,
  /** Optional guard: refused unless it is the invoice's currency. */
  currency: currencyCodeSchema.optional(),
});
export type PortalPayInvoiceRequest = z.input<typeof portalPayInvoiceRequestSchema>;

export const portalInvoicePaymentResponseSchema = z.object({ invoice: portalInvoiceSchema, payment: portalInvoicePaymentSchema });
export type PortalInvoicePaymentResponse = z.infer<typeof portalInvoicePaymentResponseSchema>;
