import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../platform/errors.ts';
import { formatMoney } from '../../platform/format-money.ts';
import { divideRoundingHalfUp, draftInvoice, type BilledItem } from './invoice-drafting.ts';
import { invoiceStatusOf } from './invoice-status.ts';

const service = (unitAmountCents: number, quantity = 1): BilledItem => ({
  kind: 'service',
  description: 'Chemical peel',
  serviceId: 'service-1',
  quantity,
  unitAmountCents,
  field: 'services[0]',
});

describe('drafting an invoice', () => {
  it('adds the lines, then the discount, then the tax on the discounted subtotal', () => {
    const draft = draftInvoice({
      items: [service(15_000), { ...service(3_250, 2), kind: 'product', description: 'SPF 50', serviceId: null }],
      discount: { kind: 'percent', value: 10 },
      taxRateBps: 875,
    });
    expect(draft).toMatchObject({ subtotalCents: 21_500, discountCents: 2_150, taxCents: 1_693, totalCents: 21_043 });
    expect(draft.lines.map((line) => [line.position, line.kind, line.totalCents])).toEqual([
      [1, 'service', 15_000],
      [2, 'product', 6_500],
      [3, 'discount', -2_150],
      [4, 'tax', 1_693],
    ]);
  });

  it('rounds the tax half up to the minor unit', () => {
    // 1,000 × 8.75 % = 87.5 → 88; 1,001 × 8.75 % = 87.5875 → 88; 999 × 8.75 % = 87.4125 → 87.
    expect(draftInvoice({ items: [service(1_000)], taxRateBps: 875 }).taxCents).toBe(88);
    expect(draftInvoice({ items: [service(1_001)], taxRateBps: 875 }).taxCents).toBe(88);
    expect(draftInvoice({ items: [service(999)], taxRateBps: 875 }).taxCents).toBe(87);
  });

  it('leaves out zero discount and tax lines', () => {
    const draft = draftInvoice({ items: [service(5_000)], taxRateBps: 0 });
    expect(draft.lines.map((line) => line.kind)).toEqual(['service']);
    expect(draft.totalCents).toBe(5_000);
  });

  it('refuses an amount discount above the subtotal, naming discount.value', () => {
    expect(() => draftInvoice({ items: [service(5_000)], discount: { kind: 'amount', value: 5_001 }, taxRateBps: 0 })).toThrow(
      ValidationError,
    );
    try {
      draftInvoice({ items: [service(5_000)], discount: { kind: 'amount', value: 5_001 }, taxRateBps: 0 });
    } catch (error) {
      expect((error as ValidationError).field).toBe('discount.value');
    }
  });

  it('refuses totals above what one payment may carry, naming the line', () => {
    expect(() => draftInvoice({ items: [{ ...service(99_999_999, 2), field: 'products[3]' }], taxRateBps: 0 })).toThrow(
      /products\[3\]|more than/,
    );
  });

  it('never produces a fraction of a minor unit', () => {
    for (let cents = 1; cents < 3_000; cents += 37) {
      for (const bps of [0, 1, 625, 875, 1_025, 5_000]) {
        const draft = draftInvoice({ items: [service(cents)], discount: { kind: 'percent', value: 15 }, taxRateBps: bps });
        expect(Number.isInteger(draft.totalCents)).toBe(true);
        expect(draft.totalCents).toBe(draft.subtotalCents - draft.discountCents + draft.taxCents);
      }
    }
  });

  it('divides rounding half up', () => {
    expect([divideRoundingHalfUp(5, 10), divideRoundingHalfUp(4, 10), divideRoundingHalfUp(15, 10), divideRoundingHalfUp(0, 7)]).toEqual([
      1, 0, 2, 0,
    ]);
  });
});

describe('an invoice’s status', () => {
  const base = { totalCents: 10_000, amountPaidCents: 0, amountRefundedCents: 0, voidedAt: null };
  it.each([
    [base, 'unpaid'],
    [{ ...base, amountPaidCents: 4_000 }, 'unpaid'],
    [{ ...base, amountPaidCents: 10_000 }, 'paid'],
    [{ ...base, totalCents: 0 }, 'paid'],
    [{ ...base, amountPaidCents: 10_000, amountRefundedCents: 1 }, 'partially_refunded'],
    [{ ...base, amountPaidCents: 10_000, amountRefundedCents: 10_000 }, 'refunded'],
    [{ ...base, voidedAt: new Date() }, 'void'],
  ])('%j is %s', (amounts, status) => {
    expect(invoiceStatusOf(amounts)).toBe(status);
  });
});

describe('money in messages', () => {
  it('shows minor units in the currency’s own digits', () => {
    expect(formatMoney(5_000, 'USD')).toBe('$50.00');
    expect(formatMoney(5_000, 'JPY')).toBe('¥5,000');
    expect(formatMoney(1_234, 'EUR')).toBe('€12.34');
  });
});
