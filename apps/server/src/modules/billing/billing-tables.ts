import type { CardBrand, PaymentGatewayName } from '@glowdesk/contracts';
import { boolean, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const billingCustomers = pgTable(
  'billing_customers',
  {
    practiceId: uuid('practice_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    gateway: text('gateway').$type<PaymentGatewayName>().notNull(),
    gatewayCustomerId: text('gateway_customer_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.patientId, table.gateway] })],
);

export const paymentMethods = pgTable(
  'payment_methods',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    patientId: uuid('patient_id').notNull(),
    gateway: text('gateway').$type<PaymentGatewayName>().notNull(),
    gatewayCustomerId: text('gateway_customer_id').notNull(),
    gatewayPaymentMethodId: text('gateway_payment_method_id').notNull(),
    brand: text('brand').$type<CardBrand>().notNull(),
    last4: text('last4').notNull(),
    expMonth: smallint('exp_month').notNull(),
    expYear: smallint('exp_year').notNull(),
    fingerprint: text('fingerprint'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Null when the patient saved the card themselves (migration 0024). */
    createdBy: uuid('created_by'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    /** Null when the patient removed the card themselves (removedByPatient, migration 0032). */
    removedBy: uuid('removed_by'),
    removedByPatient: boolean('removed_by_patient').notNull().default(false),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const webhookEvents = pgTable(
  'webhook_events',
  {
    gateway: text('gateway').$type<PaymentGatewayName>().notNull(),
    eventId: text('event_id').notNull(),
    eventType: text('event_type').notNull(),
    practiceId: uuid('practice_id'),
    objectId: text('object_id'),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    processedAt: timestamp('processed_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.gateway, table.eventId] })],
);
