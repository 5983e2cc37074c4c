import type { MessageChannel, MessageStatus, MessageTemplateKey } from '@glowdesk/contracts';
import { bigint, customType, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // PGlite returns a Uint8Array, node-postgres a Buffer.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const messages = pgTable(
  'messages',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    createdSeq: bigint('created_seq', { mode: 'number' }).generatedAlwaysAsIdentity(),
    channel: text('channel').$type<MessageChannel>().notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject'),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    status: text('status').$type<MessageStatus>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull(),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    claimToken: uuid('claim_token'),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    providerMessageId: text('provider_message_id'),
    patientId: uuid('patient_id'),
    appointmentId: uuid('appointment_id'),
    templateKey: text('template_key'),
    dedupeKey: text('dedupe_key'),
    resendOfId: uuid('resend_of_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const messageAttachments = pgTable(
  'message_attachments',
  {
    practiceId: uuid('practice_id').notNull(),
    messageId: uuid('message_id').notNull(),
    position: smallint('position').notNull(),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    content: bytea('content').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.messageId, table.position] })],
);

export const messageTemplates = pgTable(
  'message_templates',
  {
    practiceId: uuid('practice_id').notNull(),
    templateKey: text('template_key').$type<MessageTemplateKey>().notNull(),
    emailSubject: text('email_subject').notNull(),
    emailBody: text('email_body').notNull(),
    smsBody: text('sms_body').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').notNull(),
    version: integer('version').notNull().default(1),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.templateKey] })],
);
