import { describe, expect, it } from 'vitest';
import { previewCheckoutTotals, readCheckoutDraft, type ProductDraft } from './checkout-draft.ts';

function row(name: string, quantity: string, unitPrice: string, key = name): ProductDraft {
  return { key, name, quantity, unitPrice };
}

describe('previewCheckoutTotals', () => {
  it('adds services and products, then the clinic’s tax', () => {
    expect(
      previewCheckoutTotals({
        servicePricesCents: [15_000],
        products: [{ name: 'SPF 46', quantity: 2, unitPriceCents: 4_100 }],
        discount: undefined,
        taxRateBps: 450,
      }),
    ).toEqual({ subtotalCents: 23_200, discountCents: 0, taxCents: 1_044, totalCents: 24_244 });
  });

  it('takes a percent discount off the subtotal and taxes the rest, rounding half up as the server does', () => {
    // 10% of 33,200 = 3,320; tax 4.5% of 29,880 = 1,344.6 → 1,345.
    expect(
      previewCheckoutTotals({ servicePricesCents: [33_200], products: [], discount: { kind: 'percent', value: 10 }, taxRateBps: 450 }),
    ).toEqual({ subtotalCents: 33_200, discountCents: 3_320, taxCents: 1_345, totalCents: 31_225 });
    // 15% of 1,005 = 150.75 → 151.
    expect(
      previewCheckoutTotals({ servicePricesCents: [1_005], products: [], discount: { kind: 'percent', value: 15 }, taxRateBps: 0 })
        .discountCents,
    ).toBe(151);
  });

  it('takes an amount discount as given', () => {
    expect(
      previewCheckoutTotals({ servicePricesCents: [20_000], products: [], discount: { kind: 'amount', value: 2_500 }, taxRateBps: 0 }),
    ).toEqual({ subtotalCents: 20_000, discountCents: 2_500, taxCents: 0, totalCents: 17_500 });
  });
});

describe('readCheckoutDraft', () => {
  it('reads products and a discount into what the API takes', () => {
    const read = readCheckoutDraft(
      { products: [row('SPF 46', '2', '41.00')], discount: { kind: 'percent', value: '10' }, servicePricesCents: [15_000] },
      'USD',
    );
    expect(read).toEqual({
      products: [{ name: 'SPF 46', quantity: 2, unitPriceCents: 4_100 }],
      discount: { kind: 'percent', value: 10 },
      errors: {},
    });
  });

  it('leaves out a product row nothing was typed in', () => {
    const read = readCheckoutDraft({ products: [row('', '1', '')], discount: { kind: 'none' }, servicePricesCents: [15_000] }, 'USD');
    expect(read).toEqual({ products: [], discount: undefined, errors: {} });
  });

  it('names every product field that cannot be sent', () => {
    const read = readCheckoutDraft(
      { products: [row('', '1', '20'), row('Serum', '0', 'abc', 'b')], discount: { kind: 'none' }, servicePricesCents: [] },
      'USD',
    );
    expect(read.errors).toEqual({
      'products[0].name': 'Name the product.',
      'products[1].quantity': 'Use a whole number from 1 to 1000.',
      'products[1].unitPrice': 'Enter an amount such as 450 or 49.99.',
    });
    expect(read.products).toEqual([]);
  });

  it('refuses a discount larger than the subtotal or an impossible percentage', () => {
    expect(
      readCheckoutDraft({ products: [], discount: { kind: 'amount', value: '200.01' }, servicePricesCents: [20_000] }, 'USD').errors,
    ).toEqual({ discount: 'The discount is more than the subtotal ($200.00).' });
    expect(
      readCheckoutDraft({ products: [], discount: { kind: 'percent', value: '150' }, servicePricesCents: [20_000] }, 'USD').errors,
    ).toEqual({ discount: 'Use a whole percentage from 1 to 100.' });
    expect(
      readCheckoutDraft({ products: [], discount: { kind: 'amount', value: '' }, servicePricesCents: [20_000] }, 'USD').errors,
    ).toEqual({
      discount: 'Enter the discount amount, or choose no discount.',
    });
  });
});
