/**
 * Money in the invoice's currency. Amounts travel as integer minor units (`amountCents` in the
 * API: cents for USD, whole yen for JPY, fils for BHD); typed text is read digit by digit,
 * never through a float, so "19.99" is exactly 1999.
 */

const formats = new Map<string, Intl.NumberFormat>();

function currencyFormat(currency: string): Intl.NumberFormat {
  let format = formats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    formats.set(currency, format);
  }
  return format;
}

/** How many digits the currency's minor unit has: USD 2, JPY 0, BHD 3. */
export function minorUnitDigits(currency: string): number {
  return currencyFormat(currency).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Minor units for reading: 29880 USD → "$298.80", 5000 JPY → "¥5,000", -500 USD → "-$5.00". */
export function formatMoney(amountCents: number, currency: string): string {
  // Display only: the division lands within a hair of the decimal and the formatter rounds to the minor unit.
  return currencyFormat(currency).format(amountCents / 10 ** minorUnitDigits(currency));
}

/** Minor units as the text an amount field starts with: 29880 USD → "298.80", 5000 JPY → "5000". */
export function formatAmountForInput(amountCents: number, currency: string): string {
  const digits = minorUnitDigits(currency);
  const sign = amountCents < 0 ? '-' : '';
  const absolute = Math.abs(amountCents);
  if (digits === 0) return `${sign}${absolute}`;
  const unit = 10 ** digits;
  return `${sign}${Math.floor(absolute / unit)}.${String(absolute % unit).padStart(digits, '0')}`;
}

export type ParsedAmount = { status: 'blank' } | { status: 'valid'; amountCents: number } | { status: 'invalid'; message: string };

const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;
/** Whole units beyond this are refused before any arithmetic (the API's limit is 99,999,999 minor units). */
const MAX_WHOLE_DIGITS = 9;

/**
 * An amount typed by a person, in the currency's minor units. Accepts "450", "450.5",
 * "1,234.56" and a leading currency symbol ("$75"); refuses negatives, more decimals than the
 * currency has, and anything that is not a number.
 */
export function parseAmount(text: string, currency: string): ParsedAmount {
  const trimmed = text.trim().replace(/^\p{Sc}\s*/u, '');
  if (trimmed === '') return { status: 'blank' };
  if (trimmed.startsWith('-')) return { status: 'invalid', message: 'Must not be negative.' };
  const match = AMOUNT.exec(trimmed);
  if (!match || (match[1] === undefined && !match[2])) return { status: 'invalid', message: 'Enter an amount such as 450 or 49.99.' };
  const digits = minorUnitDigits(currency);
  const whole = (match[1] ?? '0').replaceAll(',', '');
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return {
      status: 'invalid',
      message: digits === 0 ? `${currency} has no decimal places.` : `Use at most ${digits} decimal place${digits === 1 ? '' : 's'}.`,
    };
  }
  if (whole.replace(/^0+/, '').length > MAX_WHOLE_DIGITS) return { status: 'invalid', message: 'This amount is too large.' };
  return { status: 'valid', amountCents: Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0') };
}

/** "4.5%" for 450 basis points, "8.75%" for 875. */
export function formatTaxRate(basisPoints: number): string {
  return `${(basisPoints / 100).toString()}%`;
}
