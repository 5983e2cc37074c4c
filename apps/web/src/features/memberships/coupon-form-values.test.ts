import type { Coupon } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { couponChangesOf, couponEditValuesOf, couponRequestOf, emptyCouponValues } from './coupon-form-values.ts';

const planA = '5b0c1f0e-8a53-4b1e-9d0a-0c6a8f1e2d3c';
const planB = '9e2d4c1a-7b6f-4e3d-8c2b-1a0f9e8d7c6b';

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

describe('the coupon edit form', () => {
  const coupon: Coupon = {
    id: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    code: 'SPRING20',
    percentOff: 20,
    amountOffCents: null,
    duration: 'once',
    durationPayments: null,
    maxRedemptions: 10,
    redemptions: 4,
    validFrom: '2027-03-01',
    validUntil: null,
    planIds: [planA, planB],
    active: true,
    deactivatedAt: null,
    createdAt: '2027-02-01T10:00:00.000Z',
    updatedAt: '2027-02-01T10:00:00.000Z',
    version: 3,
  };

  it('starts from the stored coupon and sends nothing when nothing changed (plan order aside)', () => {
    const values = couponEditValuesOf(coupon);
    expect(values).toEqual({ maxRedemptions: '10', validFrom: '2027-03-01', validUntil: '', planIds: [planA, planB] });
    expect(couponChangesOf({ ...values, planIds: [planB, planA] }, coupon)).toEqual({ ok: true, changes: {} });
  });

  it('sends only what changed; an emptied limit or date is sent as null', () => {
    const values = { ...couponEditValuesOf(coupon), maxRedemptions: ' ', validFrom: '', validUntil: '2027-06-30', planIds: [] };
    expect(couponChangesOf(values, coupon)).toEqual({
      ok: true,
      changes: { maxRedemptions: null, validFrom: null, validUntil: '2027-06-30', planIds: [] },
    });
  });

  it('keeps the limit at or above the redemptions so far, and the end on or after the start', () => {
    const result = couponChangesOf({ ...couponEditValuesOf(coupon), maxRedemptions: '3', validUntil: '2027-02-28' }, coupon);
    expect(result).toEqual({
      ok: false,
      errors: {
        maxRedemptions: 'Already used 4 times: the limit cannot go below 4.',
        validUntil: 'Must be on or after the first day it is valid.',
      },
    });
    expect(couponChangesOf({ ...couponEditValuesOf(coupon), maxRedemptions: '4' }, coupon)).toEqual({
      ok: true,
      changes: { maxRedemptions: 4 },
    });
    expect(couponChangesOf({ ...couponEditValuesOf(coupon), maxRedemptions: '2.5' }, coupon)).toMatchObject({
      ok: false,
      errors: { maxRedemptions: 'Use a whole number.' },
    });
  });
});
