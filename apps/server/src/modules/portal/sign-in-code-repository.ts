import { and, eq, gt, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { portalCodeSendCounters, portalSignInCodes, type SignInChannel } from './portal-tables.ts';

export interface ContactKey {
  practiceId: string;
  channel: SignInChannel;
  contactHash: string;
}

const keyOf = ({ practiceId, channel, contactHash }: ContactKey) =>
  and(eq(portalSignInCodes.practiceId, practiceId), eq(portalSignInCodes.channel, channel), eq(portalSignInCodes.contactHash, contactHash));

/** Adds one send to a counter and returns its count in the window, the new send included. */
export async function countSend(tx: Transaction, practiceId: string, bucket: string, windowStart: Date): Promise<number> {
  const [row] = await tx
    .insert(portalCodeSendCounters)
    .values({ practiceId, bucket, windowStart, sends: 1 })
    .onConflictDoUpdate({
      target: [portalCodeSendCounters.practiceId, portalCodeSendCounters.bucket, portalCodeSendCounters.windowStart],
      set: { sends: sql`${portalCodeSendCounters.sends} + 1` },
    })
    .returning({ sends: portalCodeSendCounters.sends });
  if (!row) throw new Error('counting a sign-in code send returned no row');
  return row.sends;
}

/**
 * Stores a new code for the contact, replacing the previous one unless that was sent after
 * `resendableSince` (the Resend cooldown). Returns false, changing nothing, inside the cooldown.
 * One statement, so two parallel requests cannot both pass the cooldown.
 */
export async function replaceCode(
  tx: Transaction,
  key: ContactKey,
  code: { codeHash: string; sentAt: Date; expiresAt: Date },
  resendableSince: Date,
): Promise<boolean> {
  const rows = await tx
    .insert(portalSignInCodes)
    .values({ ...key, ...code, tries: 0, usedAt: null })
    .onConflictDoUpdate({
      target: [portalSignInCodes.practiceId, portalSignInCodes.channel, portalSignInCodes.contactHash],
      set: { codeHash: code.codeHash, sentAt: code.sentAt, expiresAt: code.expiresAt, tries: 0, usedAt: null },
      setWhere: lte(portalSignInCodes.sentAt, resendableSince),
    })
    .returning({ sentAt: portalSignInCodes.sentAt });
  return rows.length > 0;
}

export async function findCodeSentAt(tx: Transaction, key: ContactKey): Promise<Date | undefined> {
  const [row] = await tx.select({ sentAt: portalSignInCodes.sentAt }).from(portalSignInCodes).where(keyOf(key));
  return row?.sentAt;
}

/**
 * Spends one try of the contact's live code (unused, unexpired, tries left) and returns its
 * hash to compare; undefined when there is no such code. The try is spent before the
 * comparison, so parallel guesses cannot exceed the limit.
 */
export async function takeCodeTry(tx: Transaction, key: ContactKey, now: Date, maxTries: number): Promise<string | undefined> {
  const [row] = await tx
    .update(portalSignInCodes)
    .set({ tries: sql`${portalSignInCodes.tries} + 1` })
    .where(and(keyOf(key), isNull(portalSignInCodes.usedAt), gt(portalSignInCodes.expiresAt, now), lt(portalSignInCodes.tries, maxTries)))
    .returning({ codeHash: portalSignInCodes.codeHash });
  return row?.codeHash;
}

/** Marks the code used, if it is still the one compared and unused: true for exactly one caller. */
export async function useCode(tx: Transaction, key: ContactKey, codeHash: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(portalSignInCodes)
    .set({ usedAt: now })
    .where(
      and(keyOf(key), eq(portalSignInCodes.codeHash, codeHash), isNull(portalSignInCodes.usedAt), gt(portalSignInCodes.expiresAt, now)),
    )
    .returning({ usedAt: portalSignInCodes.usedAt });
  return rows.length > 0;
}
