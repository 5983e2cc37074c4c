import { integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export type SignInChannel = 'sms' | 'email';

export const portalSignInCodes = pgTable(
  'portal_sign_in_codes',
  {
    practiceId: uuid('practice_id').notNull(),
    channel: text('channel').$type<SignInChannel>().notNull(),
    contactHash: text('contact_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    tries: integer('tries').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.channel, table.contactHash] })],
);

export const portalCodeSendCounters = pgTable(
  'portal_code_send_counters',
  {
    practiceId: uuid('practice_id').notNull(),
    bucket: text('bucket').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    sends: integer('sends').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.bucket, table.windowStart] })],
);

export const patientSessions = pgTable('patient_sessions', {
  tokenHash: text('token_hash').primaryKey(),
  practiceId: uuid('practice_id').notNull(),
  patientId: uuid('patient_id'),
  channel: text('channel').$type<SignInChannel>().notNull(),
  contact: text('contact').notNull(),
  identifyTries: integer('identify_tries').notNull().default(0),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  ip: text('ip'),
  userAgent: text('user_agent'),
  /** Mirrors 0026: the dependant's profile the session switched to; null for the patient's own. */
  activePatientId: uuid('active_patient_id'),
});

/** Mirrors migration 0026: the code proving a new phone or email for a profile. */
export const portalContactChangeCodes = pgTable(
  'portal_contact_change_codes',
  {
    practiceId: uuid('practice_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    channel: text('channel').$type<SignInChannel>().notNull(),
    contactHash: text('contact_hash').notNull(),
    codeHash: text('code_hash').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    tries: integer('tries').notNull().default(0),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.patientId, table.channel] })],
);

/** Mirrors migration 0022_portal_notification_reads.sql: the practice's messages a patient has opened in the portal. */
export const portalNotificationReads = pgTable(
  'portal_notification_reads',
  {
    practiceId: uuid('practice_id').notNull(),
    messageId: uuid('message_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.messageId] })],
);

/** Mirrors migration 0027_patient_portal_sign_ins.sql: when a patient first and last opened their profile in the portal. */
export const patientPortalSignIns = pgTable(
  'patient_portal_sign_ins',
  {
    practiceId: uuid('practice_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    firstSignedInAt: timestamp('first_signed_in_at', { withTimezone: true }).notNull(),
    lastSignedInAt: timestamp('last_signed_in_at', { withTimezone: true }).notNull(),
    signInCount: integer('sign_in_count').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.patientId] })],
);
