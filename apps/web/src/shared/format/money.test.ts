import { describe, expect, it } from 'vitest';
import { formatAmountForInput, formatMoney, formatTaxRate, minorUnitDigits, parseAmount } from './money.ts';

describe('parseAmount', () => {
  it.each([
    ['450', 45_000],
    ['450.5', 45_050],
    ['19.99', 1_999],
    ['0.29', 29],
    ['1,234.56', 123_456],
    ['$75', 7_500],
    ['$ 75.10', 7_510],
    ['.5', 50],
  ])('reads %s dollars as %s cents', (text, amountCents) => {
    expect(parseAmount(text, 'USD')).toEqual({ status: 'valid', amountCents });
  });

  it('reads every two-decimal amount exactly, where float arithmetic drifts', () => {
    for (let amountCents = 0; amountCents < 20_000; amountCents += 1) {
      expect(parseAmount(formatAmountForInput(amountCents, 'USD'), 'USD')).toEqual({ status: 'valid', amountCents });
    }
  });

  it('reads amounts in the currency’s own minor unit', () => {
    expect(parseAmount('5000', 'JPY')).toEqual({ status: 'valid', amountCents: 5_000 });
    expect(parseAmount('1.5', 'JPY').status).toBe('invalid');
    expect(parseAmount('1.234', 'BHD')).toEqual({ status: 'valid', amountCents: 1_234 });
  });

  it('refuses negatives, fractions of the minor unit and text', () => {
    expect(parseAmount('-5', 'USD')).toEqual({ status: 'invalid', message: 'Must not be negative.' });
    expect(parseAmount('1.999', 'USD')).toEqual({ status: 'invalid', message: 'Use at most 2 decimal places.' });
    expect(parseAmount('12,34', 'USD').status).toBe('invalid');
    expect(parseAmount('ten', 'USD').status).toBe('invalid');
    expect(parseAmount('.', 'USD').status).toBe('invalid');
    expect(parseAmount('10000000000', 'USD')).toEqual({ status: 'invalid', message: 'This amount is too large.' });
  });

  it('tells a blank field apart from zero', () => {
    expect(parseAmount('   ', 'USD')).toEqual({ status: 'blank' });
    expect(parseAmount('0', 'USD')).toEqual({ status: 'valid', amountCents: 0 });
  });
});

describe('showing money', () => {
  it('formats minor units in the currency’s own digits', () => {
    expect(minorUnitDigits('USD')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(formatMoney(29_880, 'USD')).toBe('$298.80');
    expect(formatMoney(-3_320, 'USD')).toBe('-$33.20');
    expect(formatMoney(5_000, 'JPY')).toBe('¥5,000');
  });

  it('fills an amount field with plain digits', () => {
    expect(formatAmountForInput(10_675, 'USD')).toBe('106.75');
    expect(formatAmountForInput(7, 'USD')).toBe('0.07');
    expect(formatAmountForInput(5_000, 'JPY')).toBe('5000');
  });

  it('names a tax rate from basis points', () => {
    expect(formatTaxRate(450)).toBe('4.5%');
    expect(formatTaxRate(875)).toBe('8.75%');
    expect(formatTaxRate(0)).toBe('0%');
  });
});
