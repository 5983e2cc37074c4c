import type { MedicalHistoryContent } from '@glowdesk/contracts';
import { integer, jsonb, pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Mirrors migration 0045_medical_history.sql. */
export const patientMedicalHistories = pgTable(
  'patient_medical_histories',
  {
    practiceId: uuid('practice_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').$type<MedicalHistoryContent>().notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    reviewVersion: integer('review_version'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.patientId] })],
);

/** Mirrors migration 0045_medical_history.sql: append-only. */
export const patientMedicalHistoryVersions = pgTable(
  'patient_medical_history_versions',
  {
    practiceId: uuid('practice_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    version: integer('version').notNull(),
    content: jsonb('content').$type<MedicalHistoryContent>().notNull(),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
    changedByStaffId: uuid('changed_by_staff_id'),
    changedByPatientId: uuid('changed_by_patient_id'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.patientId, table.version] })],
);
