import { z } from 'zod';
import { idSchema, isoInstantSchema, localDateSchema } from './common.ts';

/** The largest amount one line, payment or refund may carry, in minor units (as the gateway port allows). */
export const MAX_AMOUNT_CENTS = 99_999_999;

/** A positive whole amount in minor units of the invoice's currency. */
export const positiveAmountCentsSchema = z
  .number({ message: 'Must be a whole number of minor units (cents).' })
  .int({ message: 'Must be a whole number of minor units (cents).' })
  .min(1, { message: 'Must be at least 1 (amounts are in minor units, e.g. cents).' })
  .max(MAX_AMOUNT_CENTS, { message: `Must be at most ${MAX_AMOUNT_CENTS}.` });

/** ISO 4217, any case in; upper case out. */
export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Za-z]{3}$/, { message: 'Must be a three-letter ISO 4217 currency code, e.g. USD.' })
  .transform((code) => code.toUpperCase());

export const invoiceKindSchema = z.enum(['service', 'cancellation_fee', 'no_show_fee', 'product', 'membership']);
export type InvoiceKind = z.infer<typeof invoiceKindSchema>;
/** How Sales names each kind (the reference's "Appointment Cancellation/Rescheduling Charges"). */
export const invoiceKindLabels: Record<InvoiceKind, string> = {
  service: 'Appointment Checkout',
  cancellation_fee: 'Appointment Cancellation/Rescheduling Charges',
  no_show_fee: 'No-Show Charges',
  product: 'Product Sale',
  membership: 'Membership Fee',
};

export const invoiceStatusSchema = z.enum(['unpaid', 'paid', 'partially_refunded', 'refunded', 'void']);
export type InvoiceStatus = z.infer<typeof invoiceStatusSchema>;
export const invoiceStatusLabels: Record<InvoiceStatus, string> = {
  unpaid: 'Unpaid',
  paid: 'Paid',
  partially_refunded: 'Partially refunded',
  refunded: 'Refunded',
  void: 'Void',
};

/**
 * `wallet_credit` sells a dollar credit and `prepaid` sells prepaid units (both reach the
 * wallet once the invoice is paid in full); `prepaid_redemption` is a negative line: a service
 * paid by one of the patient's prepaid units.
 */
export const invoiceLineKindSchema = z.enum([
  'service',
  'product',
  'fee',
  'discount',
  'tax',
  'wallet_credit',
  'prepaid',
  'prepaid_redemption',
]);
export type InvoiceLineKind = z.infer<typeof invoiceLineKindSchema>;
export const paymentKindSchema = z.enum(['card_on_file', 'new_card', 'cash', 'wallet_credit']);
export type PaymentKind = z.infer<typeof paymentKindSchema>;
export const paymentStatusSchema = z.enum(['pending', 'succeeded', 'failed']);
export type PaymentStatus = z.infer<typeof paymentStatusSchema>;
export const refundStatusSchema = z.enum(['pending', 'processing', 'succeeded', 'failed']);
export type RefundStatus = z.infer<typeof refundStatusSchema>;

/** Which of the wallet's money balances a credit, a removal or a wallet payment concerns. */
export const walletMoneyBalanceSchema = z.enum(['credits', 'rewards']);
export type WalletMoneyBalance = z.infer<typeof walletMoneyBalanceSchema>;

const gatewayTokenSchema = z
  .string()
  .trim()
  .min(1, { message: 'Send the token the payment gateway returned.' })
  .max(255)
  .regex(/^[A-Za-z0-9_]+$/, { message: 'Must be a token returned by the payment gateway, e.g. tok_… or pm_….' });

/**
 * How to pay: a card on file of the invoice's patient, a new card (the gateway token the
 * browser got; the card is saved to the patient's cards on file, then charged), cash, or
 * the patient's wallet (dollar credits by default, or rewards).
 */
export const paymentChoiceSchema = z.discriminatedUnion('method', [
  z.strictObject({ method: z.literal('card_on_file'), paymentMethodId: idSchema }),
  z.strictObject({ method: z.literal('new_card'), gatewayToken: gatewayTokenSchema }),
  z.strictObject({
    method: z.literal('cash'),
    /** What the patient handed over; the change due is returned. Defaults to the amount. */
    amountTenderedCents: positiveAmountCentsSchema.optional(),
  }),
  z.strictObject({ method: z.literal('wallet_credit'), balance: walletMoneyBalanceSchema.optional() }),
]);
export type PaymentChoice = z.infer<typeof paymentChoiceSchema>;

/** What checkout may sell into the wallet: a dollar credit (a gift card or prepaid amount) or prepaid units. */
export const walletSaleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('credit'),
    amountCents: positiveAmountCentsSchema,
    /** The invoice line's text; "Gift card" by default. */
    name: z.string().trim().min(1).max(200).optional(),
    expiresOn: localDateSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('prepaid'),
    /** The service or product, as the invoice and the wallet show it ("HydraFacial"). */
    name: z.string().trim().min(1, { message: 'Name the service or product.' }).max(200),
    /** Units of this service; without it, units of the product named. */
    serviceId: idSchema.optional(),
    quantity: z.number().int().min(1).max(1000),
    unitPriceCents: z.number().int().min(0).max(99_999_999),
    expiresOn: localDateSchema.optional(),
  }),
]);
export type WalletSale = z.infer<typeof walletSaleSchema>;

export const checkoutProductSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'Name the product.' }).max(200),
  unitPriceCents: positiveAmountCentsSchema,
  quantity: z.number().int().min(1).max(1000),
});

export const checkoutDiscountSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('amount'), value: positiveAmountCentsSchema }),
  z.strictObject({
    kind: z.literal('percent'),
    value: z.number().int({ message: 'Must be a whole percentage.' }).min(1).max(100),
  }),
]);

/** `POST /api/v1/appointments/:id/checkout` (Idempotency-Key accepted). */
export const checkoutRequestSchema = z.strictObject({
  products: z.array(checkoutProductSchema).max(50).optional(),
  discount: checkoutDiscountSchema.optional(),
  /** Gift cards, prepaid amounts and packages sold with the visit (reach the wallet once paid in full). */
  walletSales: z.array(walletSaleSchema).max(20).optional(),
  /** The appointment's services paid by one of the patient's prepaid units each. */
  prepaidServiceIds: z.array(idSchema).max(20).optional(),
  payment: paymentChoiceSchema,
  /** Optional guard: refused unless it is the appointment's currency. */
  currency: currencyCodeSchema.optional(),
});
export type CheckoutRequest = z.input<typeof checkoutRequestSchema>;

/** `POST /api/v1/invoices/:id/payments`: pay all (default) or part of the balance. */
export const payInvoiceRequestSchema = z.strictObject({
  payment: paymentChoiceSchema,
  /** Defaults to the balance. */
  amountCents: positiveAmountCentsSchema.optional(),
  /** Optional guard: refused unless it is the invoice's currency. */
  currency: currencyCodeSchema.optional(),
});
export type PayInvoiceRequest = z.input<typeof payInvoiceRequestSchema>;

/** `POST /api/v1/invoices/:id/refunds`. */
export const refundInvoiceRequestSchema = z.strictObject({
  amountCents: positiveAmountCentsSchema,
  reason: z.string().trim().min(1, { message: 'Give a reason for the refund.' }).max(500),
  /** Which payment to refund; by default the newest one that can cover the amount. */
  paymentId: idSchema.optional(),
  currency: currencyCodeSchema.optional(),
});
export type RefundInvoiceRequest = z.input<typeof refundInvoiceRequestSchema>;

/** `POST /api/v1/invoices/:id/void`: only an invoice nothing was paid on. */
export const voidInvoiceRequestSchema = z.strictObject({
  reason: z.string().trim().min(1, { message: 'Give a reason for voiding the invoice.' }).max(500),
});

export const invoiceListQuerySchema = z.strictObject({
  /** Created at or after. */
  from: isoInstantSchema.optional(),
  /** Created before. */
  to: isoInstantSchema.optional(),
  clinicId: idSchema.optional(),
  status: invoiceStatusSchema.optional(),
  kind: invoiceKindSchema.optional(),
  patientId: idSchema.optional(),
  appointmentId: idSchema.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type InvoiceListQuery = z.input<typeof invoiceListQuerySchema>;

export const invoiceTotalsSchema = z.object({
  subtotalCents: z.number().int(),
  discountCents: z.number().int(),
  taxCents: z.number().int(),
  totalCents: z.number().int(),
  amountPaidCents: z.number().int(),
  amountRefundedCents: z.number().int(),
  /** What is still owed: total − paid. */
  balanceCents: z.number().int(),
});

export const invoicePatientSchema = z.object({ id: idSchema, firstName: z.string(), lastName: z.string() });

export const invoiceSummarySchema = z.object({
  id: idSchema,
  number: z.number().int(),
  kind: invoiceKindSchema,
  kindLabel: z.string(),
  status: invoiceStatusSchema,
  patientId: idSchema,
  patient: invoicePatientSchema.nullable(),
  clinicId: idSchema,
  appointmentId: idSchema.nullable(),
  currency: z.string(),
  totals: invoiceTotalsSchema,
  createdAt: z.string(),
});
export type InvoiceSummary = z.infer<typeof invoiceSummarySchema>;

export const invoiceListSchema = z.object({ items: z.array(invoiceSummarySchema), nextCursor: z.string().nullable() });
export type InvoiceList = z.infer<typeof invoiceListSchema>;

export const invoiceLineSchema = z.object({
  position: z.number().int(),
  kind: invoiceLineKindSchema,
  description: z.string(),
  serviceId: idSchema.nullable(),
  quantity: z.number().int(),
  unitAmountCents: z.number().int(),
  totalCents: z.number().int(),
});

export const invoicePaymentSchema = z.object({
  id: idSchema,
  attempt: z.number().int(),
  method: paymentKindSchema,
  status: paymentStatusSchema,
  amountCents: z.number().int(),
  currency: z.string(),
  card: z.object({ paymentMethodId: idSchema, brand: z.string(), last4: z.string() }).nullable(),
  gatewayChargeId: z.string().nullable(),
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  amountTenderedCents: z.number().int().nullable(),
  changeDueCents: z.number().int().nullable(),
  /** What can still be refunded from this payment (succeeded payments only). */
  refundableCents: z.number().int(),
  createdAt: z.string(),
  createdBy: idSchema.nullable(),
  settledAt: z.string().nullable(),
});
export type InvoicePayment = z.infer<typeof invoicePaymentSchema>;

export const invoiceRefundSchema = z.object({
  id: idSchema,
  paymentId: idSchema,
  method: z.enum(['card', 'cash', 'wallet_credit']),
  status: refundStatusSchema,
  amountCents: z.number().int(),
  currency: z.string(),
  reason: z.string(),
  gatewayRefundId: z.string().nullable(),
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  createdAt: z.string(),
  createdBy: idSchema.nullable(),
  createdByName: z.string().nullable(),
  settledAt: z.string().nullable(),
});
export type InvoiceRefund = z.infer<typeof invoiceRefundSchema>;

export const invoiceEventSchema = z.object({
  id: z.number().int(),
  occurredAt: z.string(),
  actorStaffId: idSchema.nullable(),
  actorName: z.string().nullable(),
  type: z.string(),
  details: z.record(z.string(), z.unknown()),
});

/** The appointment an invoice belongs to, as Sales shows it. */
export const invoiceAppointmentSchema = z.object({
  id: idSchema,
  status: z.string(),
  start: z.string(),
  end: z.string(),
  timeZone: z.string(),
  providerId: idSchema,
  providerName: z.string().nullable(),
  services: z.array(z.object({ serviceId: idSchema, name: z.string() })),
});

export const invoiceSchema = invoiceSummarySchema.extend({
  clinic: z.object({ id: idSchema, name: z.string() }).nullable(),
  taxRateBps: z.number().int(),
  lines: z.array(invoiceLineSchema),
  payments: z.array(invoicePaymentSchema),
  refunds: z.array(invoiceRefundSchema),
  history: z.array(invoiceEventSchema),
  appointment: invoiceAppointmentSchema.nullable(),
  /** What can still be refunded across all payments. */
  refundableCents: z.number().int(),
  /** What the signed-in staff member may do now (the Sales tab shows these buttons). */
  actions: z.object({ pay: z.boolean(), refund: z.boolean(), void: z.boolean() }),
  paidAt: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  /** The staff member who opened it; null for a fee a patient accepted in the portal. */
  createdBy: idSchema.nullable(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

export const invoicePaymentResponseSchema = z.object({ invoice: invoiceSchema, payment: invoicePaymentSchema });
export const invoiceRefundResponseSchema = z.object({ invoice: invoiceSchema, refund: invoiceRefundSchema });

/** What happened to a fee asked for with `chargeFee: true` (cancel, no-show, reschedule). */
export const feeOutcomeSchema = z.object({
  invoiceId: idSchema,
  invoiceNumber: z.number().int(),
  kind: z.enum(['cancellation_fee', 'no_show_fee']),
  amountCents: z.number().int(),
  currency: z.string(),
  /**
   * paid; declined or authentication_required (the invoice stays unpaid: take payment from
   * Sales); pending (the gateway did not answer; retrying never charges twice); failed.
   */
  status: z.enum(['paid', 'declined', 'authentication_required', 'pending', 'failed']),
  message: z.string(),
});
export type FeeOutcome = z.infer<typeof feeOutcomeSchema>;

export const cancellationPolicySchema = z.object({
  id: idSchema,
  version: z.number().int(),
  text: z.string(),
  windowHours: z.number().int(),
  createdAt: z.string(),
  createdBy: idSchema.nullable(),
});
export type CancellationPolicy = z.infer<typeof cancellationPolicySchema>;

/** `GET /api/v1/clinics/:clinicId/billing-settings`. */
export const clinicBillingSettingsSchema = z.object({
  clinicId: idSchema,
  cancellationWindowHours: z.number().int(),
  taxRateBps: z.number().int(),
  /** The policy the booking form shows when a card is taken (current version). */
  cancellationPolicy: cancellationPolicySchema,
  version: z.number().int(),
  updatedAt: z.string().nullable(),
});
export type ClinicBillingSettings = z.infer<typeof clinicBillingSettingsSchema>;

export const updateClinicBillingSettingsRequestSchema = z
  .strictObject({
    cancellationWindowHours: z.number().int().min(0).max(720).optional(),
    /** Basis points: 875 = 8.75 %. */
    taxRateBps: z.number().int().min(0).max(5000).optional(),
    /** A change writes a new policy version; bookings keep the version they showed. */
    cancellationPolicyText: z.string().trim().min(1).max(5000).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'Send at least one field to change.' });
export type UpdateClinicBillingSettingsRequest = z.input<typeof updateClinicBillingSettingsRequestSchema>;

export const cancellationPolicyListSchema = z.object({ items: z.array(cancellationPolicySchema) });

/** `GET /api/v1/sales/settings`: practice-wide sales rules. */
export const salesSettingsSchema = z.object({
  /** Owners and admins always may refund; the front desk only when this is on. */
  frontDeskMayRefund: z.boolean(),
  version: z.number().int(),
});
export type SalesSettings = z.infer<typeof salesSettingsSchema>;

export const updateSalesSettingsRequestSchema = z.strictObject({ frontDeskMayRefund: z.boolean() });
