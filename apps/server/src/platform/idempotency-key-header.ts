import { ValidationError } from './errors.ts';

const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

/** The request's Idempotency-Key header (money POSTs), or undefined when it sent none. */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
    throw new ValidationError('Idempotency-Key must be 1–200 letters, digits, or . _ : -', {
      field: 'Idempotency-Key',
      code: 'invalid_idempotency_key',
    });
  }
  return header;
}
