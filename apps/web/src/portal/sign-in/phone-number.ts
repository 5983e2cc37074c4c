/**
 * What a patient types as a phone number, in the international (E.164) form the API takes.
 * A number without a leading + is read as North American (the practices Glowdesk serves
 * today): ten digits, or eleven starting with 1. Anything else is returned as typed (spaces
 * and punctuation removed), for the contract's own check to explain.
 */
export function toInternationalPhone(typed: string): string {
  const trimmed = typed.trim();
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return `+${digits}`;
  if (digits.length === 10) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return digits;
}
