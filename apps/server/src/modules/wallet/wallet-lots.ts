import type { WalletBalanceKind, WalletEntryKindColumn } from './wallet-tables.ts';

/** A ledger row as the lot arithmetic needs it. */
export interface LedgerEntry {
  id: string;
  balance: WalletBalanceKind;
  kind: WalletEntryKindColumn;
  lotId: string;
  amountCents: number | null;
  quantity: number | null;
  serviceId: string | null;
  productName: string | null;
  expiresOn: string | null;
  invoiceId: string | null;
  paymentId: string | null;
  createdAt: Date;
}

/** A grant and what is left of it: the sum of its own entry and every entry drawing on it. */
export interface Lot<Entry extends LedgerEntry = LedgerEntry> {
  grant: Entry;
  /** Cents for credits and rewards, units for prepaid. Never below zero: the ledger refuses that. */
  remaining: number;
  /** Past its last day (`expiresOn` is inclusive, in the practice's local dates). */
  expired: boolean;
}

export const grantKinds: readonly WalletEntryKindColumn[] = ['credit_added', 'purchase', 'reward_earned'];

export function isGrant(entry: Pick<LedgerEntry, 'kind'>): boolean {
  return grantKinds.includes(entry.kind);
}

/** An entry's signed value: cents for credits and rewards, units for prepaid. */
export function valueOf(entry: Pick<LedgerEntry, 'amountCents' | 'quantity'>): number {
  return entry.amountCents ?? entry.quantity ?? 0;
}

/** Every lot of the entries (given oldest first), oldest grant first; `today` is the practice's local date (YYYY-MM-DD). */
export function lotsOf<Entry extends LedgerEntry>(entries: readonly Entry[], today: string): Lot<Entry>[] {
  const lots = new Map<string, Lot<Entry>>();
  for (const entry of entries) {
    if (isGrant(entry)) lots.set(entry.id, { grant: entry, remaining: 0, expired: entry.expiresOn !== null && entry.expiresOn < today });
  }
  for (const entry of entries) {
    const lot = lots.get(entry.lotId);
    if (lot) lot.remaining += valueOf(entry);
  }
  return [...lots.values()];
}

/** Lots that count today, in the order they are spent: soonest expiry first, never-expiring last, then oldest. */
export function spendableLots<Entry extends LedgerEntry>(lots: readonly Lot<Entry>[]): Lot<Entry>[] {
  return lots
    .filter((lot) => !lot.expired && lot.remaining > 0)
    .sort((a, b) => {
      const aExpires = a.grant.expiresOn ?? '9999-12-31';
      const bExpires = b.grant.expiresOn ?? '9999-12-31';
      if (aExpires !== bExpires) return aExpires < bExpires ? -1 : 1;
      return 0;
    });
}

/** What counts today across the lots. */
export function availableOf(lots: readonly Lot[]): number {
  return spendableLots(lots).reduce((sum, lot) => sum + lot.remaining, 0);
}

/**
 * Takes `amount` from the lots in spending order: the part taken from each lot, or undefined
 * when they hold less than that.
 */
export function allocate(lots: readonly Lot[], amount: number): { lotId: string; take: number }[] | undefined {
  const parts: { lotId: string; take: number }[] = [];
  let left = amount;
  for (const lot of spendableLots(lots)) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    parts.push({ lotId: lot.grant.id, take });
    left -= take;
  }
  return left === 0 ? parts : undefined;
}
