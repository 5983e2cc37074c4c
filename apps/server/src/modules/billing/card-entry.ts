import type { CardBrand, SimulatedTokenRequest } from '@glowdesk/contracts';
import { ValidationError } from '../../platform/errors.ts';
import { passesLuhn, testCardNumbers, type ChargeOutcome } from './test-cards.ts';

/** What survives tokenization: everything but the number and the CVC. */
export interface CheckedCard {
  brand: CardBrand;
  last4: string;
  expMonth: number;
  expYear: number;
  outcome: ChargeOutcome;
}

/** No issuer prints an expiry further ahead than this many years. */
const MAX_YEARS_AHEAD = 20;

/**
 * Checks a card typed into the simulated gateway's form and keeps only what a processor
 * stores. Throws a ValidationError naming the field; the message never repeats the number.
 */
export function checkCardEntry(entry: SimulatedTokenRequest, now: Date): CheckedCard {
  const digits = entry.number.replace(/[\s-]/g, '');
  if (digits.length < 12 || digits.length > 19 || !passesLuhn(digits)) {
    throw new ValidationError('The card number is not valid.', { field: 'number', code: 'invalid_card_number' });
  }
  const testCard = testCardNumbers.get(digits);
  if (!testCard) {
    throw new ValidationError('The simulated gateway takes only test card numbers, such as 4242 4242 4242 4242.', {
      field: 'number',
      code: 'not_a_test_card',
    });
  }
  if (entry.expMonth < 1 || entry.expMonth > 12) {
    throw new ValidationError('The expiry month must be from 1 to 12.', { field: 'expMonth', code: 'invalid_expiry_month' });
  }
  const expYear = entry.expYear < 100 ? 2000 + entry.expYear : entry.expYear;
  const thisYear = now.getUTCFullYear();
  const thisMonth = now.getUTCMonth() + 1;
  if (expYear < thisYear || (expYear === thisYear && entry.expMonth < thisMonth)) {
    throw new ValidationError('The card has expired.', { field: 'expYear', code: 'card_expired' });
  }
  if (expYear > thisYear + MAX_YEARS_AHEAD) {
    throw new ValidationError('The expiry year is too far ahead.', { field: 'expYear', code: 'invalid_expiry_year' });
  }
  if (!/^\d{3,4}$/.test(entry.cvc)) {
    throw new ValidationError('The security code (CVC) is 3 or 4 digits.', { field: 'cvc', code: 'invalid_cvc' });
  }
  return { brand: testCard.brand, last4: digits.slice(-4), expMonth: entry.expMonth, expYear, outcome: testCard.outcome };
}
