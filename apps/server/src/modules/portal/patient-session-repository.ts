import { and, count, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Executor, Transaction } from '../../platform/database.ts';
import { patientPortalSignIns, patientSessions, type SignInChannel } from './portal-tables.ts';

export interface PatientSessionRow {
  tokenHash: string;
  practiceId: string;
  patientId: string | null;
  channel: SignInChannel;
  contact: string;
  lastSeenAt: Date;
  expiresAt: Date;
  activePatientId: string | null;
}

const sessionColumns = {
  tokenHash: patientSessions.tokenHash,
  practiceId: patientSessions.practiceId,
  patientId: patientSessions.patientId,
  channel: patientSessions.channel,
  contact: patientSessions.contact,
  lastSeenAt: patientSessions.lastSeenAt,
  expiresAt: patientSessions.expiresAt,
  activePatientId: patientSessions.activePatientId,
};

export async function insertPatientSession(
  tx: Transaction,
  session: {
    tokenHash: string;
    practiceId: string;
    patientId: string | null;
    channel: SignInChannel;
    contact: string;
    now: Date;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  if (session.patientId) await recordProfileSignIn(tx, session.practiceId, session.patientId, session.now);
  await tx.insert(patientSessions).values({
    tokenHash: session.tokenHash,
    practiceId: session.practiceId,
    patientId: session.patientId,
    channel: session.channel,
    contact: session.contact,
    createdAt: session.now,
    lastSeenAt: session.now,
    expiresAt: session.expiresAt,
    ip: session.ip,
    userAgent: session.userAgent,
  });
}

/** A session neither past its absolute expiry nor idle since `idleSince`. */
export async function findLivePatientSession(
  executor: Executor,
  tokenHash: string,
  now: Date,
  idleSince: Date,
): Promise<PatientSessionRow | undefined> {
  const [row] = await executor
    .select(sessionColumns)
    .from(patientSessions)
    .where(and(eq(patientSessions.tokenHash, tokenHash), gt(patientSessions.expiresAt, now), gt(patientSessions.lastSeenAt, idleSince)));
  return row;
}

export async function touchPatientSession(executor: Executor, tokenHash: string, now: Date): Promise<void> {
  await executor.update(patientSessions).set({ lastSeenAt: now }).where(eq(patientSessions.tokenHash, tokenHash));
}

export async function deletePatientSession(tx: Transaction, tokenHash: string): Promise<void> {
  await tx.delete(patientSessions).where(eq(patientSessions.tokenHash, tokenHash));
}

/**
 * Spends one identify try of a session still waiting for its profile; undefined when it has
 * none left (or already has a profile). Spent before the answer is compared.
 */
export async function takeIdentifyTry(
  tx: Transaction,
  tokenHash: string,
  maxTries: number,
): Promise<{ channel: SignInChannel; contact: string; identifyTries: number } | undefined> {
  const [row] = await tx
    .update(patientSessions)
    .set({ identifyTries: sql`${patientSessions.identifyTries} + 1` })
    .where(and(eq(patientSessions.tokenHash, tokenHash), isNull(patientSessions.patientId), lt(patientSessions.identifyTries, maxTries)))
    .returning({ channel: patientSessions.channel, contact: patientSessions.contact, identifyTries: patientSessions.identifyTries });
  return row;
}

/** Opens a profile on a waiting session under a new token (the old one stops working). */
export async function openProfile(
  tx: Transaction,
  tokenHash: string,
  change: { newTokenHash: string; patientId: string; now: Date; expiresAt: Date },
): Promise<boolean> {
  const rows = await tx
    .update(patientSessions)
    .set({ tokenHash: change.newTokenHash, patientId: change.patientId, lastSeenAt: change.now, expiresAt: change.expiresAt })
    .where(and(eq(patientSessions.tokenHash, tokenHash), isNull(patientSessions.patientId)))
    .returning({ practiceId: patientSessions.practiceId });
  const [opened] = rows;
  if (opened) await recordProfileSignIn(tx, opened.practiceId, change.patientId, change.now);
  return opened !== undefined;
}

/** A session opened the patient's profile: the first sign-in is kept, the last one moves on. */
async function recordProfileSignIn(tx: Transaction, practiceId: string, patientId: string, now: Date): Promise<void> {
  await tx
    .insert(patientPortalSignIns)
    .values({ practiceId, patientId, firstSignedInAt: now, lastSignedInAt: now, signInCount: 1 })
    .onConflictDoUpdate({
      target: [patientPortalSignIns.practiceId, patientPortalSignIns.patientId],
      set: {
        lastSignedInAt: sql`greatest(${patientPortalSignIns.lastSignedInAt}, excluded.last_signed_in_at)`,
        signInCount: sql`${patientPortalSignIns.signInCount} + 1`,
      },
    });
}

export interface PortalSignInRecord {
  firstSignedInAt: Date;
  lastSignedInAt: Date;
  signInCount: number;
}

export async function findPortalSignIns(tx: Transaction, practiceId: string, patientId: string): Promise<PortalSignInRecord | undefined> {
  const [row] = await tx
    .select({
      firstSignedInAt: patientPortalSignIns.firstSignedInAt,
      lastSignedInAt: patientPortalSignIns.lastSignedInAt,
      signInCount: patientPortalSignIns.signInCount,
    })
    .from(patientPortalSignIns)
    .where(and(eq(patientPortalSignIns.practiceId, practiceId), eq(patientPortalSignIns.patientId, patientId)));
  return row;
}

/** The patient's sessions neither past their absolute expiry nor idle since `idleSince`. */
export async function countLivePatientSessions(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  now: Date,
  idleSince: Date,
): Promise<number> {
  const [row] = await tx
    .select({ sessions: count() })
    .from(patientSessions)
    .where(
      and(
        eq(patientSessions.practiceId, practiceId),
        eq(patientSessions.patientId, patientId),
        gt(patientSessions.expiresAt, now),
        gt(patientSessions.lastSeenAt, idleSince),
      ),
    );
  return row?.sessions ?? 0;
}

/** Points the session at a dependant's profile, or back at the patient's own (null). */
export async function setActiveProfile(tx: Transaction, tokenHash: string, activePatientId: string | null): Promise<void> {
  await tx.update(patientSessions).set({ activePatientId }).where(eq(patientSessions.tokenHash, tokenHash));
}

/** Puts a session whose dependant's grant ended back on the patient's own profile. */
export async function leaveEndedProfile(executor: Executor, tokenHash: string, activePatientId: string): Promise<void> {
  await executor
    .update(patientSessions)
    .set({ activePatientId: null })
    .where(and(eq(patientSessions.tokenHash, tokenHash), eq(patientSessions.activePatientId, activePatientId)));
}
