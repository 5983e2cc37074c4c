import { bigint, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Tables of migrations/0028_wallet.sql; constraints and the append-only trigger live there. */

export type WalletBalanceKind = 'credit' | 'reward' | 'prepaid';
export type WalletEntryKindColumn = 'credit_added' | 'purchase' | 'reward_earned' | 'redemption' | 'removal' | 'reversal';

export const walletSettings = pgTable('wallet_settings', {
  practiceId: uuid('practice_id').primaryKey(),
  currency: text('currency').notNull().default('USD'),
  rewardCentsPer100Dollars: integer('reward_cents_per_100_dollars').notNull().default(0),
  rewardValidDays: integer('reward_valid_days'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  version: integer('version').notNull().default(1),
});

export const wallets = pgTable(
  'wallets',
  {
    practiceId: uuid('practice_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.patientId] })],
);

export const walletEntries = pgTable(
  'wallet_entries',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull(),
    seq: bigint('seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    patientId: uuid('patient_id').notNull(),
    balance: text('balance').$type<WalletBalanceKind>().notNull(),
    kind: text('kind').$type<WalletEntryKindColumn>().notNull(),
    lotId: uuid('lot_id').notNull(),
    amountCents: integer('amount_cents'),
    currency: text('currency'),
    quantity: integer('quantity'),
    serviceId: uuid('service_id'),
    productName: text('product_name'),
    expiresOn: date('expires_on', { mode: 'string' }),
    reason: text('reason').notNull(),
    invoiceId: uuid('invoice_id'),
    paymentId: uuid('payment_id'),
    refundId: uuid('refund_id'),
    requestKey: text('request_key'),
    requestFingerprint: text('request_fingerprint'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);
