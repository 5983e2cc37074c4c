/** An E.164 number as people read it: +12125550123 → (212) 555-0123; other countries keep the international form. */
export function formatPhone(e164: string): string {
  const northAmerican = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  if (northAmerican) return `(${northAmerican[1]}) ${northAmerican[2]}-${northAmerican[3]}`;
  return e164;
}

/**
 * What staff type into a phone field, as E.164: US numbers may be typed without +1 and with
 * any punctuation. Returns undefined when it cannot be a phone number.
 */
export function toE164(typed: string): string | undefined {
  const trimmed = typed.trim();
  if (trimmed === '') return undefined;
  const digits = trimmed.replace(/[^\d]/g, '');
  if (trimmed.startsWith('+')) return /^[1-9]\d{6,14}$/.test(digits) ? `+${digits}` : undefined;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return undefined;
}
