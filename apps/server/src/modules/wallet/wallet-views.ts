import { walletEntryKindLabels, type Wallet, type WalletEntry } from '@glowdesk/contracts';
import { isGrant, lotsOf, spendableLots, valueOf, type Lot } from './wallet-lots.ts';
import type { WalletEntryRecord } from './wallet-repository.ts';

export interface WalletViewOptions {
  patientId: string;
  currency: string;
  today: string;
  staffNames: ReadonlyMap<string, string>;
  actions: Wallet['actions'];
}

export function toEntryResponse(
  entry: WalletEntryRecord,
  lots: ReadonlyMap<string, Lot<WalletEntryRecord>>,
  staffNames: ReadonlyMap<string, string>,
): WalletEntry {
  const lot = isGrant(entry) ? lots.get(entry.id) : undefined;
  return {
    id: entry.id,
    kind: entry.kind,
    kindLabel: walletEntryKindLabels[entry.kind],
    lotId: entry.lotId,
    amountCents: valueOf(entry),
    currency: entry.currency ?? '',
    reason: entry.reason,
    expiresOn: entry.expiresOn,
    remainingCents: lot ? (lot.expired ? 0 : lot.remaining) : null,
    expired: lot?.expired ?? false,
    invoiceId: entry.invoiceId,
    paymentId: entry.paymentId,
    createdAt: entry.createdAt.toISOString(),
    createdBy: entry.createdBy,
    createdByName: entry.createdBy ? (staffNames.get(entry.createdBy) ?? null) : null,
  };
}

function newestFirst(a: WalletEntryRecord, b: WalletEntryRecord): number {
  return b.seq - a.seq;
}

/**
 * The wallet as the client profile and the portal show it: each balance is the sum of its
 * lots that have not expired (computed now, never stored), with every entry of the ledger.
 */
export function buildWalletView(entries: readonly WalletEntryRecord[], options: WalletViewOptions): Wallet {
  const lots = lotsOf(entries, options.today);
  const lotsById = new Map(lots.map((lot) => [lot.grant.id, lot]));
  const money = (balance: 'credit' | 'reward') => {
    const mine = lots.filter((lot) => lot.grant.balance === balance && lot.grant.currency === options.currency);
    return {
      balanceCents: spendableLots(mine).reduce((sum, lot) => sum + lot.remaining, 0),
      currency: options.currency,
      entries: entries
        .filter((entry) => entry.balance === balance)
        .sort(newestFirst)
        .map((entry) => toEntryResponse(entry, lotsById, options.staffNames)),
    };
  };
  const credits = money('credit');
  const rewards = money('reward');
  const prepaid = spendableLots(lots.filter((lot) => lot.grant.balance === 'prepaid')).map((lot) => ({
    lotId: lot.grant.id,
    serviceId: lot.grant.serviceId,
    productName: lot.grant.productName,
    name: lot.grant.reason,
    purchased: valueOf(lot.grant),
    remaining: lot.remaining,
    expiresOn: lot.grant.expiresOn,
    invoiceId: lot.grant.invoiceId,
    purchasedAt: lot.grant.createdAt.toISOString(),
  }));
  return {
    patientId: options.patientId,
    currency: options.currency,
    totalCents: credits.balanceCents + rewards.balanceCents,
    credits,
    rewards,
    prepaid,
    actions: options.actions,
  };
}
