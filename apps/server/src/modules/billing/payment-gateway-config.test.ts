import { describe, expect, it } from 'vitest';
import { loadPaymentGatewayConfig } from './payment-gateway-config.ts';

describe('choosing the payment gateway from the environment', () => {
  it('uses the simulated gateway when no Stripe key is set', () => {
    expect(loadPaymentGatewayConfig({})).toEqual({ gateway: 'simulated' });
  });

  it('uses Stripe with a secret and a publishable key', () => {
    expect(
      loadPaymentGatewayConfig({
        STRIPE_SECRET_KEY: 'sk_test_abc',
        STRIPE_PUBLISHABLE_KEY: 'pk_test_abc',
        STRIPE_WEBHOOK_SECRET: 'whsec_abc',
      }),
    ).toEqual({
      gateway: 'stripe',
      secretKey: 'sk_test_abc',
      publishableKey: 'pk_test_abc',
      webhookSecret: 'whsec_abc',
      apiUrl: undefined,
    });
  });

  it.each([
    [{ STRIPE_SECRET_KEY: 'sk_test_abc' }, /STRIPE_PUBLISHABLE_KEY is required/],
    [{ STRIPE_PUBLISHABLE_KEY: 'pk_test_abc' }, /STRIPE_SECRET_KEY is required/],
    [{ STRIPE_SECRET_KEY: 'pk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc' }, /STRIPE_SECRET_KEY/],
    [{ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_WEBHOOK_SECRET: 'secret' }, /STRIPE_WEBHOOK_SECRET/],
    [{ STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_PUBLISHABLE_KEY: 'pk_test_abc', STRIPE_API_URL: 'not a url' }, /STRIPE_API_URL/],
  ])('refuses an incomplete or malformed setting, naming it (%o)', (environment, message) => {
    expect(() => loadPaymentGatewayConfig(environment)).toThrow(message);
  });
});
