import { describe, expect, it } from 'vitest';
import { formatCentsForInput, formatMoney, parseMoneyToCents } from './money.ts';

describe('parseMoneyToCents', () => {
  it.each([
    ['450', 45_000],
    ['450.5', 45_050],
    ['19.99', 1_999],
    ['0.29', 29],
    ['1,234.56', 123_456],
    ['$ 75', 7_500],
    ['1000000', 100_000_000],
    ['0', 0],
    ['.5', 50],
    ['.', undefined],
  ])('reads %s as %s cents', (text, cents) => {
    const parsed = parseMoneyToCents(text);
    if (cents === undefined) expect(parsed.status).toBe('invalid');
    else expect(parsed).toEqual({ status: 'valid', cents });
  });

  it('reads every two-decimal amount exactly, where float arithmetic drifts', () => {
    for (let cents = 0; cents < 20_000; cents += 1) {
      const text = formatCentsForInput(cents);
      expect(parseMoneyToCents(text)).toEqual({ status: 'valid', cents });
    }
  });

  it('refuses negative amounts, fractions of a cent and text', () => {
    expect(parseMoneyToCents('-5')).toEqual({ status: 'invalid', message: 'Must not be negative.' });
    expect(parseMoneyToCents('1.999').status).toBe('invalid');
    expect(parseMoneyToCents('12,34').status).toBe('invalid');
    expect(parseMoneyToCents('ten').status).toBe('invalid');
  });

  it('tells a blank field apart from zero', () => {
    expect(parseMoneyToCents('  ')).toEqual({ status: 'blank' });
  });
});

describe('formatting cents', () => {
  it('shows cents for editing and for reading', () => {
    expect(formatCentsForInput(45_000)).toBe('450.00');
    expect(formatCentsForInput(7)).toBe('0.07');
    expect(formatMoney(123_456, 'USD')).toBe('$1,234.56');
  });
});
