import { describe, expect, it } from 'vitest';
import {
  prepaidUnitsByService,
  previewCheckoutTotals,
  readCheckoutDraft,
  readPrepaidRedemptions,
  readWalletSales,
  type CheckoutService,
  type ProductDraft,
} from './checkout-draft.ts';

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

const peelId = '00000000-0000-4000-8000-0000000000a1';
const facialId = '00000000-0000-4000-8000-0000000000a2';
const services = [
  { id: peelId, name: 'Chemical Peel', priceCents: 15_000 },
  { id: facialId, name: 'HydraFacial', priceCents: 22_500 },
];

describe('previewCheckoutTotals with the wallet', () => {
  it('taxes a prepaid package like a sale, but a gift card sold takes no discount and no tax', () => {
    // Discountable: 15,000 + 3 × 12,000 = 51,000; 10% off = 5,100; tax 4.5% of 45,900 = 2,065.5 → 2,066.
    expect(
      previewCheckoutTotals({
        servicePricesCents: [15_000],
        products: [],
        walletSales: [
          { kind: 'prepaid', name: 'Chemical Peel', serviceId: peelId, quantity: 3, unitPriceCents: 12_000 },
          { kind: 'credit', amountCents: 10_000 },
        ],
        discount: { kind: 'percent', value: 10 },
        taxRateBps: 450,
      }),
    ).toEqual({ subtotalCents: 61_000, discountCents: 5_100, taxCents: 2_066, totalCents: 57_966 });
  });

  it('takes a service paid by a prepaid unit off the subtotal, the discount and the tax', () => {
    expect(
      previewCheckoutTotals({
        servicePricesCents: [15_000, 22_500],
        products: [],
        redeemedPricesCents: [15_000],
        discount: undefined,
        taxRateBps: 1_000,
      }),
    ).toEqual({ subtotalCents: 22_500, discountCents: 0, taxCents: 2_250, totalCents: 24_750 });
    expect(
      previewCheckoutTotals({
        servicePricesCents: [15_000],
        products: [],
        redeemedPricesCents: [15_000],
        discount: undefined,
        taxRateBps: 450,
      }).totalCents,
    ).toBe(0);
  });

  it('caps an amount discount at what a discount may take, leaving the gift card out', () => {
    const read = readCheckoutDraft(
      {
        products: [],
        discount: { kind: 'amount', value: '150.01' },
        servicePricesCents: [15_000],
        walletSales: [{ kind: 'credit', amountCents: 5_000 }],
      },
      'USD',
    );
    expect(read.errors).toEqual({ discount: 'The discount is more than the subtotal ($150.00).' });
  });
});

describe('readWalletSales', () => {
  it('sells units of a product named as typed, with no service, and asks for the name when it is blank', () => {
    expect(
      readWalletSales(
        [
          { key: 'a', kind: 'prepaid', serviceId: null, productName: '  SPF 50 sunscreen ', quantity: '2', unitPrice: '38', expiresOn: '' },
          { key: 'b', kind: 'prepaid', serviceId: null, productName: ' ', quantity: '1', unitPrice: '10', expiresOn: '' },
        ],
        [],
        'USD',
      ),
    ).toEqual({
      walletSales: [{ kind: 'prepaid', name: 'SPF 50 sunscreen', quantity: 2, unitPriceCents: 3_800 }],
      errors: { 'walletSales[1].name': 'Name the product the package is for.' },
    });
  });

  it('reads a prepaid package of a service and a gift card into what the API takes', () => {
    const read = readWalletSales(
      [
        { key: 'a', kind: 'prepaid', serviceId: peelId, quantity: '3', unitPrice: '120', expiresOn: '2027-06-30' },
        { key: 'b', kind: 'credit', name: ' Holiday gift card ', amount: '100', expiresOn: '' },
        { key: 'c', kind: 'credit', name: '', amount: '25.50', expiresOn: '' },
      ],
      services,
      'USD',
    );
    expect(read).toEqual({
      walletSales: [
        { kind: 'prepaid', name: 'Chemical Peel', serviceId: peelId, quantity: 3, unitPriceCents: 12_000, expiresOn: '2027-06-30' },
        { kind: 'credit', amountCents: 10_000, name: 'Holiday gift card' },
        { kind: 'credit', amountCents: 2_550 },
      ],
      errors: {},
    });
  });

  it('names every field of a sale that cannot be sent, and sends none of it', () => {
    const read = readWalletSales(
      [
        { key: 'a', kind: 'prepaid', serviceId: null, quantity: '0', unitPrice: '', expiresOn: '' },
        { key: 'b', kind: 'credit', name: '', amount: '0', expiresOn: '30/06/2027' },
      ],
      services,
      'USD',
    );
    expect(read.walletSales).toEqual([]);
    expect(read.errors).toEqual({
      'walletSales[0].service': 'Choose the service the package is for.',
      'walletSales[0].quantity': 'Use a whole number from 1 to 1000.',
      'walletSales[0].unitPrice': 'Enter the price of one unit.',
      'walletSales[1].amount': 'Must be more than zero.',
      'walletSales[1].expiresOn': 'Pick a date, or leave it empty for no expiry.',
    });
  });

  it('accepts a free package (a unit price of zero)', () => {
    expect(
      readWalletSales([{ key: 'a', kind: 'prepaid', serviceId: facialId, quantity: '1', unitPrice: '0', expiresOn: '' }], services, 'USD')
        .walletSales,
    ).toEqual([{ kind: 'prepaid', name: 'HydraFacial', serviceId: facialId, quantity: 1, unitPriceCents: 0 }]);
  });
});

describe('prepaid redemptions', () => {
  const booked: CheckoutService[] = [
    { position: 1, serviceId: peelId, name: 'Chemical Peel', priceCents: 15_000 },
    { position: 2, serviceId: peelId, name: 'Chemical Peel', priceCents: 15_000 },
    { position: 3, serviceId: facialId, name: 'HydraFacial', priceCents: 0 },
  ];

  it('adds up the units left of each service across the packages bought, ignoring products and empty ones', () => {
    const units = prepaidUnitsByService([
      { serviceId: peelId, remaining: 2 },
      { serviceId: peelId, remaining: 1 },
      { serviceId: facialId, remaining: 0 },
      { serviceId: null, remaining: 5 },
    ]);
    expect([...units]).toEqual([[peelId, 3]]);
  });

  it('sends the chosen services’ ids and prices', () => {
    expect(readPrepaidRedemptions(booked, new Set([1]), new Map([[peelId, 3]]))).toEqual({
      prepaidServiceIds: [peelId],
      redeemedPricesCents: [15_000],
      error: undefined,
    });
  });

  it('refuses more units of a service than the wallet holds, and leaves out a service that costs nothing', () => {
    const read = readPrepaidRedemptions(booked, new Set([1, 2, 3]), new Map([[peelId, 1]]));
    expect(read.prepaidServiceIds).toEqual([peelId, peelId]);
    expect(read.error).toBe('The client has 1 prepaid Chemical Peel left; 2 cannot be paid from the wallet.');
  });
});
