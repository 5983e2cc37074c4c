import { and, eq } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { practices, staff } from './identity-tables.ts';

/** True when the staff member is flagged as a medical director and active, read in the caller's transaction. */
export async function isMedicalDirectorWithin(tx: Transaction, practiceId: string, staffId: string): Promise<boolean> {
  const [row] = await tx
    .select({ medicalDirector: staff.medicalDirector, active: staff.active })
    .from(staff)
    .where(and(eq(staff.practiceId, practiceId), eq(staff.id, staffId)));
  return row !== undefined && row.medicalDirector && row.active;
}

/** True when the practice requires a medical director's co-signature on providers' charts. */
export async function requiresMdCosignatureWithin(tx: Transaction, practiceId: string): Promise<boolean> {
  const [row] = await tx.select({ value: practices.requireMdCosignature }).from(practices).where(eq(practices.id, practiceId));
  return row?.value ?? false;
}
