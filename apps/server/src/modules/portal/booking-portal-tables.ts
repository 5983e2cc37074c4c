import { boolean, date, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Mirrors migration 0015_booking_portal.sql. */

export const portalSettings = pgTable('portal_settings', {
  practiceId: uuid('practice_id').primaryKey(),
  importantReminders: text('important_reminders'),
  confirmClosesHours: integer('confirm_closes_hours'),
  rescheduleClosesHours: integer('reschedule_closes_hours'),
  cancelClosesHours: integer('cancel_closes_hours'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  updatedBy: uuid('updated_by').notNull(),
  version: integer('version').notNull().default(1),
});

export const portalBanners = pgTable('portal_banners', {
  id: uuid('id').primaryKey().defaultRandom(),
  practiceId: uuid('practice_id').notNull(),
  body: text('body').notNull(),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  createdBy: uuid('created_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  version: integer('version').notNull().default(1),
});
