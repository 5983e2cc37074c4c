/**
 * Money typed by a person, read as exact integer cents. The text is parsed digit by digit, never
 * through a float, so "19.99" is 1999 cents and not 1998.9999….
 */
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;

export type ParsedMoney = { status: 'blank' } | { status: 'valid'; cents: number } | { status: 'invalid'; message: string };

export function parseMoneyToCents(text: string): ParsedMoney {
  const trimmed = text.trim().replace(/^\$\s*/, '');
  if (trimmed === '') return { status: 'blank' };
  if (/^-/.test(trimmed)) return { status: 'invalid', message: 'Must not be negative.' };
  const match = AMOUNT.exec(trimmed);
  if (!match || (match[1] === undefined && !match[2])) return { status: 'invalid', message: 'Enter an amount such as 450 or 49.99.' };
  const whole = (match[1] ?? '0').replaceAll(',', '');
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return { status: 'invalid', message: 'Use at most two decimal places.' };
  if (whole.length > 9) return { status: 'invalid', message: 'This amount is too large.' };
  return { status: 'valid', cents: Number(whole) * 100 + Number(fraction.padEnd(2, '0')) };
}

/** Cents as the text a money input shows: 45000 → "450.00". */
export function formatCentsForInput(cents: number): string {
  const whole = Math.trunc(cents / 100);
  const rest = Math.abs(cents % 100);
  return `${whole}.${String(rest).padStart(2, '0')}`;
}

const currencyFormats = new Map<string, Intl.NumberFormat>();

/** Cents for display: 45000 USD → "$450.00". */
export function formatMoney(cents: number, currency: string): string {
  let format = currencyFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    currencyFormats.set(currency, format);
  }
  // Display only: an integer of cents over 100 is within a hair of the decimal, and the
  // formatter rounds to whole cents.
  return format.format(cents / 100);
}
