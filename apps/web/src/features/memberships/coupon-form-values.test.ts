import { describe, expect, it } from 'vitest';
import { couponRequestOf, emptyCouponValues } from './coupon-form-values.ts';

describe('the coupon form', () => {
  it('makes a percent coupon for the first N payments, upper-casing the code', () => {
    const result = couponRequestOf(
      { ...emptyCouponValues, code: 'spring20', value: '20', duration: 'repeating', durationPayments: '3', maxRedemptions: '50' },
      'USD',
    );
    expect(result).toEqual({
      ok: true,
      coupon: { code: 'SPRING20', percentOff: 20, duration: 'repeating', durationPayments: 3, maxRedemptions: 50, planIds: [] },
    });
  });

  it('makes an amount coupon in minor units, sending the number of payments only with "repeating"', () => {
    const result = couponRequestOf(
      { ...emptyCouponValues, code: 'TENOFF', kind: 'amount', value: '10.50', duration: 'forever', durationPayments: '4' },
      'USD',
    );
    expect(result).toMatchObject({ ok: true, coupon: { amountOffCents: 1_050, duration: 'forever' } });
    expect(result.ok && 'durationPayments' in result.coupon).toBe(false);
  });

  it('names the field at fault', () => {
    const result = couponRequestOf(
      { ...emptyCouponValues, code: 'x', value: '0', duration: 'repeating', validFrom: '2027-03-01', validUntil: '2027-02-01' },
      'USD',
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.code).toBe('Must be 3 to 40 letters, digits, - or _.');
    expect(result.errors.percentOff).toBe('Use a percent from 1 to 100.');
    expect(result.errors.durationPayments).toBe('Enter how many payments, 1 or more.');
    expect(result.errors.validUntil).toBe('Must be on or after the first day it is valid.');
  });
});
