import type { InvoicePayment } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../shared/format/money.ts';
import { refundablePayments, refundAmountProblem } from './refund-limits.ts';

function payment(overrides: Partial<InvoicePayment>): InvoicePayment {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    attempt: 1,
    method: 'card_on_file',
    status: 'succeeded',
    amountCents: 10_000,
    currency: 'USD',
    card: { paymentMethodId: '00000000-0000-4000-8000-0000000000aa', brand: 'visa', last4: '4242' },
    gatewayChargeId: 'pi_1',
    failureCode: null,
    failureMessage: null,
    amountTenderedCents: null,
    changeDueCents: null,
    refundableCents: 10_000,
    createdAt: '2026-11-20T15:00:00.000Z',
    createdBy: null,
    settledAt: '2026-11-20T15:00:00.000Z',
    ...overrides,
  };
}

describe('refundablePayments', () => {
  it('lists only succeeded payments with money left, newest first', () => {
    const older = payment({ id: '00000000-0000-4000-8000-000000000002', createdAt: '2026-11-19T10:00:00.000Z' });
    const newer = payment({ id: '00000000-0000-4000-8000-000000000003', createdAt: '2026-11-20T10:00:00.000Z', method: 'cash' });
    const declined = payment({ id: '00000000-0000-4000-8000-000000000004', status: 'failed', refundableCents: 0 });
    const spent = payment({ id: '00000000-0000-4000-8000-000000000005', refundableCents: 0 });
    expect(refundablePayments([older, declined, newer, spent]).map((found) => found.id)).toEqual([newer.id, older.id]);
  });
});

describe('refundAmountProblem', () => {
  it('accepts a partial or the full refundable amount', () => {
    expect(refundAmountProblem(parseAmount('50', 'USD'), 10_675, 'USD')).toBeUndefined();
    expect(refundAmountProblem(parseAmount('106.75', 'USD'), 10_675, 'USD')).toBeUndefined();
  });

  it('refuses more than is left on the payment, naming the limit', () => {
    expect(refundAmountProblem(parseAmount('106.76', 'USD'), 10_675, 'USD')).toBe('At most $106.75 of this payment is left to refund.');
  });

  it('refuses blank, zero and unreadable amounts', () => {
    expect(refundAmountProblem(parseAmount('', 'USD'), 10_675, 'USD')).toBe('Enter the amount to refund.');
    expect(refundAmountProblem(parseAmount('0', 'USD'), 10_675, 'USD')).toBe('Refund more than zero.');
    expect(refundAmountProblem(parseAmount('1.234', 'USD'), 10_675, 'USD')).toBe('Use at most 2 decimal places.');
  });
});
