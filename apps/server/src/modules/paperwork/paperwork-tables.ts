import type { PaperworkKind, PaperworkStatus } from '@glowdesk/contracts';
import { bigint, boolean, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Mirrors migration 0008_paperwork.sql. */

export const paperworkTemplates = pgTable(
  'paperwork_templates',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').$type<PaperworkKind>().notNull(),
    currentVersion: integer('current_version').notNull().default(1),
    active: boolean('active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const paperworkTemplateVersions = pgTable(
  'paperwork_template_versions',
  {
    practiceId: uuid('practice_id').notNull(),
    templateId: uuid('template_id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    content: jsonb('content').$type<Record<string, unknown>>().notNull(),
    requiresSignature: boolean('requires_signature').notNull().default(false),
    requiresWitnessSignature: boolean('requires_witness_signature').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.templateId, table.version] })],
);

export const servicePaperwork = pgTable(
  'service_paperwork',
  {
    practiceId: uuid('practice_id').notNull(),
    serviceId: uuid('service_id').notNull(),
    templateId: uuid('template_id').notNull(),
    position: smallint('position').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.serviceId, table.templateId] })],
);

export const paperworkAssignments = pgTable(
  'paperwork_assignments',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    appointmentId: uuid('appointment_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    templateId: uuid('template_id').notNull(),
    templateVersion: integer('template_version').notNull(),
    kind: text('kind').$type<PaperworkKind>().notNull(),
    status: text('status').$type<PaperworkStatus>().notNull(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull().defaultNow(),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }).notNull().defaultNow(),
    resetCount: integer('reset_count').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const paperworkAssignmentEvents = pgTable(
  'paperwork_assignment_events',
  {
    practiceId: uuid('practice_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    assignmentId: uuid('assignment_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorStaffId: uuid('actor_staff_id'),
    type: text('type').notNull(),
    fromStatus: text('from_status').$type<PaperworkStatus>(),
    toStatus: text('to_status').$type<PaperworkStatus>(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);
