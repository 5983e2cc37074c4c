import type {
  InvoiceKind,
  InvoiceLineKind,
  InvoiceStatus,
  PaymentGatewayName,
  PaymentKind,
  PaymentStatus,
  RefundStatus,
} from '@glowdesk/contracts';
import { bigint, boolean, date, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Tables of migrations/0007_invoices.sql owned by the sales module; constraints live there. */

export const clinicBillingSettings = pgTable(
  'clinic_billing_settings',
  {
    practiceId: uuid('practice_id').notNull(),
    clinicId: uuid('clinic_id').notNull(),
    cancellationWindowHours: integer('cancellation_window_hours').notNull().default(24),
    taxRateBps: integer('tax_rate_bps').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
    version: integer('version').notNull().default(1),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.clinicId] })],
);

export const cancellationPolicyVersions = pgTable(
  'cancellation_policy_versions',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clinicId: uuid('clinic_id').notNull(),
    version: integer('version').notNull(),
    text: text('text').notNull(),
    windowHours: integer('window_hours').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const practiceSalesSettings = pgTable('practice_sales_settings', {
  practiceId: uuid('practice_id').primaryKey(),
  frontDeskMayRefund: boolean('front_desk_may_refund').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
  version: integer('version').notNull().default(1),
});

export const invoiceCounters = pgTable('invoice_counters', {
  practiceId: uuid('practice_id').primaryKey(),
  lastNumber: integer('last_number').notNull(),
});

export const invoices = pgTable(
  'invoices',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    number: integer('number').notNull(),
    kind: text('kind').$type<InvoiceKind>().notNull(),
    status: text('status').$type<InvoiceStatus>().notNull(),
    patientId: uuid('patient_id').notNull(),
    clinicId: uuid('clinic_id').notNull(),
    appointmentId: uuid('appointment_id'),
    currency: text('currency').notNull(),
    subtotalCents: integer('subtotal_cents').notNull(),
    discountCents: integer('discount_cents').notNull().default(0),
    taxCents: integer('tax_cents').notNull().default(0),
    totalCents: integer('total_cents').notNull(),
    amountPaidCents: integer('amount_paid_cents').notNull().default(0),
    amountRefundedCents: integer('amount_refunded_cents').notNull().default(0),
    taxRateBps: integer('tax_rate_bps').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    paidAt: timestamp('paid_at', { withTimezone: true }),
    voidedAt: timestamp('voided_at', { withTimezone: true }),
    voidedBy: uuid('voided_by'),
    voidReason: text('void_reason'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    practiceId: uuid('practice_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    position: smallint('position').notNull(),
    kind: text('kind').$type<InvoiceLineKind>().notNull(),
    description: text('description').notNull(),
    serviceId: uuid('service_id'),
    quantity: integer('quantity').notNull(),
    unitAmountCents: integer('unit_amount_cents').notNull(),
    totalCents: integer('total_cents').notNull(),
    /** Wallet lines (migration 0028): the last day the credit or units sold count. */
    walletExpiresOn: date('wallet_expires_on', { mode: 'string' }),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.invoiceId, table.position] })],
);

export const invoicePayments = pgTable(
  'invoice_payments',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    invoiceId: uuid('invoice_id').notNull(),
    attempt: integer('attempt').notNull(),
    method: text('method').$type<PaymentKind>().notNull(),
    paymentMethodId: uuid('payment_method_id'),
    cardBrand: text('card_brand'),
    cardLast4: text('card_last4'),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    status: text('status').$type<PaymentStatus>().notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    requestKey: text('request_key'),
    /** SHA-256 of the request body that used requestKey (migration 0017). */
    requestFingerprint: text('request_fingerprint'),
    gateway: text('gateway').$type<PaymentGatewayName>(),
    gatewayChargeId: text('gateway_charge_id'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    amountTenderedCents: integer('amount_tendered_cents'),
    changeDueCents: integer('change_due_cents'),
    inFlightUntil: timestamp('in_flight_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const invoiceRefunds = pgTable(
  'invoice_refunds',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    invoiceId: uuid('invoice_id').notNull(),
    paymentId: uuid('payment_id').notNull(),
    method: text('method').$type<'card' | 'cash' | 'wallet_credit'>().notNull(),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<RefundStatus>().notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    requestKey: text('request_key'),
    /** SHA-256 of the request body that used requestKey (migration 0018). */
    requestFingerprint: text('request_fingerprint'),
    gatewayRefundId: text('gateway_refund_id'),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    inFlightUntil: timestamp('in_flight_until', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
    settledAt: timestamp('settled_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const invoiceEvents = pgTable(
  'invoice_events',
  {
    practiceId: uuid('practice_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    invoiceId: uuid('invoice_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorStaffId: uuid('actor_staff_id'),
    actorLabel: text('actor_label'),
    type: text('type').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);
