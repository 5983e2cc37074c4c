import { createHash, randomBytes } from 'node:crypto';
import type { SimulatedTokenRequest, SimulatedTokenResponse } from '@glowdesk/contracts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Transaction } from '../../platform/database.ts';
import { checkCardEntry } from './card-entry.ts';
import {
  GatewayRequestError,
  PATIENT_METADATA_KEY,
  PRACTICE_METADATA_KEY,
  WebhooksNotConfiguredError,
  type ChargeResult,
  type OffSessionChargeInput,
  type PaymentGateway,
  type RefundInput,
  type RefundResult,
  type SavedCard,
} from './payment-gateway.ts';
import * as store from './simulated-gateway-repository.ts';
import type { SimulatedCard, SimulatedPaymentMethodRecord } from './simulated-gateway-repository.ts';
import { testPaymentMethodIds, type ChargeOutcome } from './test-cards.ts';

export const SIMULATED_GATEWAY_PREFIX = '/simulated-gateway/v1';

export interface TokenRateLimit {
  /** Tokenization attempts (valid or not) per client IP and window. */
  maxAttempts: number;
  windowSeconds: number;
}

export const defaultTokenRateLimit: TokenRateLimit = { maxAttempts: 30, windowSeconds: 600 };

/** The simulated processor: Stripe's test mode, with its own store (docs/decisions/006). */
export interface SimulatedGateway extends PaymentGateway {
  readonly name: 'simulated';
  /** How many cards one IP may try to tokenize per window (the HTTP endpoint enforces it). */
  readonly tokenRateLimit: TokenRateLimit;
  /**
   * Tokenizes a card typed into the gateway's own form. The number is checked against the
   * test cards and discarded; only brand, last 4, expiry and the test behaviour are kept.
   */
  tokenizeCard(entry: SimulatedTokenRequest): Promise<SimulatedTokenResponse>;
}

/** `prefix_sim_` + 24 hex digits: recognisably simulated, and only [A-Za-z0-9_]. */
function newId(prefix: string): string {
  return `${prefix}_sim_${randomBytes(12).toString('hex')}`;
}

function hashRequest(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

function storedOutcome(outcome: ChargeOutcome): Pick<SimulatedCard, 'chargeOutcome' | 'declineCode'> {
  switch (outcome.kind) {
    case 'succeed':
      return { chargeOutcome: 'succeed', declineCode: null };
    case 'decline':
      return { chargeOutcome: 'decline', declineCode: outcome.declineCode };
    case 'require_authentication':
      return { chargeOutcome: 'require_authentication', declineCode: null };
    default: {
      const unreachable: never = outcome;
      throw new Error(`unknown outcome ${JSON.stringify(unreachable)}`);
    }
  }
}

function savedCardOf(paymentMethod: SimulatedPaymentMethodRecord, customerId: string): SavedCard {
  return {
    customerId,
    paymentMethodId: paymentMethod.id,
    brand: paymentMethod.brand,
    last4: paymentMethod.last4,
    expMonth: paymentMethod.expMonth,
    expYear: paymentMethod.expYear,
    fingerprint: null,
  };
}

const declineMessages: Record<string, string> = {
  generic_decline: 'Your card was declined.',
  insufficient_funds: 'Your card has insufficient funds.',
};

/** Thrown inside an idempotent transaction to roll it back (the key stays unused) and return a result. */
class RollbackWith<T> extends Error {
  constructor(readonly result: T) {
    super('rollback');
  }
}

class IdempotencyKeyReused extends Error {}

export function isSimulatedGateway(gateway: PaymentGateway): gateway is SimulatedGateway {
  return gateway.name === 'simulated' && 'tokenizeCard' in gateway;
}

export function createSimulatedGateway(options: { database: Database; clock: Clock; tokenRateLimit?: TokenRateLimit }): SimulatedGateway {
  const { database, clock } = options;

  /**
   * Runs an operation once per key, as Stripe does: the same key and request replay the
   * stored response, the same key with another request is refused.
   */
  async function once<T>(operation: string, key: string, request: unknown, work: (tx: Transaction) => Promise<T>): Promise<T> {
    const requestHash = hashRequest(request);
    try {
      return await database.db.transaction(async (tx) => {
        const claim = await store.claimIdempotencyKey(tx, operation, key, requestHash);
        if (!claim.claimed) {
          if (claim.requestHash !== requestHash) throw new IdempotencyKeyReused();
          return claim.response as T;
        }
        const result = await work(tx);
        await store.storeIdempotentResponse(tx, operation, key, result);
        return result;
      });
    } catch (error) {
      if (error instanceof RollbackWith) return error.result as T;
      throw error;
    }
  }

  async function attachToken(tx: Transaction, tokenId: string, customerId: string): Promise<SavedCard> {
    const token = await store.findTokenForUpdate(tx, tokenId);
    if (!token) throw new GatewayRequestError('invalid_token', 'No such token.');
    if (token.paymentMethodId !== null) {
      // A retried request (double click) gets the card the token already made.
      if (token.customerId !== customerId) throw new GatewayRequestError('token_already_used', 'This token was already used.');
      const existing = await store.findPaymentMethod(tx, token.paymentMethodId);
      if (!existing || existing.detachedAt) throw new GatewayRequestError('token_already_used', 'This token was already used.');
      return savedCardOf(existing, customerId);
    }
    const paymentMethod = await store.insertPaymentMethod(tx, {
      id: newId('pm'),
      customerId,
      brand: token.brand,
      last4: token.last4,
      expMonth: token.expMonth,
      expYear: token.expYear,
      chargeOutcome: token.chargeOutcome,
      declineCode: token.declineCode,
    });
    await store.markTokenUsed(tx, tokenId, paymentMethod.id, customerId);
    return savedCardOf(paymentMethod, customerId);
  }

  async function attachTestPaymentMethod(tx: Transaction, testId: string, customerId: string): Promise<SavedCard> {
    const testMethod = testPaymentMethodIds.get(testId);
    if (!testMethod) throw new GatewayRequestError('invalid_token', `No such test payment method: ${testId}.`);
    const paymentMethod = await store.insertPaymentMethod(tx, {
      id: newId('pm'),
      customerId,
      brand: testMethod.brand,
      last4: testMethod.last4,
      expMonth: 12,
      expYear: clock.now().getUTCFullYear() + 3,
      ...storedOutcome(testMethod.outcome),
    });
    return savedCardOf(paymentMethod, customerId);
  }

  async function attachExisting(tx: Transaction, paymentMethodId: string, customerId: string): Promise<SavedCard> {
    const paymentMethod = await store.findPaymentMethod(tx, paymentMethodId, { lock: true });
    if (!paymentMethod) throw new GatewayRequestError('invalid_token', 'No such payment method.');
    if (paymentMethod.detachedAt) throw new GatewayRequestError('payment_method_unavailable', 'This payment method was detached.');
    if (paymentMethod.customerId !== null && paymentMethod.customerId !== customerId) {
      throw new GatewayRequestError('payment_method_unavailable', 'This payment method belongs to another customer.');
    }
    if (paymentMethod.customerId === null) await store.attachPaymentMethod(tx, paymentMethodId, customerId);
    return savedCardOf(paymentMethod, customerId);
  }

  function chargeResultOf(
    paymentIntentId: string,
    paymentMethod: SimulatedPaymentMethodRecord,
    input: OffSessionChargeInput,
  ): ChargeResult {
    switch (paymentMethod.chargeOutcome) {
      case 'succeed':
        return { status: 'succeeded', chargeId: paymentIntentId, amountCents: input.amountCents, currency: input.currency };
      case 'decline': {
        const declineCode = paymentMethod.declineCode ?? 'generic_decline';
        return {
          status: 'declined',
          chargeId: paymentIntentId,
          declineCode,
          message: declineMessages[declineCode] ?? 'Your card was declined.',
        };
      }
      case 'require_authentication':
        return {
          status: 'requires_authentication',
          chargeId: paymentIntentId,
          clientSecret: `${paymentIntentId}_secret_${randomBytes(8).toString('hex')}`,
          message: 'The bank requires the cardholder to authenticate this payment; charge it with the patient present.',
        };
      default: {
        const unreachable: never = paymentMethod.chargeOutcome;
        throw new Error(`unknown charge outcome ${String(unreachable)}`);
      }
    }
  }

  function paymentIntentOf(paymentIntentId: string, input: OffSessionChargeInput, result: ChargeResult) {
    return {
      id: paymentIntentId,
      customerId: input.customerId,
      paymentMethodId: input.paymentMethodId,
      amount: input.amountCents,
      currency: input.currency,
      status: result.status === 'succeeded' ? ('succeeded' as const) : ('requires_payment_method' as const),
      declineCode:
        result.status === 'declined' ? result.declineCode : result.status === 'requires_authentication' ? 'authentication_required' : null,
      description: input.description,
      metadata: input.metadata,
    };
  }

  /**
   * Many charges in one transaction, each as `chargeOffSession` makes it under its own key: the
   * keys are claimed with one statement, the cards read with one, the payment intents and the
   * stored responses written with one each. A key used before replays its response (or is
   * refused when the request differs); a card not attached to the customer is refused and its
   * key given back. Should the transaction fail, every outcome is unknown, as a timeout is.
   */
  async function chargeMany(inputs: readonly OffSessionChargeInput[]): Promise<ChargeResult[]> {
    const firstOfKey = new Map<string, number>();
    inputs.forEach((input, index) => {
      if (!firstOfKey.has(input.idempotencyKey)) firstOfKey.set(input.idempotencyKey, index);
    });
    const hashes = inputs.map((input) => hashRequest(input));
    try {
      return await database.db.transaction(async (tx) => {
        const claims = [...firstOfKey.values()].map((index) => ({
          key: inputs[index]?.idempotencyKey ?? '',
          requestHash: hashes[index] ?? '',
        }));
        const claimed = await store.claimIdempotencyKeys(tx, 'payment_intent', claims);
        const taken = await store.findIdempotencyKeys(
          tx,
          'payment_intent',
          claims.map((claim) => claim.key).filter((key) => !claimed.has(key)),
        );
        const paymentMethods = await store.findPaymentMethods(
          tx,
          inputs.filter((input) => claimed.has(input.idempotencyKey)).map((input) => input.paymentMethodId),
        );
        const made = new Map<string, ChargeResult>();
        const intents: ReturnType<typeof paymentIntentOf>[] = [];
        const refused = new Set<string>();
        for (const [key, index] of firstOfKey) {
          const input = inputs[index];
          if (!input || !claimed.has(key)) continue;
          const paymentMethod = paymentMethods.get(input.paymentMethodId);
          if (!paymentMethod || paymentMethod.detachedAt || paymentMethod.customerId !== input.customerId) {
            refused.add(key);
            made.set(key, { status: 'error', retryable: false, message: 'The payment method is not attached to this customer.' });
            continue;
          }
          const paymentIntentId = newId('pi');
          const result = chargeResultOf(paymentIntentId, paymentMethod, input);
          intents.push(paymentIntentOf(paymentIntentId, input, result));
          made.set(key, result);
        }
        await store.insertPaymentIntents(tx, intents);
        await store.storeIdempotentResponses(
          tx,
          'payment_intent',
          [...made].filter(([key]) => !refused.has(key)).map(([key, response]) => ({ key, response })),
        );
        await store.releaseIdempotencyKeys(tx, 'payment_intent', [...refused]);
        return inputs.map((input, index): ChargeResult => {
          const key = input.idempotencyKey;
          const first = firstOfKey.get(key) ?? index;
          const sameRequest = hashes[first] === hashes[index];
          const previous = taken.get(key);
          if (previous) {
            return previous.requestHash === hashes[index]
              ? (previous.response as ChargeResult)
              : { status: 'error', retryable: false, message: 'This idempotency key was already used for a different charge.' };
          }
          const result = made.get(key);
          if (!result) return { status: 'error', retryable: true, message: 'The simulated gateway could not record the charge.' };
          if (!sameRequest)
            return { status: 'error', retryable: false, message: 'This idempotency key was already used for a different charge.' };
          return result;
        });
      });
    } catch {
      return inputs.map(() => ({ status: 'error', retryable: true, message: 'The simulated gateway could not record the charge.' }));
    }
  }

  return {
    name: 'simulated',
    tokenRateLimit: options.tokenRateLimit ?? defaultTokenRateLimit,
    clientConfig: {
      publishableKey: null,
      tokenizeUrl: `${SIMULATED_GATEWAY_PREFIX}/tokens`,
      cardFormUrl: `${SIMULATED_GATEWAY_PREFIX}/card-form`,
    },

    async tokenizeCard(entry) {
      const card = checkCardEntry(entry, clock.now());
      const token = newId('tok');
      await store.insertToken(database.db, {
        id: token,
        brand: card.brand,
        last4: card.last4,
        expMonth: card.expMonth,
        expYear: card.expYear,
        ...storedOutcome(card.outcome),
      });
      return { token, card: { brand: card.brand, last4: card.last4, expMonth: card.expMonth, expYear: card.expYear } };
    },

    async ensureCustomer(input) {
      return once('customer', input.idempotencyKey, { practiceId: input.practiceId, patientId: input.patientId }, async (tx) => {
        const customerId = newId('cus');
        await store.insertCustomer(tx, {
          id: customerId,
          name: input.name,
          email: input.email,
          metadata: { [PRACTICE_METADATA_KEY]: input.practiceId, [PATIENT_METADATA_KEY]: input.patientId },
        });
        return { customerId };
      });
    },

    async createSetupSession(input) {
      if (!(await store.customerExists(database.db, input.customerId))) {
        throw new GatewayRequestError('invalid_request', 'No such customer.');
      }
      const setupSessionId = newId('seti');
      const clientSecret = `${setupSessionId}_secret_${randomBytes(12).toString('hex')}`;
      await store.insertSetupIntent(database.db, { id: setupSessionId, customerId: input.customerId, clientSecret });
      return { setupSessionId, clientSecret };
    },

    async attachPaymentMethod({ customerId, token }) {
      return database.db.transaction(async (tx) => {
        if (!(await store.customerExists(tx, customerId))) throw new GatewayRequestError('invalid_request', 'No such customer.');
        if (token.startsWith('tok_')) return attachToken(tx, token, customerId);
        if (token.startsWith('pm_card_')) return attachTestPaymentMethod(tx, token, customerId);
        if (token.startsWith('pm_')) return attachExisting(tx, token, customerId);
        throw new GatewayRequestError('invalid_token', 'Not a token or payment method of the simulated gateway.');
      });
    },

    async updatePaymentMethod({ customerId, paymentMethodId, expMonth, expYear }) {
      return database.db.transaction(async (tx) => {
        const paymentMethod = await store.findPaymentMethod(tx, paymentMethodId, { lock: true });
        if (!paymentMethod || paymentMethod.detachedAt || paymentMethod.customerId !== customerId) {
          throw new GatewayRequestError('payment_method_unavailable', 'This card is no longer saved with this customer.');
        }
        return savedCardOf(await store.updatePaymentMethodExpiry(tx, paymentMethodId, expMonth, expYear), customerId);
      });
    },

    async detachPaymentMethod({ paymentMethodId }) {
      await store.detachPaymentMethod(database.db, paymentMethodId, clock.now());
    },

    async chargeOffSession(input) {
      try {
        return await once('payment_intent', input.idempotencyKey, input, async (tx): Promise<ChargeResult> => {
          const paymentMethod = await store.findPaymentMethod(tx, input.paymentMethodId);
          if (!paymentMethod || paymentMethod.detachedAt || paymentMethod.customerId !== input.customerId) {
            throw new RollbackWith<ChargeResult>({
              status: 'error',
              retryable: false,
              message: 'The payment method is not attached to this customer.',
            });
          }
          const paymentIntentId = newId('pi');
          const result = chargeResultOf(paymentIntentId, paymentMethod, input);
          await store.insertPaymentIntent(tx, paymentIntentOf(paymentIntentId, input, result));
          return result;
        });
      } catch (error) {
        if (error instanceof IdempotencyKeyReused) {
          return { status: 'error', retryable: false, message: 'This idempotency key was already used for a different charge.' };
        }
        return { status: 'error', retryable: true, message: 'The simulated gateway could not record the charge.' };
      }
    },

    async chargeOffSessionMany(inputs) {
      return chargeMany(inputs);
    },

    async refund(input: RefundInput): Promise<RefundResult> {
      const failed = (code: string, message: string) => new RollbackWith<RefundResult>({ status: 'failed', refundId: null, code, message });
      try {
        return await once('refund', input.idempotencyKey, input, async (tx): Promise<RefundResult> => {
          const paymentIntent = await store.findPaymentIntentForUpdate(tx, input.chargeId);
          if (!paymentIntent || paymentIntent.metadata[PRACTICE_METADATA_KEY] !== input.practiceId) {
            throw failed('charge_not_found', 'No such charge.');
          }
          if (paymentIntent.status !== 'succeeded') throw failed('charge_not_succeeded', 'Only a successful charge can be refunded.');
          const refundable = paymentIntent.amount - paymentIntent.amountRefunded;
          if (refundable === 0) throw failed('charge_already_refunded', 'The charge was already refunded in full.');
          const amountCents = input.amountCents ?? refundable;
          if (amountCents > refundable) {
            throw failed('amount_too_large', `The refund (${amountCents}) is more than what is left of the charge (${refundable}).`);
          }
          const refundId = newId('re');
          await store.recordRefund(tx, {
            id: refundId,
            paymentIntentId: paymentIntent.id,
            amount: amountCents,
            reason: input.reason ?? null,
          });
          return { status: 'succeeded', refundId, amountCents };
        });
      } catch (error) {
        if (error instanceof IdempotencyKeyReused) {
          return {
            status: 'failed',
            refundId: null,
            code: 'idempotency_key_reused',
            message: 'This idempotency key was already used for a different refund.',
          };
        }
        return { status: 'error', retryable: true, message: 'The simulated gateway could not record the refund.' };
      }
    },

    parseWebhook() {
      throw new WebhooksNotConfiguredError('simulated');
    },
  };
}
