import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import type { StaffRole } from '../../platform/auth/roles.ts';
import { practices, staff } from './identity-tables.ts';

export interface StaffRecord {
  id: string;
  practiceId: string;
  email: string;
  displayName: string;
  role: StaffRole;
  active: boolean;
  /** Co-signs providers' charts when the practice requires it (decision 042). */
  medicalDirector: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export interface PracticeRecord {
  id: string;
  name: string;
  timezone: string;
}

const staffColumns = {
  id: staff.id,
  practiceId: staff.practiceId,
  email: staff.email,
  displayName: staff.displayName,
  role: staff.role,
  active: staff.active,
  medicalDirector: staff.medicalDirector,
  createdAt: staff.createdAt,
  updatedAt: staff.updatedAt,
  version: staff.version,
};

export async function insertPractice(tx: Transaction, practice: { name: string; timezone: string }): Promise<PracticeRecord> {
  const [row] = await tx
    .insert(practices)
    .values(practice)
    .returning({ id: practices.id, name: practices.name, timezone: practices.timezone });
  if (!row) throw new Error('insert into practices returned no row');
  return row;
}

export async function findPractice(tx: Transaction, practiceId: string): Promise<PracticeRecord | undefined> {
  const [row] = await tx
    .select({ id: practices.id, name: practices.name, timezone: practices.timezone })
    .from(practices)
    .where(eq(practices.id, practiceId));
  return row;
}

export async function countPractices(tx: Transaction): Promise<number> {
  const [row] = await tx.select({ total: count() }).from(practices);
  return row?.total ?? 0;
}

export async function insertStaff(
  tx: Transaction,
  member: { practiceId: string; email: string; displayName: string; role: StaffRole; passwordHash: string },
): Promise<StaffRecord> {
  const [row] = await tx.insert(staff).values(member).returning(staffColumns);
  if (!row) throw new Error('insert into staff returned no row');
  return row;
}

export async function listStaff(tx: Transaction, practiceId: string): Promise<StaffRecord[]> {
  return tx.select(staffColumns).from(staff).where(eq(staff.practiceId, practiceId)).orderBy(desc(staff.active), asc(staff.displayName));
}

export async function findStaff(tx: Transaction, practiceId: string, staffId: string): Promise<StaffRecord | undefined> {
  const [row] = await tx
    .select(staffColumns)
    .from(staff)
    .where(and(eq(staff.practiceId, practiceId), eq(staff.id, staffId)));
  return row;
}

/** Sign-in lookup across practices (runs before a practice is known). */
export async function findStaffForSignIn(tx: Transaction, email: string): Promise<(StaffRecord & { passwordHash: string }) | undefined> {
  const [row] = await tx
    .select({ ...staffColumns, passwordHash: staff.passwordHash })
    .from(staff)
    .where(eq(staff.email, email));
  return row;
}

export async function updateStaff(
  tx: Transaction,
  practiceId: string,
  staffId: string,
  changes: {
    displayName?: string | undefined;
    role?: StaffRole | undefined;
    active?: boolean | undefined;
    medicalDirector?: boolean | undefined;
  },
  now: Date,
): Promise<StaffRecord | undefined> {
  const values: Partial<typeof staff.$inferInsert> = { updatedAt: now, version: sql`${staff.version} + 1` as unknown as number };
  if (changes.displayName !== undefined) values.displayName = changes.displayName;
  if (changes.role !== undefined) values.role = changes.role;
  if (changes.active !== undefined) values.active = changes.active;
  if (changes.medicalDirector !== undefined) values.medicalDirector = changes.medicalDirector;
  const [row] = await tx
    .update(staff)
    .set(values)
    .where(and(eq(staff.practiceId, practiceId), eq(staff.id, staffId)))
    .returning(staffColumns);
  return row;
}

/**
 * The practice's active owners, their rows locked (in id order) until the transaction ends: a
 * change that would take an owner away checks who remains while no one else can do the same.
 */
export async function lockActiveOwnerIds(tx: Transaction, practiceId: string): Promise<string[]> {
  const rows = await tx
    .select({ id: staff.id })
    .from(staff)
    .where(and(eq(staff.practiceId, practiceId), eq(staff.role, 'owner'), eq(staff.active, true)))
    .orderBy(asc(staff.id))
    .for('update');
  return rows.map((row) => row.id);
}
