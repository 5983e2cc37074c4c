import type { CardBrand } from '@glowdesk/contracts';
import { bigint, jsonb, pgSchema, primaryKey, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** The simulated processor's own store (migrations/0006): glowdesk_app cannot reach it. */
export const simulatedGatewaySchema = pgSchema('simulated_gateway');

export type StoredChargeOutcome = 'succeed' | 'decline' | 'require_authentication';

export const simulatedCustomers = simulatedGatewaySchema.table('customers', {
  id: text('id').primaryKey(),
  name: text('name'),
  email: text('email'),
  metadata: jsonb('metadata').$type<Record<string, string>>().notNull().default({}),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

const cardColumns = {
  brand: text('brand').$type<CardBrand>().notNull(),
  last4: text('last4').notNull(),
  expMonth: smallint('exp_month').notNull(),
  expYear: smallint('exp_year').notNull(),
  chargeOutcome: text('charge_outcome').$type<StoredChargeOutcome>().notNull(),
  declineCode: text('decline_code'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
};

export const simulatedPaymentMethods = simulatedGatewaySchema.table('payment_methods', {
  id: text('id').primaryKey(),
  customerId: text('customer_id'),
  ...cardColumns,
  detachedAt: timestamp('detached_at', { withTimezone: true }),
});

export const simulatedTokens = simulatedGatewaySchema.table('tokens', {
  id: text('id').primaryKey(),
  ...cardColumns,
  paymentMethodId: text('payment_method_id'),
  customerId: text('customer_id'),
});

export const simulatedSetupIntents = simulatedGatewaySchema.table('setup_intents', {
  id: text('id').primaryKey(),
  customerId: text('customer_id').notNull(),
  clientSecret: text('client_secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const simulatedPaymentIntents = simulatedGatewaySchema.table('payment_intents', {
  id: text('id').primaryKey(),
  customerId: text('customer_id').notNull(),
  paymentMethodId: text('payment_method_id').notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  currency: text('currency').notNull(),
  status: text('status').$type<'succeeded' | 'requires_payment_method'>().notNull(),
  declineCode: text('decline_code'),
  description: text('description'),
  metadata: jsonb('metadata').$type<Record<string, string>>().notNull().default({}),
  amountRefunded: bigint('amount_refunded', { mode: 'number' }).notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const simulatedRefunds = simulatedGatewaySchema.table('refunds', {
  id: text('id').primaryKey(),
  paymentIntentId: text('payment_intent_id').notNull(),
  amount: bigint('amount', { mode: 'number' }).notNull(),
  status: text('status').$type<'succeeded'>().notNull(),
  reason: text('reason'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const simulatedIdempotencyKeys = simulatedGatewaySchema.table(
  'idempotency_keys',
  {
    operation: text('operation').notNull(),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    response: jsonb('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.operation, table.key] })],
);
