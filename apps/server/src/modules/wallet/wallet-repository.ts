import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { walletEntries, wallets, walletSettings } from './wallet-tables.ts';

export type WalletEntryRecord = Omit<typeof walletEntries.$inferSelect, 'practiceId'>;
export type WalletEntryInsert = Omit<typeof walletEntries.$inferInsert, 'practiceId' | 'seq'>;
export type WalletSettingsRecord = Omit<typeof walletSettings.$inferSelect, 'practiceId'>;

const { practiceId: _entryPractice, ...entryColumns } = getTableColumns(walletEntries);
const { practiceId: _settingsPractice, ...settingsColumns } = getTableColumns(walletSettings);

/**
 * Creates the patient's wallet row when missing and locks it until the transaction ends:
 * every change of the patient's balances takes this lock before it sums the lots. The shared
 * currency lock comes first, so every transaction takes the two in the same order.
 */
export async function lockWallet(tx: Transaction, practiceId: string, patientId: string): Promise<void> {
  await lockWalletCurrency(tx, practiceId, 'shared');
  await tx.insert(wallets).values({ practiceId, patientId }).onConflictDoNothing();
  await tx
    .select({ patientId: wallets.patientId })
    .from(wallets)
    .where(and(eq(wallets.practiceId, practiceId), eq(wallets.patientId, patientId)))
    .for('update');
}

/** The patient's whole ledger, oldest first (grants before what draws on them). */
export async function listEntries(tx: Transaction, practiceId: string, patientId: string): Promise<WalletEntryRecord[]> {
  return tx
    .select(entryColumns)
    .from(walletEntries)
    .where(and(eq(walletEntries.practiceId, practiceId), eq(walletEntries.patientId, patientId)))
    .orderBy(asc(walletEntries.seq));
}

export async function insertEntries(
  tx: Transaction,
  practiceId: string,
  entries: readonly WalletEntryInsert[],
): Promise<WalletEntryRecord[]> {
  if (entries.length === 0) return [];
  return tx
    .insert(walletEntries)
    .values(entries.map((entry) => ({ ...entry, practiceId })))
    .returning(entryColumns);
}

/** Inserts grants keyed by `requestKey`; a key already written is skipped (what a replay of the same grant writes). */
export async function insertKeyedEntries(
  tx: Transaction,
  practiceId: string,
  entries: readonly (WalletEntryInsert & { requestKey: string })[],
): Promise<WalletEntryRecord[]> {
  if (entries.length === 0) return [];
  return tx
    .insert(walletEntries)
    .values(entries.map((entry) => ({ ...entry, practiceId })))
    .onConflictDoNothing({ target: [walletEntries.practiceId, walletEntries.requestKey] })
    .returning(entryColumns);
}

export async function findEntryByRequestKey(
  tx: Transaction,
  practiceId: string,
  requestKey: string,
): Promise<WalletEntryRecord | undefined> {
  const [row] = await tx
    .select(entryColumns)
    .from(walletEntries)
    .where(and(eq(walletEntries.practiceId, practiceId), eq(walletEntries.requestKey, requestKey)));
  return row;
}

/**
 * The practice's wallet-currency lock, held until the transaction ends: shared by every change
 * of a wallet (`lockWallet` takes it; a path that reads the currency before that takes it
 * first), exclusive for a change of currency, which counts the balances under it. So credit
 * written concurrently is either committed before the count sees it, or waits and is written in
 * the new currency. An advisory lock rather than a lock on the settings row, because a practice
 * that never saved its settings has no row to lock.
 */
export async function lockWalletCurrency(tx: Transaction, practiceId: string, mode: 'shared' | 'exclusive'): Promise<void> {
  const key = `wallet_currency:${practiceId}`;
  await tx.execute(
    mode === 'shared' ? sql`select pg_advisory_xact_lock_shared(hashtext(${key}))` : sql`select pg_advisory_xact_lock(hashtext(${key}))`,
  );
}

/**
 * How many patients hold dollar credit or rewards in `currency` that counts on `today` (the
 * practice's local date): unspent lots that have not expired, what the wallet shows as balances.
 */
export async function countPatientsHoldingCredit(tx: Transaction, practiceId: string, currency: string, today: string): Promise<number> {
  const result = await tx.execute<{ count: string | number }>(sql`
    select count(distinct held.patient_id) as count
    from (
      select entry.patient_id
      from ${walletEntries} entry
      join ${walletEntries} grant_entry on grant_entry.practice_id = entry.practice_id and grant_entry.id = entry.lot_id
      where entry.practice_id = ${practiceId}
        and grant_entry.balance in ('credit', 'reward')
        and grant_entry.currency = ${currency}
        and (grant_entry.expires_on is null or grant_entry.expires_on >= ${today})
      group by entry.patient_id, entry.lot_id
      having sum(entry.amount_cents) > 0
    ) held`);
  return Number(result.rows[0]?.count ?? 0);
}

export async function findSettings(tx: Transaction, practiceId: string): Promise<WalletSettingsRecord | undefined> {
  const [row] = await tx.select(settingsColumns).from(walletSettings).where(eq(walletSettings.practiceId, practiceId));
  return row;
}

export async function upsertSettings(
  tx: Transaction,
  practiceId: string,
  changes: Partial<Pick<WalletSettingsRecord, 'currency' | 'rewardCentsPer100Dollars' | 'rewardValidDays'>>,
  updatedBy: string,
  now: Date,
): Promise<WalletSettingsRecord> {
  const [row] = await tx
    .insert(walletSettings)
    .values({ practiceId, ...changes, updatedBy, updatedAt: now })
    .onConflictDoUpdate({
      target: walletSettings.practiceId,
      set: { ...changes, updatedBy, updatedAt: now, version: sql`${walletSettings.version} + 1` },
    })
    .returning(settingsColumns);
  if (!row) throw new Error('upsert into wallet_settings returned no row');
  return row;
}
