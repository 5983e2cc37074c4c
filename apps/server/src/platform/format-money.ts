const formats = new Map<string, { format: Intl.NumberFormat; digits: number }>();

/** The currency's formatter and minor-unit digits, made once per currency (making one is slow). */
function currencyFormat(currency: string): { format: Intl.NumberFormat; digits: number } {
  let entry = formats.get(currency);
  if (!entry) {
    const format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    entry = { format, digits: format.resolvedOptions().maximumFractionDigits ?? 2 };
    formats.set(currency, entry);
  }
  return entry;
}

/** "$50.00" for 5000 USD, "¥5,000" for 5000 JPY: minor units shown in the currency's own digits. */
export function formatMoney(amountCents: number, currency: string): string {
  const { format, digits } = currencyFormat(currency);
  return format.format(amountCents / 10 ** digits);
}
