import { boolean, char, date, integer, jsonb, pgTable, primaryKey, smallint, text, time, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ResourceKind, ServiceMode } from '@glowdesk/contracts';

/** Tables of migrations/0002_practice_setup.sql; constraints live there. */

const audited = {
  active: boolean('active').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  version: integer('version').notNull().default(1),
};

export const clinics = pgTable(
  'clinics',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    addressLine1: text('address_line1'),
    addressLine2: text('address_line2'),
    city: text('city'),
    region: text('region'),
    postalCode: text('postal_code'),
    country: char('country', { length: 2 }),
    phone: text('phone'),
    timezone: text('timezone').notNull(),
    notificationEmail: text('notification_email'),
    smsNotificationPhone: text('sms_notification_phone'),
    slotStepMinutes: integer('slot_step_minutes').notNull().default(15),
    minimumNoticeMinutes: integer('minimum_notice_minutes').notNull().default(0),
    bookingHorizonDays: integer('booking_horizon_days').notNull().default(365),
    ...audited,
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const resources = pgTable(
  'resources',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    clinicId: uuid('clinic_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<ResourceKind>().notNull(),
    quantity: integer('quantity').notNull().default(1),
    ...audited,
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const services = pgTable(
  'services',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    category: text('category'),
    description: text('description'),
    durationMinutes: integer('duration_minutes').notNull(),
    bufferBeforeMinutes: integer('buffer_before_minutes').notNull().default(0),
    bufferAfterMinutes: integer('buffer_after_minutes').notNull().default(0),
    priceCents: integer('price_cents').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    cancellationFeeCents: integer('cancellation_fee_cents').notNull().default(0),
    noShowFeeCents: integer('no_show_fee_cents').notNull().default(0),
    mode: text('mode').$type<ServiceMode>().notNull(),
    bookableOnline: boolean('bookable_online').notNull().default(true),
    /** The booking page takes a card and the cancellation policy's acceptance first (migration 0024). */
    requiresCardForOnlineBooking: boolean('requires_card_for_online_booking').notNull().default(false),
    ...audited,
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const serviceClinics = pgTable(
  'service_clinics',
  {
    practiceId: uuid('practice_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    clinicId: uuid('clinic_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.serviceId, table.clinicId] })],
);

export const serviceResources = pgTable(
  'service_resources',
  {
    practiceId: uuid('practice_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    resourceId: uuid('resource_id').notNull(),
    clinicId: uuid('clinic_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.serviceId, table.resourceId] })],
);

export const servicePackages = pgTable(
  'service_packages',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    description: text('description'),
    priceCents: integer('price_cents').notNull(),
    currency: char('currency', { length: 3 }).notNull(),
    ...audited,
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const servicePackageItems = pgTable(
  'service_package_items',
  {
    practiceId: uuid('practice_id').notNull(),
    packageId: uuid('package_id').notNull(),
    position: smallint('position').notNull(),
    serviceId: uuid('service_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.packageId, table.position] })],
);

export const providers = pgTable(
  'providers',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    staffId: uuid('staff_id').notNull(),
    displayName: text('display_name').notNull(),
    title: text('title'),
    color: char('color', { length: 7 }).notNull(),
    virtualRoomUrl: text('virtual_room_url'),
    ...audited,
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const providerClinics = pgTable(
  'provider_clinics',
  {
    practiceId: uuid('practice_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    clinicId: uuid('clinic_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.providerId, table.clinicId] })],
);

export const providerServices = pgTable(
  'provider_services',
  {
    practiceId: uuid('practice_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    serviceId: uuid('service_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.providerId, table.serviceId] })],
);

export const scheduleRules = pgTable(
  'schedule_rules',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    providerId: uuid('provider_id').notNull(),
    clinicId: uuid('clinic_id').notNull(),
    weekday: smallint('weekday').notNull(),
    /** 'HH:MM:SS' as the database renders it; '24:00:00' for end of day. */
    startTime: time('start_time').notNull(),
    endTime: time('end_time').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    effectiveTo: date('effective_to', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export interface StoredWallClockInterval {
  start: string;
  end: string;
}

export const scheduleOverrides = pgTable(
  'schedule_overrides',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    providerId: uuid('provider_id').notNull(),
    clinicId: uuid('clinic_id').notNull(),
    localDate: date('local_date', { mode: 'string' }).notNull(),
    intervals: jsonb('intervals').$type<StoredWallClockInterval[]>().notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);
