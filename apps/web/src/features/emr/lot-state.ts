import type { InventoryLot } from '@glowdesk/contracts';

export type LotTone = 'in_stock' | 'recalled' | 'unusable';
/** Red for a lot that cannot be charted, orange for a recalled one (Mantine colors, readable on white). */
export const lotToneColors: Record<LotTone, string> = { in_stock: 'teal.8', recalled: 'orange.9', unusable: 'red.8' };

/**
 * What a lot's stock allows on a local date, in words: a chart cannot take from an expired or
 * empty lot (a lot is usable through its expiry date), and a recalled lot says so.
 */
export function lotStateOf(
  lot: Pick<InventoryLot, 'expiresOn' | 'quantityOnHand' | 'recalls'>,
  today: string,
): { label: string; tone: LotTone } {
  const flags = [lot.expiresOn < today ? 'Expired' : null, lot.quantityOnHand === 0 ? 'Out of stock' : null].filter(
    (flag): flag is string => flag !== null,
  );
  if (flags.length > 0) return { label: flags.join(' · '), tone: 'unusable' };
  if (lot.recalls.length > 0) return { label: 'Recalled', tone: 'recalled' };
  return { label: 'In stock', tone: 'in_stock' };
}

/** A local date (YYYY-MM-DD) as "Jun 30, 2099", with no zone involved. */
export function formatLocalDay(localDate: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' }).format(
    new Date(`${localDate}T00:00:00Z`),
  );
}
