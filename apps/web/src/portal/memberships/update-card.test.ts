import type { MembershipDetail } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { mayUpdateCard, owesPayment, suggestedCardId, updatedMessage } from './update-card.ts';

const after = {
  planName: 'Glow Club',
  status: 'active',
  currency: 'USD',
  paymentMethod: { id: 'visa', brand: 'visa', last4: '4242' },
  periods: [
    { number: 0, status: 'paid', amountCents: 7_900 },
    { number: 1, status: 'paid', amountCents: 8_900 },
  ],
} as unknown as MembershipDetail;

describe('updating a membership’s card in the portal', () => {
  it('asks Past Due and Suspended members to pay, and lets any member but a cancelled one change the card', () => {
    expect([owesPayment('past_due'), owesPayment('suspended'), owesPayment('active'), owesPayment('on_hold')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(mayUpdateCard('cancelled')).toBe(false);
    expect(mayUpdateCard('active')).toBe(true);
  });

  it('offers a card other than the one that failed, the default first', () => {
    const cards = [
      { id: 'failed', isDefault: true },
      { id: 'spare', isDefault: false },
      { id: 'other', isDefault: false },
    ];
    expect(suggestedCardId(cards, { id: 'failed' }, true)).toBe('spare');
    expect(suggestedCardId(cards, { id: 'spare' }, true)).toBe('failed');
    expect(suggestedCardId([{ id: 'failed', isDefault: true }], { id: 'failed' }, true)).toBe('failed');
    expect(suggestedCardId(cards, { id: 'spare' }, false)).toBe('failed');
    expect(suggestedCardId([], { id: 'failed' }, true)).toBeNull();
  });

  it('says what was charged when the membership owed a payment, and only the new card otherwise', () => {
    expect(updatedMessage({ status: 'past_due' }, after)).toBe(
      'Your Visa •••• 4242 was charged $89.00 and your Glow Club membership is active again.',
    );
    expect(updatedMessage({ status: 'active' }, after)).toBe('Your Glow Club membership is now paid with your Visa •••• 4242.');
  });
});
