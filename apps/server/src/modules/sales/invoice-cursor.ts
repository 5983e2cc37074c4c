import { ValidationError } from '../../platform/errors.ts';
import type { InvoiceCursor, InvoiceRecord } from './invoice-repository.ts';

/** The Sales list's cursor: the last row's creation time and id (newest first), opaque to clients. */
export function encodeCursor(invoice: InvoiceRecord): string {
  return Buffer.from(JSON.stringify([invoice.createdAt.toISOString(), invoice.id])).toString('base64url');
}

export function decodeCursor(cursor: string): InvoiceCursor {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string' && /^[0-9a-f-]{36}$/.test(parsed[1])) {
      const createdAt = new Date(parsed[0]);
      if (!Number.isNaN(createdAt.getTime())) return { createdAt, id: parsed[1] };
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('Must be a cursor returned by a previous page.', { field: 'cursor', code: 'invalid_cursor' });
}
