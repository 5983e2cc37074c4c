import type { CardBrand, PaymentGatewayName } from '@glowdesk/contracts';

/**
 * The payment processor as Glowdesk sees it. Two adapters: `stripe` (the official SDK)
 * and `simulated` (Stripe's test mode, built in; the default and what the demo uses).
 *
 * Amounts are integer minor units; currencies are ISO 4217 upper case (`USD`).
 * No method takes a database transaction: a gateway call is a network call, made
 * between Glowdesk's transactions, never inside one.
 */
export interface PaymentGateway {
  readonly name: PaymentGatewayName;
  /** What the browser needs to tokenize a card with this gateway. */
  readonly clientConfig: GatewayClientConfig;
  /** Creates the gateway customer that holds a patient's cards (same key → same customer). */
  ensureCustomer(input: EnsureCustomerInput): Promise<{ customerId: string }>;
  /** A session the browser completes to save a card for off-session use (Stripe: a SetupIntent). */
  createSetupSession(input: { customerId: string; idempotencyKey?: string }): Promise<GatewaySetupSession>;
  /**
   * Attaches what the browser got from the gateway (a token or payment-method id) to the
   * customer. Throws GatewayRequestError when the token is not usable.
   */
  attachPaymentMethod(input: { customerId: string; token: string }): Promise<SavedCard>;
  /**
   * Changes a saved card's expiry (the bank reissued it with a new date; the number stays).
   * Throws GatewayRequestError `payment_method_unavailable` when the card is detached or
   * belongs to another customer.
   */
  updatePaymentMethod(input: UpdatePaymentMethodInput): Promise<SavedCard>;
  /** Detaches a saved card; a card already detached is not an error. */
  detachPaymentMethod(input: { paymentMethodId: string }): Promise<void>;
  /** Charges a saved card with the patient absent. Never throws for a decline or an outage: see ChargeResult. */
  chargeOffSession(input: OffSessionChargeInput): Promise<ChargeResult>;
  /**
   * Charges many saved cards with the patients absent (a membership billing batch), each
   * exactly as `chargeOffSession` would under its own idempotency key. Answers one result per
   * input, in order, and never throws. `concurrency` bounds the requests in flight for a gateway
   * that takes one charge per request (Stripe: `chargeEachOffSession`); a gateway that can
   * record many charges at once may ignore it.
   */
  chargeOffSessionMany(inputs: readonly OffSessionChargeInput[], options: { concurrency: number }): Promise<ChargeResult[]>;
  /** Refunds all (no amount) or part of a charge. Never throws for a refusal or an outage: see RefundResult. */
  refund(input: RefundInput): Promise<RefundResult>;
  /**
   * Verifies a webhook delivery's signature and turns it into a typed event. Throws
   * WebhookSignatureError when the signature does not match, WebhooksNotConfiguredError
   * when this gateway sends none.
   */
  parseWebhook(rawBody: Buffer, signatureHeader: string | undefined): GatewayEvent;
}

export interface GatewayClientConfig {
  publishableKey: string | null;
  tokenizeUrl: string | null;
  cardFormUrl: string | null;
}

export interface EnsureCustomerInput {
  practiceId: string;
  patientId: string;
  name: string;
  email: string | null;
  idempotencyKey: string;
}

export interface UpdatePaymentMethodInput {
  customerId: string;
  paymentMethodId: string;
  expMonth: number;
  expYear: number;
}

export interface GatewaySetupSession {
  setupSessionId: string;
  clientSecret: string;
}

export interface SavedCard {
  customerId: string;
  paymentMethodId: string;
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  /** The gateway's hash of the card number, when it gives one. */
  fingerprint: string | null;
}

export interface OffSessionChargeInput {
  customerId: string;
  paymentMethodId: string;
  amountCents: number;
  currency: string;
  /** Same key → the same charge, however often the request is retried. */
  idempotencyKey: string;
  description: string;
  metadata: Record<string, string>;
}

export type ChargeResult =
  | { status: 'succeeded'; chargeId: string; amountCents: number; currency: string }
  | { status: 'declined'; chargeId: string | null; declineCode: string; message: string }
  /** The bank wants the patient present (3-D Secure); bring them back on-session with the client secret. */
  | { status: 'requires_authentication'; chargeId: string | null; clientSecret: string | null; message: string }
  /** Not charged as far as we know; `retryable` says whether the same request (same key) may succeed later. */
  | { status: 'error'; retryable: boolean; message: string };

export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

export interface RefundInput {
  chargeId: string;
  /** Omit to refund what is left of the charge. */
  amountCents?: number;
  idempotencyKey: string;
  reason?: RefundReason;
  /** The refund is refused unless the charge was made for this practice. */
  practiceId: string;
  metadata?: Record<string, string>;
}

export type RefundResult =
  | { status: 'succeeded' | 'pending'; refundId: string; amountCents: number }
  | { status: 'failed'; refundId: string | null; code: string; message: string }
  | { status: 'error'; retryable: boolean; message: string };

export type GatewayEvent =
  | {
      type: 'payment_succeeded';
      eventId: string;
      chargeId: string;
      amountCents: number;
      currency: string;
      metadata: Record<string, string>;
    }
  | {
      type: 'payment_failed';
      eventId: string;
      chargeId: string;
      amountCents: number;
      currency: string;
      declineCode: string | null;
      message: string | null;
      metadata: Record<string, string>;
    }
  | {
      type: 'refund_updated';
      eventId: string;
      refundId: string;
      chargeId: string | null;
      status: string;
      amountCents: number;
      currency: string;
      metadata: Record<string, string>;
    }
  /** Verified, but of a kind Glowdesk does not act on. */
  | { type: 'ignored'; eventId: string; gatewayType: string };

/** Metadata keys Glowdesk puts on every gateway object it creates. */
export const PRACTICE_METADATA_KEY = 'glowdesk_practice_id';
export const PATIENT_METADATA_KEY = 'glowdesk_patient_id';

/** The gateway refused the request (a bad token, a card declined at setup). */
export class GatewayRequestError extends Error {
  readonly code: 'invalid_token' | 'token_already_used' | 'payment_method_unavailable' | 'card_declined' | 'invalid_request';
  constructor(code: GatewayRequestError['code'], message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'GatewayRequestError';
    this.code = code;
  }
}

/** The gateway could not be reached or answered with an outage; the request may be retried. */
export class GatewayUnavailableError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'GatewayUnavailableError';
  }
}

export class WebhookSignatureError extends Error {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'WebhookSignatureError';
  }
}

export class WebhooksNotConfiguredError extends Error {
  constructor(gateway: PaymentGatewayName) {
    super(`The ${gateway} gateway is not configured to send webhooks.`);
    this.name = 'WebhooksNotConfiguredError';
  }
}

const UNANSWERED: ChargeResult = { status: 'error', retryable: true, message: 'The gateway did not answer.' };

/**
 * `chargeOffSessionMany` for a gateway that takes one charge per request: `charge` for each
 * input, `concurrency` at a time, the results in the inputs' order. A charge that throws is an
 * unknown outcome (a retryable error), as a timeout is.
 */
export async function chargeEachOffSession(
  charge: (input: OffSessionChargeInput) => Promise<ChargeResult>,
  inputs: readonly OffSessionChargeInput[],
  concurrency: number,
): Promise<ChargeResult[]> {
  const results: ChargeResult[] = Array.from({ length: inputs.length }, () => UNANSWERED);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const index = next;
      next += 1;
      const input = inputs[index];
      if (!input) continue;
      try {
        results[index] = await charge(input);
      } catch (error) {
        results[index] = { status: 'error', retryable: true, message: error instanceof Error ? error.message : 'The charge failed.' };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(Math.floor(concurrency), inputs.length)) }, worker));
  return results;
}
