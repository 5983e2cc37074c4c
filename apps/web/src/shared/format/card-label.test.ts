import { describe, expect, it } from 'vitest';
import { brandName, cardExpiry, cardLabel } from './card-label.ts';

describe('card labels', () => {
  it('names each brand as printed on the card', () => {
    expect(cardLabel({ brand: 'visa', last4: '4242' })).toBe('Visa •••• 4242');
    expect(cardLabel({ brand: 'amex', last4: '0005' })).toBe('American Express •••• 0005');
    expect(brandName('unionpay')).toBe('UnionPay');
    expect(brandName('unknown')).toBe('Card');
  });

  it('capitalizes a brand it does not know rather than hiding it', () => {
    expect(brandName('cartes_bancaires')).toBe('Cartes_bancaires');
  });

  it('writes the expiry as MM/YY', () => {
    expect(cardExpiry({ expMonth: 3, expYear: 2031 })).toBe('03/31');
  });
});
