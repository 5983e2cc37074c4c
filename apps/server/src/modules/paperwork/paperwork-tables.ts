import type { PaperworkKind, PaperworkStatus } from '@glowdesk/contracts';
import { bigint, boolean, customType, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  // PGlite returns a Uint8Array, node-postgres a Buffer.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** Mirrors migrations 0008_paperwork.sql, 0019_paperwork_signing.sql and 0036_membership_agreements.sql. */

export const paperworkTemplates = pgTable(
  'paperwork_templates',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').$type<PaperworkKind>().notNull(),
    currentVersion: integer('current_version').notNull().default(1),
    active: boolean('active').notNull().default(true),
    showDaysBefore: smallint('show_days_before').notNull().default(7),
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
    /** Null for a consent signed for something other than a visit: a membership plan's agreement (migration 0036). */
    appointmentId: uuid('appointment_id'),
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

export const paperworkResponses = pgTable(
  'paperwork_responses',
  {
    practiceId: uuid('practice_id').notNull(),
    assignmentId: uuid('assignment_id').notNull(),
    round: integer('round').notNull(),
    templateVersion: integer('template_version').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.assignmentId, table.round] })],
);

export const paperworkSignatures = pgTable(
  'paperwork_signatures',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    assignmentId: uuid('assignment_id').notNull(),
    round: integer('round').notNull(),
    role: text('role').$type<'patient' | 'witness'>().notNull(),
    templateVersion: integer('template_version').notNull(),
    typedName: text('typed_name').notNull(),
    witnessStaffId: uuid('witness_staff_id'),
    signaturePng: bytea('signature_png').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    documentPdf: bytea('document_pdf').notNull(),
    documentSha256: text('document_sha256').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);
