import type { InvoiceStatus } from '@glowdesk/contracts';
import { addDays } from './clinic-time.ts';

/** The most days GET /api/v1/no-shows lists at once (its from–to span is at most 93 days). */
export const MAX_NO_SHOW_DAYS = 93;

/**
 * A from–to range of whole days kept within MAX_NO_SHOW_DAYS: moving one end past the limit
 * drags the other along, so the list never asks for more than the server answers.
 */
export function keepNoShowRange(range: { from: string; to: string }, moved: 'from' | 'to'): { from: string; to: string } {
  const span = MAX_NO_SHOW_DAYS - 1;
  if (moved === 'from' && range.to > addDays(range.from, span)) return { from: range.from, to: addDays(range.from, span) };
  if (moved === 'to' && range.from < addDays(range.to, -span)) return { from: addDays(range.to, -span), to: range.to };
  return range;
}

/** What a no-show fee's invoice says happened to the money, as the badge shows it. */
export function describeNoShowFee(status: InvoiceStatus | undefined): { label: string; color: string } {
  switch (status) {
    case undefined:
      return { label: 'Fee requested', color: 'orange' };
    case 'unpaid':
      return { label: 'Fee not paid', color: 'orange' };
    case 'paid':
      return { label: 'Fee charged', color: 'lagoon' };
    case 'partially_refunded':
      return { label: 'Fee partly refunded', color: 'gray' };
    case 'refunded':
      return { label: 'Fee refunded', color: 'gray' };
    case 'void':
      return { label: 'Fee voided', color: 'gray' };
  }
}
