import { describe, expect, it } from 'vitest';
import { brandOfStripeCard } from './stripe-card-brand.ts';

describe('brandOfStripeCard', () => {
  it('keeps the brands Glowdesk knows', () => {
    expect(brandOfStripeCard('visa')).toBe('visa');
    expect(brandOfStripeCard('amex')).toBe('amex');
    expect(brandOfStripeCard('unionpay')).toBe('unionpay');
  });

  it('reports a brand Stripe adds later, or none, as unknown', () => {
    expect(brandOfStripeCard('cartes_bancaires')).toBe('unknown');
    expect(brandOfStripeCard(undefined)).toBe('unknown');
  });
});
