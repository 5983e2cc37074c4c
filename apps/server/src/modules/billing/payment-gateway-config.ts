import { z } from 'zod';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import type { PaymentGateway } from './payment-gateway.ts';
import { createSimulatedGateway } from './simulated-gateway.ts';
import { createStripeGateway } from './stripe-gateway.ts';

export type PaymentGatewayConfig =
  | { gateway: 'simulated' }
  | { gateway: 'stripe'; secretKey: string; publishableKey: string; webhookSecret: string | undefined; apiUrl: string | undefined };

const environmentSchema = z.object({
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, { message: 'must be a Stripe secret or restricted key (sk_… or rk_…)' })
    .optional(),
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .regex(/^pk_(test|live)_\w+$/, { message: 'must be a Stripe publishable key (pk_…)' })
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, { message: 'must be a Stripe webhook signing secret (whsec_…)' })
    .optional(),
  /** Another Stripe API origin, e.g. stripe-mock or the test fake; absent in production. */
  STRIPE_API_URL: z.url().optional(),
});

/**
 * Which payment gateway to use: Stripe when STRIPE_SECRET_KEY is set (then
 * STRIPE_PUBLISHABLE_KEY is required too), the built-in simulated gateway otherwise.
 * Throws naming the variable at fault.
 */
export function loadPaymentGatewayConfig(environment: NodeJS.ProcessEnv = process.env): PaymentGatewayConfig {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const env = parsed.data;
  if (!env.STRIPE_SECRET_KEY) {
    if (env.STRIPE_PUBLISHABLE_KEY || env.STRIPE_WEBHOOK_SECRET) {
      throw new Error('Invalid configuration: STRIPE_SECRET_KEY is required when STRIPE_PUBLISHABLE_KEY or STRIPE_WEBHOOK_SECRET is set');
    }
    return { gateway: 'simulated' };
  }
  if (!env.STRIPE_PUBLISHABLE_KEY) throw new Error('Invalid configuration: STRIPE_PUBLISHABLE_KEY is required with STRIPE_SECRET_KEY');
  return {
    gateway: 'stripe',
    secretKey: env.STRIPE_SECRET_KEY,
    publishableKey: env.STRIPE_PUBLISHABLE_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    apiUrl: env.STRIPE_API_URL,
  };
}

export function createPaymentGateway(config: PaymentGatewayConfig, deps: { database: Database; clock: Clock }): PaymentGateway {
  switch (config.gateway) {
    case 'simulated':
      return createSimulatedGateway(deps);
    case 'stripe':
      return createStripeGateway({ ...config, clock: deps.clock });
    default: {
      const unreachable: never = config;
      throw new Error(`unknown payment gateway ${JSON.stringify(unreachable)}`);
    }
  }
}
