import type { PortalRegistrationStatus, StoredRegistrationDetails } from '@glowdesk/contracts';
import { integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { SignInChannel } from './portal-tables.ts';

/** Mirrors migration 0025_portal_registrations.sql: New Client Registrations and their codes. */
export const portalRegistrations = pgTable(
  'portal_registrations',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    channel: text('channel').$type<SignInChannel>().notNull(),
    contactHash: text('contact_hash').notNull(),
    contact: text('contact').notNull(),
    details: jsonb('details').$type<StoredRegistrationDetails>().notNull(),
    codeHash: text('code_hash').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    tries: integer('tries').notNull().default(0),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    status: text('status').$type<PortalRegistrationStatus>().notNull().default('pending'),
    patientId: uuid('patient_id'),
    handledBy: uuid('handled_by'),
    handledAt: timestamp('handled_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);
