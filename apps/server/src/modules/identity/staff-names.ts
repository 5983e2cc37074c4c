import { eq } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { staff } from './identity-tables.ts';

/** Every staff member's display name by id (former staff included), read in the caller's transaction. */
export async function staffDisplayNamesWithin(tx: Transaction, practiceId: string): Promise<Map<string, string>> {
  const rows = await tx.select({ id: staff.id, displayName: staff.displayName }).from(staff).where(eq(staff.practiceId, practiceId));
  return new Map(rows.map((row) => [row.id, row.displayName]));
}
