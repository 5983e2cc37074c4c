import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * An in-process stand-in for the Stripe API, enough for Glowdesk's adapter: customers,
 * setup intents, payment methods (create from a card number, as Elements does in the
 * browser; retrieve, attach, detach), off-session payment intents with Stripe's test cards,
 * refunds, idempotency keys, injected timeouts and 5xx, and signed webhook events.
 * Point the SDK at it with `host`/`port`/`protocol: 'http'` (or STRIPE_API_URL).
 */
export interface FakeStripeServer {
  url: string;
  secretKey: string;
  publishableKey: string;
  webhookSecret: string;
  /** Every request in arrival order. */
  requests: RecordedRequest[];
  customers: Map<string, FakeCustomer>;
  paymentMethods: Map<string, FakePaymentMethod>;
  paymentIntents: Map<string, FakePaymentIntent>;
  refunds: Map<string, FakeRefund>;
  /** The next `count` requests are handled, but their responses arrive only after `delayMs` (a timeout for the client). */
  delayNextResponses(count: number, delayMs: number): void;
  /** The next `count` requests fail with `status` without being handled. */
  failNextRequests(count: number, status?: number): void;
  /** Tokenizes a card as Stripe.js does in the browser: an unattached PaymentMethod. */
  createCardPaymentMethod(card: { number: string; expMonth: number; expYear: number; cvc: string }): Promise<string>;
  /** A webhook delivery: the JSON body and its Stripe-Signature header. */
  signedEvent(
    type: string,
    object: object,
    options?: { eventId?: string; secret?: string; timestampSeconds?: number },
  ): { payload: string; signature: string; eventId: string };
  close(): Promise<void>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  replayed: boolean;
}

type Params = Record<string, unknown>;

export interface FakeCustomer {
  id: string;
  object: 'customer';
  name: string | null;
  email: string | null;
  metadata: Record<string, string>;
  created: number;
}

export interface FakePaymentMethod {
  id: string;
  object: 'payment_method';
  type: 'card';
  customer: string | null;
  card: { brand: string; last4: string; exp_month: number; exp_year: number; fingerprint: string; funding: 'credit'; country: 'US' };
  metadata: Record<string, string>;
  created: number;
  livemode: false;
}

export interface FakePaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  payment_method: string;
  status: 'succeeded' | 'requires_payment_method';
  client_secret: string;
  description: string | null;
  metadata: Record<string, string>;
  latest_charge: string | null;
  last_payment_error: { type: 'card_error'; code: string; decline_code: string; message: string } | null;
  created: number;
  livemode: false;
  /** Not in Stripe's object: what the fake has refunded so far. */
  amount_refunded: number;
}

export interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  currency: string;
  payment_intent: string;
  charge: string | null;
  status: 'succeeded';
  reason: string | null;
  metadata: Record<string, string>;
  created: number;
}

type Behaviour = 'succeed' | 'generic_decline' | 'insufficient_funds' | 'authentication_required';

const testCards: Record<string, { brand: string; behaviour: Behaviour }> = {
  '4242424242424242': { brand: 'visa', behaviour: 'succeed' },
  '5555555555554444': { brand: 'mastercard', behaviour: 'succeed' },
  '378282246310005': { brand: 'amex', behaviour: 'succeed' },
  '4000000000000002': { brand: 'visa', behaviour: 'generic_decline' },
  '4000000000009995': { brand: 'visa', behaviour: 'insufficient_funds' },
  '4000000000000341': { brand: 'visa', behaviour: 'generic_decline' },
  '4000002500003155': { brand: 'visa', behaviour: 'authentication_required' },
  '4000002760003184': { brand: 'visa', behaviour: 'authentication_required' },
};

const testPaymentMethodNumbers: Record<string, string> = {
  pm_card_visa: '4242424242424242',
  pm_card_mastercard: '5555555555554444',
  pm_card_amex: '378282246310005',
  pm_card_chargeDeclined: '4000000000000002',
  pm_card_chargeDeclinedInsufficientFunds: '4000000000009995',
  pm_card_chargeCustomerFail: '4000000000000341',
  pm_card_authenticationRequired: '4000002760003184',
  pm_card_authenticationRequiredOnSetup: '4000002500003155',
};

class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: { type: string; code?: string; decline_code?: string; param?: string; message: string; payment_intent?: object },
  ) {
    super(body.message);
  }
}

function resourceMissing(kind: string, id: string, param: string): StripeApiError {
  return new StripeApiError(404, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${kind}: '${id}'` });
}

function invalidRequest(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, {
    type: 'invalid_request_error',
    message,
    ...(param ? { param } : {}),
    ...(code ? { code } : {}),
  });
}

/** Decodes Stripe's form encoding (`metadata[a]=b`, `expand[0]=x`) into nested objects. */
export function parseStripeForm(body: string): Params {
  const root: Params = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const parts = rawKey.replace(/\]/g, '').split('[');
    let node = root;
    parts.forEach((part, index) => {
      if (index === parts.length - 1) {
        node[part] = value;
      } else {
        node[part] ??= {};
        node = node[part] as Params;
      }
    });
  }
  return root;
}

function stringParam(params: Params, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}

function recordParam(params: Params, name: string): Record<string, string> {
  const value = params[name];
  return value && typeof value === 'object' ? { ...(value as Record<string, string>) } : {};
}

function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString('hex')}`;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export async function startFakeStripeServer(options: { webhookSecret?: string } = {}): Promise<FakeStripeServer> {
  const secretKey = 'sk_test_fake_glowdesk';
  const webhookSecret = options.webhookSecret ?? `whsec_${randomBytes(16).toString('hex')}`;
  const requests: RecordedRequest[] = [];
  const customers = new Map<string, FakeCustomer>();
  const paymentMethods = new Map<string, FakePaymentMethod>();
  const paymentIntents = new Map<string, FakePaymentIntent>();
  const refunds = new Map<string, FakeRefund>();
  const behaviours = new Map<string, Behaviour>();
  const idempotent = new Map<string, { requestHash: string; status: number; body: string }>();
  const pendingTimers = new Set<NodeJS.Timeout>();
  let delayed = { count: 0, delayMs: 0 };
  let failing = { count: 0, status: 500 };

  function paymentMethodFromNumber(number: string, expMonth: number, expYear: number): FakePaymentMethod {
    const card = testCards[number];
    if (!card) {
      throw new StripeApiError(402, {
        type: 'card_error',
        code: 'incorrect_number',
        param: 'card[number]',
        message: 'Your card number is incorrect.',
      });
    }
    const paymentMethod: FakePaymentMethod = {
      id: newId('pm'),
      object: 'payment_method',
      type: 'card',
      customer: null,
      card: {
        brand: card.brand,
        last4: number.slice(-4),
        exp_month: expMonth,
        exp_year: expYear,
        fingerprint: createHash('sha256').update(`fake-stripe:${number}`).digest('hex').slice(0, 16),
        funding: 'credit',
        country: 'US',
      },
      metadata: {},
      created: nowSeconds(),
      livemode: false,
    };
    paymentMethods.set(paymentMethod.id, paymentMethod);
    behaviours.set(paymentMethod.id, card.behaviour);
    return paymentMethod;
  }

  /** pm_card_* ids stand for a new payment method each time they are used, as in Stripe's test mode. */
  function resolvePaymentMethod(id: string, param: string): FakePaymentMethod {
    const testNumber = testPaymentMethodNumbers[id];
    if (testNumber) return paymentMethodFromNumber(testNumber, 12, new Date().getUTCFullYear() + 3);
    const paymentMethod = paymentMethods.get(id);
    if (!paymentMethod) throw resourceMissing('PaymentMethod', id, param);
    return paymentMethod;
  }

  function createPaymentIntent(params: Params): { status: number; body: object } {
    const amount = Number(stringParam(params, 'amount'));
    const currency = stringParam(params, 'currency');
    if (!Number.isInteger(amount) || amount < 1) throw invalidRequest('Invalid positive integer', 'amount', 'parameter_invalid_integer');
    if (!currency || !/^[a-z]{3}$/.test(currency)) throw invalidRequest('Invalid currency', 'currency');
    const customerId = stringParam(params, 'customer') ?? null;
    if (customerId && !customers.has(customerId)) throw resourceMissing('customer', customerId, 'customer');
    const paymentMethodParam = stringParam(params, 'payment_method');
    if (!paymentMethodParam) throw invalidRequest('A payment method is required to confirm.', 'payment_method');
    const paymentMethod = resolvePaymentMethod(paymentMethodParam, 'payment_method');
    if (customerId && paymentMethod.customer !== customerId && !paymentMethodParam.startsWith('pm_card_')) {
      throw invalidRequest(`The provided PaymentMethod was not attached to customer ${customerId}.`, 'payment_method');
    }
    const id = newId('pi');
    const paymentIntent: FakePaymentIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_received: 0,
      currency,
      customer: customerId,
      payment_method: paymentMethod.id,
      status: 'requires_payment_method',
      client_secret: `${id}_secret_${randomBytes(8).toString('hex')}`,
      description: stringParam(params, 'description') ?? null,
      metadata: recordParam(params, 'metadata'),
      latest_charge: null,
      last_payment_error: null,
      created: nowSeconds(),
      livemode: false,
      amount_refunded: 0,
    };
    paymentIntents.set(id, paymentIntent);
    const behaviour = behaviours.get(paymentMethod.id) ?? 'succeed';
    if (behaviour === 'succeed') {
      paymentIntent.status = 'succeeded';
      paymentIntent.amount_received = amount;
      paymentIntent.latest_charge = newId('ch');
      return { status: 200, body: paymentIntent };
    }
    const error =
      behaviour === 'authentication_required'
        ? {
            type: 'card_error' as const,
            code: 'authentication_required',
            decline_code: 'authentication_required',
            message: 'Your card was declined. This transaction requires authentication.',
          }
        : {
            type: 'card_error' as const,
            code: 'card_declined',
            decline_code: behaviour,
            message: behaviour === 'insufficient_funds' ? 'Your card has insufficient funds.' : 'Your card was declined.',
          };
    paymentIntent.last_payment_error = error;
    paymentIntent.latest_charge = behaviour === 'authentication_required' ? null : newId('ch');
    throw new StripeApiError(402, { ...error, payment_intent: paymentIntent });
  }

  function createRefund(params: Params): object {
    const paymentIntentId = stringParam(params, 'payment_intent');
    if (!paymentIntentId) throw invalidRequest('One of charge or payment_intent is required.', 'payment_intent');
    const paymentIntent = paymentIntents.get(paymentIntentId);
    if (!paymentIntent) throw resourceMissing('payment_intent', paymentIntentId, 'payment_intent');
    if (paymentIntent.status !== 'succeeded') {
      throw invalidRequest('This PaymentIntent does not have a successful charge to refund.', 'payment_intent', 'charge_not_refundable');
    }
    const refundable = paymentIntent.amount_received - paymentIntent.amount_refunded;
    if (refundable === 0)
      throw invalidRequest(`Charge ${paymentIntent.latest_charge ?? ''} has already been refunded.`, undefined, 'charge_already_refunded');
    const amountParam = stringParam(params, 'amount');
    const amount = amountParam === undefined ? refundable : Number(amountParam);
    if (!Number.isInteger(amount) || amount < 1) throw invalidRequest('Invalid positive integer', 'amount');
    if (amount > refundable) {
      throw invalidRequest(
        `Refund amount (${amount}) is greater than unrefunded amount on charge (${refundable})`,
        'amount',
        'amount_too_large',
      );
    }
    paymentIntent.amount_refunded += amount;
    const refund: FakeRefund = {
      id: newId('re'),
      object: 'refund',
      amount,
      currency: paymentIntent.currency,
      payment_intent: paymentIntent.id,
      charge: paymentIntent.latest_charge,
      status: 'succeeded',
      reason: stringParam(params, 'reason') ?? null,
      metadata: recordParam(params, 'metadata'),
      created: nowSeconds(),
    };
    refunds.set(refund.id, refund);
    return refund;
  }

  function route(method: string, path: string, params: Params): { status: number; body: object } {
    const segments = path.split('/').filter(Boolean);
    const [version, resource, id, action] = segments;
    if (version !== 'v1') throw resourceMissing('route', path, 'path');
    if (method === 'POST' && resource === 'customers' && !id) {
      const customer: FakeCustomer = {
        id: newId('cus'),
        object: 'customer',
        name: stringParam(params, 'name') ?? null,
        email: stringParam(params, 'email') ?? null,
        metadata: recordParam(params, 'metadata'),
        created: nowSeconds(),
      };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === 'POST' && resource === 'setup_intents' && !id) {
      const customerId = stringParam(params, 'customer');
      if (customerId && !customers.has(customerId)) throw resourceMissing('customer', customerId, 'customer');
      const setupIntentId = newId('seti');
      return {
        status: 200,
        body: {
          id: setupIntentId,
          object: 'setup_intent',
          client_secret: `${setupIntentId}_secret_${randomBytes(8).toString('hex')}`,
          customer: customerId ?? null,
          status: 'requires_payment_method',
          usage: stringParam(params, 'usage') ?? 'off_session',
          payment_method: null,
        },
      };
    }
    if (resource === 'payment_methods') {
      if (method === 'POST' && !id) {
        const card = recordParam(params, 'card');
        return { status: 200, body: paymentMethodFromNumber(card.number ?? '', Number(card.exp_month), Number(card.exp_year)) };
      }
      if (!id) throw resourceMissing('route', path, 'path');
      if (method === 'GET' && !action) return { status: 200, body: resolvePaymentMethod(id, 'payment_method') };
      if (method === 'POST' && action === 'attach') {
        const customerId = stringParam(params, 'customer');
        if (!customerId || !customers.has(customerId)) throw resourceMissing('customer', customerId ?? '', 'customer');
        const paymentMethod = resolvePaymentMethod(id, 'payment_method');
        if (paymentMethod.customer && paymentMethod.customer !== customerId) {
          throw invalidRequest('The payment method you provided has already been attached to a customer.', 'payment_method');
        }
        paymentMethod.customer = customerId;
        return { status: 200, body: paymentMethod };
      }
      if (method === 'POST' && !action) {
        const paymentMethod = paymentMethods.get(id);
        if (!paymentMethod) throw resourceMissing('PaymentMethod', id, 'payment_method');
        if (!paymentMethod.customer) {
          throw invalidRequest('You must save this PaymentMethod to a customer before you can update it.', 'payment_method');
        }
        const card = recordParam(params, 'card');
        if (card.exp_month !== undefined) paymentMethod.card.exp_month = Number(card.exp_month);
        if (card.exp_year !== undefined) paymentMethod.card.exp_year = Number(card.exp_year);
        return { status: 200, body: paymentMethod };
      }
      if (method === 'POST' && action === 'detach') {
        const paymentMethod = paymentMethods.get(id);
        if (!paymentMethod) throw resourceMissing('PaymentMethod', id, 'payment_method');
        if (!paymentMethod.customer) {
          throw invalidRequest(
            'The payment method you provided is not attached to a customer so detachment is impossible.',
            'payment_method',
          );
        }
        paymentMethod.customer = null;
        return { status: 200, body: paymentMethod };
      }
    }
    if (resource === 'payment_intents') {
      if (method === 'POST' && !id) return createPaymentIntent(params);
      if (method === 'GET' && id && !action) {
        const paymentIntent = paymentIntents.get(id);
        if (!paymentIntent) throw resourceMissing('payment_intent', id, 'intent');
        return { status: 200, body: paymentIntent };
      }
    }
    if (method === 'POST' && resource === 'refunds' && !id) return { status: 200, body: createRefund(params) };
    throw resourceMissing('route', `${method} ${path}`, 'path');
  }

  function respond(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    const send = () => {
      if (response.destroyed) return;
      response.writeHead(status, { 'content-type': 'application/json', 'request-id': newId('req'), ...headers });
      response.end(body);
    };
    if (delayed.count > 0) {
      delayed.count -= 1;
      const timer = setTimeout(() => {
        pendingTimers.delete(timer);
        send();
      }, delayed.delayMs);
      pendingTimers.add(timer);
      return;
    }
    send();
  }

  function handle(request: IncomingMessage, response: ServerResponse, rawBody: string): void {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://fake-stripe');
    const idempotencyKey = typeof request.headers['idempotency-key'] === 'string' ? request.headers['idempotency-key'] : undefined;
    const record: RecordedRequest = { method, path: url.pathname, idempotencyKey, replayed: false };
    requests.push(record);

    if (request.headers.authorization !== `Bearer ${secretKey}`) {
      respond(response, 401, JSON.stringify({ error: { type: 'invalid_request_error', message: 'Invalid API Key provided.' } }));
      return;
    }
    if (failing.count > 0) {
      failing.count -= 1;
      respond(response, failing.status, JSON.stringify({ error: { type: 'api_error', message: 'Something went wrong on Stripe’s end.' } }));
      return;
    }
    const requestHash = createHash('sha256').update(`${method} ${url.pathname} ${rawBody}`).digest('hex');
    if (method === 'POST' && idempotencyKey) {
      const stored = idempotent.get(idempotencyKey);
      if (stored) {
        if (stored.requestHash !== requestHash) {
          respond(
            response,
            400,
            JSON.stringify({
              error: {
                type: 'idempotency_error',
                message: `Keys for idempotent requests can only be used with the same parameters they were first used with.`,
              },
            }),
          );
          return;
        }
        record.replayed = true;
        respond(response, stored.status, stored.body, { 'idempotent-replayed': 'true' });
        return;
      }
    }
    const params = method === 'GET' ? Object.fromEntries(url.searchParams) : parseStripeForm(rawBody);
    let status: number;
    let body: string;
    try {
      const result = route(method, url.pathname, params);
      status = result.status;
      body = JSON.stringify(result.body);
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      status = error.status;
      body = JSON.stringify({ error: error.body });
    }
    if (method === 'POST' && idempotencyKey && status !== 400) idempotent.set(idempotencyKey, { requestHash, status, body });
    respond(response, status, body);
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        handle(request, response, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        respond(response, 500, JSON.stringify({ error: { type: 'api_error', message: (error as Error).message } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    secretKey,
    publishableKey: 'pk_test_fake_glowdesk',
    webhookSecret,
    requests,
    customers,
    paymentMethods,
    paymentIntents,
    refunds,
    delayNextResponses(count, delayMs) {
      delayed = { count, delayMs };
    },
    failNextRequests(count, status = 500) {
      failing = { count, status };
    },
    async createCardPaymentMethod(card) {
      const response = await fetch(`${url}/v1/payment_methods`, {
        method: 'POST',
        headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          type: 'card',
          'card[number]': card.number,
          'card[exp_month]': String(card.expMonth),
          'card[exp_year]': String(card.expYear),
          'card[cvc]': card.cvc,
        }).toString(),
      });
      const body = (await response.json()) as { id?: string; error?: { message: string } };
      if (!body.id) throw new Error(`fake Stripe refused the card: ${body.error?.message ?? response.status}`);
      return body.id;
    },
    signedEvent(type, object, eventOptions = {}) {
      const eventId = eventOptions.eventId ?? newId('evt');
      const payload = JSON.stringify({
        id: eventId,
        object: 'event',
        api_version: '2026-10-28.endive',
        created: nowSeconds(),
        type,
        data: { object },
        livemode: false,
        pending_webhooks: 1,
        request: { id: null, idempotency_key: null },
      });
      const signature = Stripe.webhooks.generateTestHeaderString({
        payload,
        secret: eventOptions.secret ?? webhookSecret,
        ...(eventOptions.timestampSeconds === undefined ? {} : { timestamp: eventOptions.timestampSeconds }),
      });
      return { payload, signature, eventId };
    },
    async close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      pendingTimers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
