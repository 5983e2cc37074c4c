import type { CardBrand } from '@glowdesk/contracts';

/** What a test card does when charged off-session (Stripe's test-mode behaviour). */
export type ChargeOutcome = { kind: 'succeed' } | { kind: 'decline'; declineCode: string } | { kind: 'require_authentication' };

export interface TestCard {
  brand: CardBrand;
  outcome: ChargeOutcome;
}

const succeed: ChargeOutcome = { kind: 'succeed' };
const genericDecline: ChargeOutcome = { kind: 'decline', declineCode: 'generic_decline' };
const requireAuthentication: ChargeOutcome = { kind: 'require_authentication' };

/**
 * Stripe's documented test card numbers. Unlike Stripe, 4000000000000002 can be saved:
 * it then declines when charged, so the declined-fee path can be shown end to end.
 */
export const testCardNumbers: ReadonlyMap<string, TestCard> = new Map([
  ['4242424242424242', { brand: 'visa', outcome: succeed }],
  ['4000056655665556', { brand: 'visa', outcome: succeed }],
  ['5555555555554444', { brand: 'mastercard', outcome: succeed }],
  ['2223003122003222', { brand: 'mastercard', outcome: succeed }],
  ['5200828282828210', { brand: 'mastercard', outcome: succeed }],
  ['378282246310005', { brand: 'amex', outcome: succeed }],
  ['6011111111111117', { brand: 'discover', outcome: succeed }],
  ['4000000000000002', { brand: 'visa', outcome: genericDecline }],
  ['4000000000009995', { brand: 'visa', outcome: { kind: 'decline', declineCode: 'insufficient_funds' } }],
  ['4000000000000341', { brand: 'visa', outcome: genericDecline }],
  ['4000002500003155', { brand: 'visa', outcome: requireAuthentication }],
  ['4000002760003184', { brand: 'visa', outcome: requireAuthentication }],
]);

export interface TestPaymentMethod extends TestCard {
  last4: string;
}

/** Stripe's test payment-method ids, so scripts can save cards without a browser. */
export const testPaymentMethodIds: ReadonlyMap<string, TestPaymentMethod> = new Map([
  ['pm_card_visa', { brand: 'visa', last4: '4242', outcome: succeed }],
  ['pm_card_visa_debit', { brand: 'visa', last4: '5556', outcome: succeed }],
  ['pm_card_mastercard', { brand: 'mastercard', last4: '4444', outcome: succeed }],
  ['pm_card_amex', { brand: 'amex', last4: '0005', outcome: succeed }],
  ['pm_card_discover', { brand: 'discover', last4: '1117', outcome: succeed }],
  ['pm_card_chargeDeclined', { brand: 'visa', last4: '0002', outcome: genericDecline }],
  [
    'pm_card_chargeDeclinedInsufficientFunds',
    { brand: 'visa', last4: '9995', outcome: { kind: 'decline', declineCode: 'insufficient_funds' } },
  ],
  ['pm_card_chargeCustomerFail', { brand: 'visa', last4: '0341', outcome: genericDecline }],
  ['pm_card_authenticationRequired', { brand: 'visa', last4: '3184', outcome: requireAuthentication }],
  ['pm_card_authenticationRequiredOnSetup', { brand: 'visa', last4: '3155', outcome: requireAuthentication }],
]);

/** The Luhn (mod 10) check every card number passes. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    let digit = Number(digits[digits.length - 1 - index]);
    if (index % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** The card network by the number's leading digits (IIN ranges). */
export function brandOfCardNumber(digits: string): CardBrand {
  const prefix2 = Number(digits.slice(0, 2));
  const prefix3 = Number(digits.slice(0, 3));
  const prefix4 = Number(digits.slice(0, 4));
  const prefix6 = Number(digits.slice(0, 6));
  if (digits.startsWith('4')) return 'visa';
  if ((prefix2 >= 51 && prefix2 <= 55) || (prefix6 >= 222100 && prefix6 <= 272099)) return 'mastercard';
  if (prefix2 === 34 || prefix2 === 37) return 'amex';
  if (prefix4 === 6011 || prefix2 === 65 || (prefix3 >= 644 && prefix3 <= 649)) return 'discover';
  if (prefix4 >= 3528 && prefix4 <= 3589) return 'jcb';
  if (prefix2 === 36 || prefix2 === 38 || prefix2 === 39 || (prefix3 >= 300 && prefix3 <= 305)) return 'diners';
  if (prefix2 === 62) return 'unionpay';
  return 'unknown';
}
