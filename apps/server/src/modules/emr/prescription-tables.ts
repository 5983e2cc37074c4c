import { bigint, date, integer, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Mirrors migration 0046_prescriptions.sql. */
export const prescriptions = pgTable(
  'prescriptions',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    sequence: bigint('sequence', { mode: 'number' }).generatedAlwaysAsIdentity(),
    patientId: uuid('patient_id').notNull(),
    procedureId: uuid('procedure_id'),
    drug: text('drug').notNull(),
    strength: text('strength').notNull(),
    directions: text('directions').notNull(),
    quantity: integer('quantity').notNull(),
    refills: smallint('refills').notNull(),
    prescribedOn: date('prescribed_on', { mode: 'string' }).notNull(),
    prescriberId: uuid('prescriber_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    discontinuedAt: timestamp('discontinued_at', { withTimezone: true }),
    discontinuedBy: uuid('discontinued_by'),
    discontinuedReason: text('discontinued_reason'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);
