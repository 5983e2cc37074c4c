import type { MessageChannel } from '@glowdesk/contracts';
import { boolean, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Mirrors migration 0009_appointment_reminders.sql. */

export const practiceNotificationSettings = pgTable('practice_notification_settings', {
  practiceId: uuid('practice_id').primaryKey(),
  remindersEnabled: boolean('reminders_enabled').notNull().default(true),
  reminderOffsetsMinutes: integer('reminder_offsets_minutes').array().notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by').notNull(),
  version: integer('version').notNull().default(1),
});

export type ReminderOutcome = 'queued' | 'skipped' | 'failed';

export const appointmentReminders = pgTable(
  'appointment_reminders',
  {
    practiceId: uuid('practice_id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    offsetMinutes: integer('offset_minutes').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    outcome: text('outcome').$type<ReminderOutcome>().notNull(),
    channel: text('channel').$type<MessageChannel>(),
    messageId: uuid('message_id'),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.appointmentId, table.offsetMinutes, table.startsAt] })],
);
