import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { prepareStatement, readOf, type Executor, type Read, type Transaction } from '../../platform/database.ts';
import type { UnconfirmedSession } from '../../platform/auth/access.ts';
import type { StaffRole } from '../../platform/auth/roles.ts';
import { authFailureCounters, staffSessions } from './identity-tables.ts';

export interface SessionRow {
  tokenHash: string;
  practiceId: string;
  staffId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  role: StaffRole;
  email: string;
  displayName: string;
}

export async function insertSession(
  tx: Transaction,
  session: {
    tokenHash: string;
    practiceId: string;
    staffId: string;
    now: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await tx.insert(staffSessions).values({
    tokenHash: session.tokenHash,
    practiceId: session.practiceId,
    staffId: session.staffId,
    createdAt: session.now,
    lastSeenAt: session.now,
    expiresAt: session.expiresAt,
    ip: session.ip,
    userAgent: session.userAgent,
  });
}

/** Every request resolves its session: built once, run as a prepared statement. */
const findLiveSessionStatement = prepareStatement<
  Omit<SessionRow, 'lastSeenAt' | 'expiresAt'> & { lastSeenAt: number; expiresAt: number },
  { tokenHash: string; now: Date; idleSince: Date }
>(
  'identity.find_live_session',
  (value) => sql`
    select s.token_hash as "tokenHash", s.practice_id as "practiceId", s.staff_id as "staffId",
           (extract(epoch from s.last_seen_at) * 1000)::float8 as "lastSeenAt",
           (extract(epoch from s.expires_at) * 1000)::float8 as "expiresAt",
           m.role, m.email, m.display_name as "displayName"
    from staff_sessions s
    join staff m on m.practice_id = s.practice_id and m.id = s.staff_id
    where s.token_hash = ${value('tokenHash')}::text
      and s.expires_at > ${value('now')}::timestamptz
      and s.last_seen_at > ${value('idleSince')}::timestamptz
      and m.active`,
);

/** A live session of an active staff member: not past its absolute expiry nor idle too long. */
export async function findLiveSession(tx: Executor, tokenHash: string, now: Date, idleSince: Date): Promise<SessionRow | undefined> {
  const [row] = await findLiveSessionStatement(tx, { tokenHash, now, idleSince });
  return row && { ...row, lastSeenAt: new Date(row.lastSeenAt), expiresAt: new Date(row.expiresAt) };
}

const sessionStillLiveStatement = prepareStatement<{ live: boolean }, Omit<UnconfirmedSession, 'checked'>>(
  'identity.session_still_live',
  (value) => sql`
    select exists (
      select 1
      from staff_sessions s
      join staff m on m.practice_id = s.practice_id and m.id = s.staff_id
      where s.token_hash = ${value('tokenHash')}::text
        and s.practice_id = ${value('practiceId')}::uuid
        and s.staff_id = ${value('staffId')}::uuid
        and s.expires_at > ${value('now')}::timestamptz
        and s.last_seen_at > ${value('idleSince')}::timestamptz
        and m.active
        and m.role = ${value('role')}::text
    ) as live`,
);

/**
 * Whether a session taken from memory still stands: live, of this practice and staff
 * member, who is active and still has this role. A read, to travel with a transaction's
 * BEGIN (it works as the practice's restricted role too).
 */
export function sessionStillLiveRead(session: Omit<UnconfirmedSession, 'checked'>): Read<boolean> {
  const { tokenHash, practiceId, staffId, role, now, idleSince } = session;
  return readOf(sessionStillLiveStatement, { tokenHash, practiceId, staffId, role, now, idleSince }, ([row]) => row?.live === true);
}

export async function touchSession(tx: Executor, tokenHash: string, now: Date): Promise<void> {
  await tx.update(staffSessions).set({ lastSeenAt: now }).where(eq(staffSessions.tokenHash, tokenHash));
}

export async function deleteSession(tx: Transaction, tokenHash: string): Promise<void> {
  await tx.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash));
}

export async function deleteSessionsOfStaff(tx: Transaction, practiceId: string, staffId: string): Promise<void> {
  await tx.delete(staffSessions).where(and(eq(staffSessions.practiceId, practiceId), eq(staffSessions.staffId, staffId)));
}

export async function deleteExpiredSessions(tx: Transaction, now: Date, idleSince: Date): Promise<void> {
  await tx.delete(staffSessions).where(sql`${staffSessions.expiresAt} <= ${now} or ${staffSessions.lastSeenAt} <= ${idleSince}`);
}

/**
 * Counts a sign-in attempt against each bucket in the window that starts at windowStart, in
 * one statement, and returns each bucket's count including it. Counting comes before the
 * password check, so parallel guesses each see the ones before them.
 */
export async function countSignInAttempt(tx: Transaction, buckets: string[], windowStart: Date): Promise<Map<string, number>> {
  // Sorted, so two attempts sharing a bucket lock their rows in the same order.
  const rows = await tx
    .insert(authFailureCounters)
    .values([...buckets].sort().map((bucket) => ({ bucket, windowStart, failures: 1 })))
    .onConflictDoUpdate({
      target: [authFailureCounters.bucket, authFailureCounters.windowStart],
      set: { failures: sql`${authFailureCounters.failures} + 1` },
    })
    .returning({ bucket: authFailureCounters.bucket, failures: authFailureCounters.failures });
  return new Map(rows.map((row) => [row.bucket, row.failures]));
}

/** Takes back an attempt counted by countSignInAttempt (it succeeded, or was refused unchecked). */
export async function withdrawSignInAttempt(tx: Transaction, buckets: string[], windowStart: Date): Promise<void> {
  await tx
    .update(authFailureCounters)
    .set({ failures: sql`greatest(${authFailureCounters.failures} - 1, 0)` })
    .where(and(inArray(authFailureCounters.bucket, [...buckets].sort()), eq(authFailureCounters.windowStart, windowStart)));
}

export async function deleteOldFailureCounts(tx: Transaction, before: Date): Promise<void> {
  await tx.delete(authFailureCounters).where(lte(authFailureCounters.windowStart, before));
}
