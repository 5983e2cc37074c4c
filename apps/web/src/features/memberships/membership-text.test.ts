import { describe, expect, it } from 'vitest';
import { describeDrawDay, describeMembershipCoupon, describeMinimumTerm, ordinalDay } from './membership-text.ts';

describe('membership wording', () => {
  it('writes ordinal days as people read them', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 31].map(ordinalDay)).toEqual([
      '1st',
      '2nd',
      '3rd',
      '4th',
      '11th',
      '12th',
      '13th',
      '21st',
      '22nd',
      '23rd',
      '31st',
    ]);
  });

  it('says that a draw day past the 28th falls on a shorter month’s last day', () => {
    expect(describeDrawDay({ interval: 'month', drawDay: 15, drawMonth: null })).toBe('The 15th of each month');
    expect(describeDrawDay({ interval: 'month', drawDay: 31, drawMonth: null })).toBe(
      'The 31st of each month (a shorter month’s last day)',
    );
  });

  it('names the month of a yearly draw, and February 28 for a leap day', () => {
    expect(describeDrawDay({ interval: 'year', drawDay: 15, drawMonth: 3 })).toBe('March 15 each year');
    expect(describeDrawDay({ interval: 'year', drawDay: 29, drawMonth: 2 })).toBe('February 29 each year (February 28 in other years)');
  });

  it('shows what remains of a minimum term, or that it is over', () => {
    expect(describeMinimumTerm({ months: 0, endsOn: '2027-01-15', paymentsRemaining: 0 })).toBe('None');
    expect(describeMinimumTerm({ months: 6, endsOn: '2027-06-15', paymentsRemaining: 4 })).toBe(
      '6 months, until Jun 15, 2027: 4 payments remaining',
    );
    expect(describeMinimumTerm({ months: 1, endsOn: '2027-02-15', paymentsRemaining: 1 })).toBe(
      '1 month, until Feb 15, 2027: 1 payment remaining',
    );
    expect(describeMinimumTerm({ months: 6, endsOn: '2026-06-15', paymentsRemaining: 0 })).toBe('6 months, completed Jun 15, 2026');
  });

  it('describes a coupon by what it takes off and for how long', () => {
    const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;
    expect(describeMembershipCoupon({ code: 'SPRING20', percentOff: 20, amountOffCents: null, payments: 3 }, dollars)).toBe(
      'SPRING20: 20% off the first 3 payments',
    );
    expect(describeMembershipCoupon({ code: 'TENOFF', percentOff: null, amountOffCents: 1000, payments: null }, dollars)).toBe(
      'TENOFF: $10.00 off every payment',
    );
  });
});
