import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../platform/errors.ts';
import { checkCardEntry } from './card-entry.ts';
import { brandOfCardNumber, passesLuhn, testCardNumbers } from './test-cards.ts';

const now = new Date('2026-05-15T12:00:00Z');

function fieldOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.field;
    throw error;
  }
  return undefined;
}

describe('Luhn check', () => {
  it('accepts every Stripe test card and rejects a changed digit', () => {
    for (const number of testCardNumbers.keys()) {
      expect(passesLuhn(number)).toBe(true);
      const changed = number.slice(0, -1) + String((Number(number.at(-1)) + 1) % 10);
      expect(passesLuhn(changed)).toBe(false);
    }
  });

  it('rejects anything but digits', () => {
    expect(passesLuhn('4242 4242 4242 4242')).toBe(false);
    expect(passesLuhn('')).toBe(false);
  });
});

describe('card brand by number', () => {
  it.each([
    ['4242424242424242', 'visa'],
    ['5555555555554444', 'mastercard'],
    ['2223003122003222', 'mastercard'],
    ['378282246310005', 'amex'],
    ['6011111111111117', 'discover'],
    ['3566002020360505', 'jcb'],
    ['36227206271667', 'diners'],
    ['6200000000000005', 'unionpay'],
    ['9999999999999995', 'unknown'],
  ])('%s is %s', (number, brand) => {
    expect(brandOfCardNumber(number)).toBe(brand);
  });

  it('agrees with the brand listed for each test card', () => {
    for (const [number, card] of testCardNumbers) expect(brandOfCardNumber(number)).toBe(card.brand);
  });
});

describe('checking a card typed into the simulated gateway', () => {
  const valid = { number: '4242 4242 4242 4242', expMonth: 5, expYear: 2026, cvc: '123' };

  it('keeps brand, last 4, expiry and behaviour, and nothing else', () => {
    expect(checkCardEntry(valid, now)).toEqual({ brand: 'visa', last4: '4242', expMonth: 5, expYear: 2026, outcome: { kind: 'succeed' } });
  });

  it('knows what each kind of test card does off-session', () => {
    expect(checkCardEntry({ ...valid, number: '4000000000000002' }, now).outcome).toEqual({
      kind: 'decline',
      declineCode: 'generic_decline',
    });
    expect(checkCardEntry({ ...valid, number: '4000-0025-0000-3155' }, now).outcome).toEqual({ kind: 'require_authentication' });
    expect(checkCardEntry({ ...valid, number: '4000002760003184' }, now).outcome).toEqual({ kind: 'require_authentication' });
    expect(checkCardEntry({ ...valid, number: '5555555555554444' }, now)).toMatchObject({
      brand: 'mastercard',
      outcome: { kind: 'succeed' },
    });
  });

  it('takes a card until the end of its expiry month', () => {
    expect(fieldOf(() => checkCardEntry({ ...valid, expMonth: 5, expYear: 2026 }, now))).toBeUndefined();
    expect(fieldOf(() => checkCardEntry({ ...valid, expMonth: 4, expYear: 2026 }, now))).toBe('expYear');
    expect(fieldOf(() => checkCardEntry({ ...valid, expMonth: 12, expYear: 25 }, now))).toBe('expYear');
  });

  it.each([
    ['number', { number: '4242424242424241' }],
    ['number', { number: '42424242' }],
    ['number', { number: '4111 1111 1111 1111 1111' }],
    ['number', { number: '4539578763621486' }],
    ['expMonth', { expMonth: 0 }],
    ['expMonth', { expMonth: 13 }],
    ['expYear', { expYear: 2099 }],
    ['cvc', { cvc: '12' }],
    ['cvc', { cvc: '12345' }],
    ['cvc', { cvc: 'abc' }],
  ])('names %s when it is wrong', (field, change) => {
    expect(fieldOf(() => checkCardEntry({ ...valid, ...change }, now))).toBe(field);
  });

  it('never repeats the number in its error', () => {
    try {
      checkCardEntry({ ...valid, number: '4539578763621486' }, now);
    } catch (error) {
      expect((error as Error).message).not.toContain('4539');
    }
  });
});
