import type { LotUnit, ProcedureSection, SoapNotes } from '@glowdesk/contracts';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

/** Mirrors migration 0029_emr.sql (with 0039's photo consent and 0043's required consents of a procedure type, 0043's diagram points, 0047's co-signature and 0048's lot units). */

export const procedureTypes = pgTable(
  'procedure_types',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    name: text('name').notNull(),
    sections: text('sections').array().$type<ProcedureSection[]>().notNull(),
    photoConsentTemplateId: uuid('photo_consent_template_id'),
    requiredConsentTemplateIds: uuid('required_consent_template_ids').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const inventoryLots = pgTable(
  'inventory_lots',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    productName: text('product_name').notNull(),
    lotNumber: text('lot_number').notNull(),
    expiresOn: date('expires_on', { mode: 'string' }).notNull(),
    unit: text('unit').$type<LotUnit>().notNull().default('units'),
    // numeric(10, 2): exact in the database; read as numbers of at most 2 decimals.
    quantityReceived: numeric('quantity_received', { precision: 10, scale: 2, mode: 'number' }).notNull(),
    quantityOnHand: numeric('quantity_on_hand', { precision: 10, scale: 2, mode: 'number' }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const procedures = pgTable(
  'procedures',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    patientId: uuid('patient_id').notNull(),
    procedureTypeId: uuid('procedure_type_id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    notes: jsonb('notes').$type<Partial<SoapNotes>>().notNull(),
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    updatedBy: uuid('updated_by').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    signedBy: uuid('signed_by'),
    cosignatureRequired: boolean('cosignature_required').notNull().default(false),
    cosignedAt: timestamp('cosigned_at', { withTimezone: true }),
    cosignedBy: uuid('cosigned_by'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const procedureInjectables = pgTable(
  'procedure_injectables',
  {
    practiceId: uuid('practice_id').notNull(),
    procedureId: uuid('procedure_id').notNull(),
    position: smallint('position').notNull(),
    lotId: uuid('lot_id').notNull(),
    units: integer('units'),
    milliliters: numeric('milliliters', { precision: 7, scale: 2, mode: 'number' }),
    area: text('area').notNull(),
    pointX: doublePrecision('point_x'),
    pointY: doublePrecision('point_y'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.procedureId, table.position] })],
);

export const procedureAddenda = pgTable(
  'procedure_addenda',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sequence: bigint('sequence', { mode: 'number' }).generatedAlwaysAsIdentity(),
    procedureId: uuid('procedure_id').notNull(),
    text: text('text').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const inventoryLotRecalls = pgTable(
  'inventory_lot_recalls',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    lotId: uuid('lot_id').notNull(),
    message: text('message').notNull(),
    patientCount: integer('patient_count').notNull(),
    messagesQueued: integer('messages_queued').notNull(),
    recalledAt: timestamp('recalled_at', { withTimezone: true }).notNull(),
    recalledBy: uuid('recalled_by').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);
