import type { CardBrand } from '@glowdesk/contracts';
import Stripe from 'stripe';
import type { Clock } from '../../platform/clock.ts';
import {
  GatewayRequestError,
  GatewayUnavailableError,
  PATIENT_METADATA_KEY,
  PRACTICE_METADATA_KEY,
  WebhookSignatureError,
  WebhooksNotConfiguredError,
  chargeEachOffSession,
  type ChargeResult,
  type GatewayEvent,
  type PaymentGateway,
  type RefundResult,
  type SavedCard,
} from './payment-gateway.ts';

export interface StripeGatewayOptions {
  secretKey: string;
  publishableKey: string;
  /** `whsec_…`; without it the webhook endpoint answers 404. */
  webhookSecret: string | undefined;
  /** Another API origin (tests, stripe-mock), e.g. http://127.0.0.1:12111. */
  apiUrl?: string | undefined;
  /** Per attempt; the SDK retries timeouts and 5xx with the same idempotency key. */
  timeoutMs?: number;
  maxNetworkRetries?: number;
  clock: Clock;
}

export interface StripeGateway extends PaymentGateway {
  readonly name: 'stripe';
}

const DEFAULT_TIMEOUT_MS = 20_000;
const DEFAULT_MAX_NETWORK_RETRIES = 2;

const brands: Record<string, CardBrand> = {
  visa: 'visa',
  mastercard: 'mastercard',
  amex: 'amex',
  discover: 'discover',
  diners: 'diners',
  jcb: 'jcb',
  unionpay: 'unionpay',
};

function apiLocation(apiUrl: string | undefined): { host?: string; port?: number; protocol?: 'http' | 'https' } {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

function isStripeError(error: unknown): error is Stripe.errors.StripeError {
  return error instanceof Stripe.errors.StripeError;
}

/** Outages the SDK already retried (with our idempotency key) before giving up. */
function isOutage(error: unknown): boolean {
  return (
    error instanceof Stripe.errors.StripeConnectionError ||
    error instanceof Stripe.errors.StripeAPIError ||
    error instanceof Stripe.errors.StripeRateLimitError
  );
}

function toUnavailable(error: unknown): never {
  if (
    isStripeError(error) &&
    !(error instanceof Stripe.errors.StripeCardError) &&
    !(error instanceof Stripe.errors.StripeInvalidRequestError)
  ) {
    throw new GatewayUnavailableError(`Stripe did not complete the request: ${error.message}`, { cause: error });
  }
  throw error;
}

function metadataOf(metadata: Stripe.Metadata | null | undefined): Record<string, string> {
  return { ...(metadata ?? {}) };
}

function idOf(reference: string | { id: string } | null | undefined): string | null {
  if (!reference) return null;
  return typeof reference === 'string' ? reference : reference.id;
}

export function createStripeGateway(options: StripeGatewayOptions): StripeGateway {
  const stripe = new Stripe(options.secretKey, {
    ...apiLocation(options.apiUrl),
    timeout: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxNetworkRetries: options.maxNetworkRetries ?? DEFAULT_MAX_NETWORK_RETRIES,
    telemetry: false,
    appInfo: { name: 'Glowdesk' },
  });

  function savedCardOf(paymentMethod: Stripe.PaymentMethod, customerId: string): SavedCard {
    const card = paymentMethod.card;
    if (paymentMethod.type !== 'card' || !card) throw new GatewayRequestError('invalid_token', 'Only cards can be saved.');
    return {
      customerId,
      paymentMethodId: paymentMethod.id,
      brand: brands[card.brand] ?? 'unknown',
      last4: card.last4,
      expMonth: card.exp_month,
      expYear: card.exp_year,
      fingerprint: card.fingerprint ?? null,
    };
  }

  async function attach(paymentMethodId: string, customerId: string): Promise<Stripe.PaymentMethod> {
    try {
      return await stripe.paymentMethods.attach(paymentMethodId, { customer: customerId });
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) {
        throw new GatewayRequestError('card_declined', error.message, { cause: error });
      }
      if (error instanceof Stripe.errors.StripeInvalidRequestError) {
        throw new GatewayRequestError('invalid_token', error.message, { cause: error });
      }
      return toUnavailable(error);
    }
  }

  function chargeFailureOf(error: unknown): ChargeResult {
    if (error instanceof Stripe.errors.StripeCardError) {
      const paymentIntent = error.payment_intent;
      if (error.code === 'authentication_required' || error.decline_code === 'authentication_required') {
        return {
          status: 'requires_authentication',
          chargeId: paymentIntent?.id ?? null,
          clientSecret: paymentIntent?.client_secret ?? null,
          message: error.message,
        };
      }
      return {
        status: 'declined',
        chargeId: paymentIntent?.id ?? null,
        declineCode: error.decline_code ?? error.code ?? 'card_declined',
        message: error.message,
      };
    }
    if (isOutage(error)) return { status: 'error', retryable: true, message: (error as Error).message };
    if (isStripeError(error)) return { status: 'error', retryable: false, message: error.message };
    throw error;
  }

  function eventOf(event: Stripe.Event): GatewayEvent {
    if (event.type === 'payment_intent.succeeded') {
      const paymentIntent = event.data.object;
      return {
        type: 'payment_succeeded',
        eventId: event.id,
        chargeId: paymentIntent.id,
        amountCents: paymentIntent.amount_received || paymentIntent.amount,
        currency: paymentIntent.currency.toUpperCase(),
        metadata: metadataOf(paymentIntent.metadata),
      };
    }
    if (event.type === 'payment_intent.payment_failed') {
      const paymentIntent = event.data.object;
      const lastError = paymentIntent.last_payment_error;
      return {
        type: 'payment_failed',
        eventId: event.id,
        chargeId: paymentIntent.id,
        amountCents: paymentIntent.amount,
        currency: paymentIntent.currency.toUpperCase(),
        declineCode: lastError?.decline_code ?? lastError?.code ?? null,
        message: lastError?.message ?? null,
        metadata: metadataOf(paymentIntent.metadata),
      };
    }
    if (event.type === 'charge.refund.updated' || event.type === 'refund.updated') {
      const refund = event.data.object;
      return {
        type: 'refund_updated',
        eventId: event.id,
        refundId: refund.id,
        chargeId: idOf(refund.payment_intent),
        status: refund.status ?? 'pending',
        amountCents: refund.amount,
        currency: refund.currency.toUpperCase(),
        metadata: metadataOf(refund.metadata),
      };
    }
    return { type: 'ignored', eventId: event.id, gatewayType: event.type };
  }

  const gateway: StripeGateway = {
    name: 'stripe',
    clientConfig: { publishableKey: options.publishableKey, tokenizeUrl: null, cardFormUrl: null },

    async ensureCustomer(input) {
      try {
        const customer = await stripe.customers.create(
          {
            name: input.name,
            ...(input.email ? { email: input.email } : {}),
            metadata: { [PRACTICE_METADATA_KEY]: input.practiceId, [PATIENT_METADATA_KEY]: input.patientId },
          },
          { idempotencyKey: input.idempotencyKey },
        );
        return { customerId: customer.id };
      } catch (error) {
        return toUnavailable(error);
      }
    },

    async createSetupSession(input) {
      try {
        const setupIntent = await stripe.setupIntents.create(
          { customer: input.customerId, usage: 'off_session', allowed_payment_method_types: ['card'] },
          input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : {},
        );
        if (!setupIntent.client_secret) throw new GatewayUnavailableError('Stripe returned a SetupIntent without a client secret.');
        return { setupSessionId: setupIntent.id, clientSecret: setupIntent.client_secret };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          throw new GatewayRequestError('invalid_request', error.message, { cause: error });
        }
        return toUnavailable(error);
      }
    },

    async attachPaymentMethod({ customerId, token }) {
      if (!token.startsWith('pm_'))
        throw new GatewayRequestError('invalid_token', 'Send the PaymentMethod id (pm_…) that Stripe.js returned.');
      // Stripe's test ids (pm_card_visa) make a new payment method on each attach.
      if (token.startsWith('pm_card_')) return savedCardOf(await attach(token, customerId), customerId);
      let paymentMethod: Stripe.PaymentMethod;
      try {
        paymentMethod = await stripe.paymentMethods.retrieve(token);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          throw new GatewayRequestError('invalid_token', error.message, { cause: error });
        }
        return toUnavailable(error);
      }
      const attachedTo = idOf(paymentMethod.customer);
      // A confirmed SetupIntent has already attached the card to our customer.
      if (attachedTo === customerId) return savedCardOf(paymentMethod, customerId);
      if (attachedTo !== null)
        throw new GatewayRequestError('payment_method_unavailable', 'This payment method belongs to another customer.');
      return savedCardOf(await attach(token, customerId), customerId);
    },

    async updatePaymentMethod({ customerId, paymentMethodId, expMonth, expYear }) {
      let paymentMethod: Stripe.PaymentMethod;
      try {
        paymentMethod = await stripe.paymentMethods.retrieve(paymentMethodId);
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          throw new GatewayRequestError('payment_method_unavailable', error.message, { cause: error });
        }
        return toUnavailable(error);
      }
      if (idOf(paymentMethod.customer) !== customerId) {
        throw new GatewayRequestError('payment_method_unavailable', 'This card is no longer saved with this customer.');
      }
      try {
        return savedCardOf(
          await stripe.paymentMethods.update(paymentMethodId, { card: { exp_month: expMonth, exp_year: expYear } }),
          customerId,
        );
      } catch (error) {
        if (error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError) {
          throw new GatewayRequestError('invalid_request', error.message, { cause: error });
        }
        return toUnavailable(error);
      }
    },

    async detachPaymentMethod({ paymentMethodId }) {
      try {
        await stripe.paymentMethods.detach(paymentMethodId);
      } catch (error) {
        // Already detached or gone: what the caller wanted.
        if (error instanceof Stripe.errors.StripeInvalidRequestError) return;
        toUnavailable(error);
      }
    },

    async chargeOffSession(input) {
      try {
        const paymentIntent = await stripe.paymentIntents.create(
          {
            amount: input.amountCents,
            currency: input.currency.toLowerCase(),
            customer: input.customerId,
            payment_method: input.paymentMethodId,
            allowed_payment_method_types: ['card'],
            off_session: true,
            confirm: true,
            description: input.description,
            metadata: input.metadata,
          },
          { idempotencyKey: input.idempotencyKey },
        );
        if (paymentIntent.status === 'succeeded') {
          return {
            status: 'succeeded',
            chargeId: paymentIntent.id,
            amountCents: paymentIntent.amount_received || paymentIntent.amount,
            currency: paymentIntent.currency.toUpperCase(),
          };
        }
        if (paymentIntent.status === 'requires_action') {
          return {
            status: 'requires_authentication',
            chargeId: paymentIntent.id,
            clientSecret: paymentIntent.client_secret,
            message: 'The bank requires the cardholder to authenticate this payment.',
          };
        }
        if (paymentIntent.status === 'requires_payment_method') {
          return {
            status: 'declined',
            chargeId: paymentIntent.id,
            declineCode: paymentIntent.last_payment_error?.decline_code ?? 'card_declined',
            message: paymentIntent.last_payment_error?.message ?? 'The card was declined.',
          };
        }
        // processing, requires_capture…: not final; the webhook will say how it ends.
        return { status: 'error', retryable: false, message: `Stripe left the payment ${paymentIntent.status}.` };
      } catch (error) {
        return chargeFailureOf(error);
      }
    },

    async chargeOffSessionMany(inputs, { concurrency }) {
      // Stripe takes one PaymentIntent per request; its rate limit bounds `concurrency`.
      return chargeEachOffSession((input) => gateway.chargeOffSession(input), inputs, concurrency);
    },

    async refund(input): Promise<RefundResult> {
      try {
        const paymentIntent = await stripe.paymentIntents.retrieve(input.chargeId);
        if (paymentIntent.metadata[PRACTICE_METADATA_KEY] !== input.practiceId) {
          return { status: 'failed', refundId: null, code: 'charge_not_found', message: 'No such charge.' };
        }
        const refund = await stripe.refunds.create(
          {
            payment_intent: input.chargeId,
            ...(input.amountCents === undefined ? {} : { amount: input.amountCents }),
            ...(input.reason ? { reason: input.reason } : {}),
            metadata: { [PRACTICE_METADATA_KEY]: input.practiceId, ...input.metadata },
          },
          { idempotencyKey: input.idempotencyKey },
        );
        if (refund.status === 'succeeded') return { status: 'succeeded', refundId: refund.id, amountCents: refund.amount };
        if (refund.status === 'failed' || refund.status === 'canceled') {
          return {
            status: 'failed',
            refundId: refund.id,
            code: `refund_${refund.status}`,
            message: refund.failure_reason ?? 'The refund failed.',
          };
        }
        return { status: 'pending', refundId: refund.id, amountCents: refund.amount };
      } catch (error) {
        if (error instanceof Stripe.errors.StripeInvalidRequestError) {
          return {
            status: 'failed',
            refundId: null,
            code: error.code === 'resource_missing' ? 'charge_not_found' : (error.code ?? 'refund_refused'),
            message: error.message,
          };
        }
        if (isOutage(error)) return { status: 'error', retryable: true, message: (error as Error).message };
        if (isStripeError(error)) return { status: 'error', retryable: false, message: error.message };
        throw error;
      }
    },

    parseWebhook(rawBody, signatureHeader) {
      if (!options.webhookSecret) throw new WebhooksNotConfiguredError('stripe');
      if (!signatureHeader) throw new WebhookSignatureError('The Stripe-Signature header is missing.');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(
          rawBody,
          signatureHeader,
          options.webhookSecret,
          undefined,
          undefined,
          options.clock.now().getTime(),
        );
      } catch (error) {
        if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
          throw new WebhookSignatureError(error.message, { cause: error });
        }
        throw new WebhookSignatureError('The webhook payload could not be read.', { cause: error });
      }
      return eventOf(event);
    },
  };
  return gateway;
}
