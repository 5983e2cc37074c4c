import { and, asc, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../../platform/database.ts';
import { patientGuardianGrants } from './guardian-grants-tables.ts';

export type GuardianGrantRecord = Omit<typeof patientGuardianGrants.$inferSelect, 'practiceId'>;

const columns = {
  id: patientGuardianGrants.id,
  dependantId: patientGuardianGrants.dependantId,
  guardianId: patientGuardianGrants.guardianId,
  grantedByStaffId: patientGuardianGrants.grantedByStaffId,
  grantedAt: patientGuardianGrants.grantedAt,
  revokedByStaffId: patientGuardianGrants.revokedByStaffId,
  revokedAt: patientGuardianGrants.revokedAt,
};

const live = isNull(patientGuardianGrants.revokedAt);

/** Inserts a live grant; undefined when the pair already has one (the partial unique index). */
export async function insertGrant(
  tx: Transaction,
  practiceId: string,
  grant: { dependantId: string; guardianId: string; grantedByStaffId: string; grantedAt: Date },
): Promise<GuardianGrantRecord | undefined> {
  const [row] = await tx
    .insert(patientGuardianGrants)
    .values({ practiceId, ...grant })
    .onConflictDoNothing({
      target: [patientGuardianGrants.practiceId, patientGuardianGrants.dependantId, patientGuardianGrants.guardianId],
      where: sql`revoked_at is null`,
    })
    .returning(columns);
  return row;
}

/** Stamps a live grant of this dependant revoked; undefined when there is no such live grant. */
export async function revokeGrant(
  tx: Transaction,
  practiceId: string,
  grant: { grantId: string; dependantId: string; revokedByStaffId: string; revokedAt: Date },
): Promise<GuardianGrantRecord | undefined> {
  const [row] = await tx
    .update(patientGuardianGrants)
    .set({ revokedByStaffId: grant.revokedByStaffId, revokedAt: grant.revokedAt })
    .where(
      and(
        eq(patientGuardianGrants.practiceId, practiceId),
        eq(patientGuardianGrants.id, grant.grantId),
        eq(patientGuardianGrants.dependantId, grant.dependantId),
        live,
      ),
    )
    .returning(columns);
  return row;
}

export async function findGrant(
  tx: Transaction,
  practiceId: string,
  grantId: string,
  dependantId: string,
): Promise<GuardianGrantRecord | undefined> {
  const [row] = await tx
    .select(columns)
    .from(patientGuardianGrants)
    .where(
      and(
        eq(patientGuardianGrants.practiceId, practiceId),
        eq(patientGuardianGrants.id, grantId),
        eq(patientGuardianGrants.dependantId, dependantId),
      ),
    );
  return row;
}

/** Every grant on a dependant's profile (live first, newest first) and the live grants the client holds on others. */
export async function listGrantsOfPatient(
  tx: Transaction,
  practiceId: string,
  patientId: string,
): Promise<{ onProfile: GuardianGrantRecord[]; held: GuardianGrantRecord[] }> {
  const rows = await tx
    .select(columns)
    .from(patientGuardianGrants)
    .where(
      and(
        eq(patientGuardianGrants.practiceId, practiceId),
        or(eq(patientGuardianGrants.dependantId, patientId), and(eq(patientGuardianGrants.guardianId, patientId), live)),
      ),
    )
    .orderBy(sql`${patientGuardianGrants.revokedAt} is not null`, desc(patientGuardianGrants.grantedAt), asc(patientGuardianGrants.id))
    .limit(500);
  return {
    onProfile: rows.filter((row) => row.dependantId === patientId),
    held: rows.filter((row) => row.guardianId === patientId),
  };
}

/** The dependants a guardian holds live grants for, oldest grant first. */
export async function listLiveDependantIds(tx: Transaction, practiceId: string, guardianId: string): Promise<string[]> {
  const rows = await tx
    .select({ dependantId: patientGuardianGrants.dependantId })
    .from(patientGuardianGrants)
    .where(and(eq(patientGuardianGrants.practiceId, practiceId), eq(patientGuardianGrants.guardianId, guardianId), live))
    .orderBy(asc(patientGuardianGrants.grantedAt), asc(patientGuardianGrants.id));
  return rows.map((row) => row.dependantId);
}

/** True while the guardian holds a live grant for the dependant. */
export async function hasLiveGrant(executor: Executor, practiceId: string, guardianId: string, dependantId: string): Promise<boolean> {
  const rows = await executor
    .select({ id: patientGuardianGrants.id })
    .from(patientGuardianGrants)
    .where(
      and(
        eq(patientGuardianGrants.practiceId, practiceId),
        eq(patientGuardianGrants.guardianId, guardianId),
        eq(patientGuardianGrants.dependantId, dependantId),
        live,
      ),
    )
    .limit(1);
  return rows.length > 0;
}
