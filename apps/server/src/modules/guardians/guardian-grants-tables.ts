import { pgTable, primaryKey, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Mirrors migration 0026: staff let one client (guardian) open another's profile (dependant) in the portal. */
export const patientGuardianGrants = pgTable(
  'patient_guardian_grants',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    dependantId: uuid('dependant_id').notNull(),
    guardianId: uuid('guardian_id').notNull(),
    grantedByStaffId: uuid('granted_by_staff_id').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    revokedByStaffId: uuid('revoked_by_staff_id'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);
