import { z } from 'zod';
import { idSchema } from './common.ts';

export const paymentGatewayNameSchema = z.enum(['simulated', 'stripe']);
export type PaymentGatewayName = z.infer<typeof paymentGatewayNameSchema>;

export const cardBrandSchema = z.enum(['visa', 'mastercard', 'amex', 'discover', 'diners', 'jcb', 'unionpay', 'unknown']);
export type CardBrand = z.infer<typeof cardBrandSchema>;

/** A card on file: what Glowdesk keeps (never the number). */
export const paymentMethodSchema = z.object({
  id: idSchema,
  patientId: idSchema,
  gateway: paymentGatewayNameSchema,
  brand: cardBrandSchema,
  last4: z.string(),
  expMonth: z.number().int(),
  expYear: z.number().int(),
  isDefault: z.boolean(),
  createdAt: z.string(),
});
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

export const paymentMethodListSchema = z.object({ items: z.array(paymentMethodSchema) });
export type PaymentMethodList = z.infer<typeof paymentMethodListSchema>;

export const addPaymentMethodRequestSchema = z.strictObject({
  /** What the browser got from the gateway: a Stripe `pm_…`, a simulated `tok_…`, or a test id like `pm_card_visa`. */
  gatewayToken: z
    .string()
    .trim()
    .min(1, { message: 'Send the token the payment gateway returned.' })
    .max(255)
    .regex(/^[A-Za-z0-9_]+$/, { message: 'Must be a token returned by the payment gateway, e.g. tok_… or pm_….' }),
  /** Make this the patient's default card (the first card always is). */
  makeDefault: z.boolean().optional(),
});
export type AddPaymentMethodRequest = z.input<typeof addPaymentMethodRequestSchema>;

/** What the browser needs to collect a card for a patient (Stripe: confirmCardSetup with the client secret). */
export const setupSessionSchema = z.object({
  gateway: paymentGatewayNameSchema,
  setupSessionId: z.string(),
  clientSecret: z.string(),
  publishableKey: z.string().nullable(),
  tokenizeUrl: z.string().nullable(),
});
export type SetupSession = z.infer<typeof setupSessionSchema>;

/** `GET /api/v1/billing/config`: which gateway the browser talks to, and how. */
export const billingConfigSchema = z.object({
  gateway: paymentGatewayNameSchema,
  /** Stripe only: for Stripe.js / Elements. */
  publishableKey: z.string().nullable(),
  /** Simulated only: `POST` a card here to get a `tok_…` (see simulatedTokenRequestSchema). */
  tokenizeUrl: z.string().nullable(),
  /** Simulated only: a hosted card form to embed in an iframe; it posts the token to the parent window. */
  cardFormUrl: z.string().nullable(),
});
export type BillingConfig = z.infer<typeof billingConfigSchema>;

/** The simulated gateway's card entry (the browser sends it to the gateway, never to /api/v1). */
export const simulatedTokenRequestSchema = z.strictObject({
  number: z
    .string()
    .max(30)
    .regex(/^[\d -]+$/, { message: 'Must be the card number (digits, spaces allowed).' }),
  expMonth: z.number().int(),
  expYear: z.number().int(),
  cvc: z.string().max(10),
  postalCode: z.string().trim().max(20).optional(),
});
export type SimulatedTokenRequest = z.input<typeof simulatedTokenRequestSchema>;

export const simulatedTokenResponseSchema = z.object({
  token: z.string(),
  card: z.object({ brand: cardBrandSchema, last4: z.string(), expMonth: z.number().int(), expYear: z.number().int() }),
});
export type SimulatedTokenResponse = z.infer<typeof simulatedTokenResponseSchema>;

/** The message the simulated card form page posts to its parent window. */
export interface SimulatedCardFormMessage {
  type: 'glowdesk:gateway-token';
  token: string;
  card: SimulatedTokenResponse['card'];
}

/** `PATCH …/payment-methods/:paymentMethodId`: a reissued card's new expiry (the number never changes here). */
export const updatePaymentMethodRequestSchema = z.strictObject({
  expMonth: z.number({ message: 'Must be the month, 1 to 12.' }).int().min(1, { message: 'Must be the month, 1 to 12.' }).max(12, {
    message: 'Must be the month, 1 to 12.',
  }),
  expYear: z
    .number({ message: 'Must be the four-digit year.' })
    .int()
    .min(2000, { message: 'Must be the four-digit year.' })
    .max(2199, { message: 'Must be the four-digit year.' }),
});
export type UpdatePaymentMethodRequest = z.input<typeof updatePaymentMethodRequestSchema>;
