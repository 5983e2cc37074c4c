import { and, eq, gt, isNull, lt, lte, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { portalContactChangeCodes, type SignInChannel } from './portal-tables.ts';

/** A profile's pending change of phone (sms) or email: at most one code each. */
export interface ContactChangeKey {
  practiceId: string;
  patientId: string;
  channel: SignInChannel;
}

const keyOf = ({ practiceId, patientId, channel }: ContactChangeKey) =>
  and(
    eq(portalContactChangeCodes.practiceId, practiceId),
    eq(portalContactChangeCodes.patientId, patientId),
    eq(portalContactChangeCodes.channel, channel),
  );

/**
 * Stores a new code for the profile's change of this channel, replacing the previous one
 * unless that was sent after `resendableSince` (the Resend cooldown): false, changing nothing,
 * inside the cooldown. One statement, so parallel requests send one code.
 */
export async function replaceContactChangeCode(
  tx: Transaction,
  key: ContactChangeKey,
  code: { contactHash: string; codeHash: string; sentAt: Date; expiresAt: Date },
  resendableSince: Date,
): Promise<boolean> {
  const rows = await tx
    .insert(portalContactChangeCodes)
    .values({ ...key, ...code, tries: 0, usedAt: null })
    .onConflictDoUpdate({
      target: [portalContactChangeCodes.practiceId, portalContactChangeCodes.patientId, portalContactChangeCodes.channel],
      set: {
        contactHash: code.contactHash,
        codeHash: code.codeHash,
        sentAt: code.sentAt,
        expiresAt: code.expiresAt,
        tries: 0,
        usedAt: null,
      },
      setWhere: lte(portalContactChangeCodes.sentAt, resendableSince),
    })
    .returning({ sentAt: portalContactChangeCodes.sentAt });
  return rows.length > 0;
}

export async function findContactChangeCodeSentAt(tx: Transaction, key: ContactChangeKey): Promise<Date | undefined> {
  const [row] = await tx.select({ sentAt: portalContactChangeCodes.sentAt }).from(portalContactChangeCodes).where(keyOf(key));
  return row?.sentAt;
}

/**
 * Spends one try of the live code for this new contact (unused, unexpired, tries left) and
 * returns its hash to compare; undefined when there is none. Spent before the comparison.
 */
export async function takeContactChangeCodeTry(
  tx: Transaction,
  key: ContactChangeKey,
  contactHash: string,
  now: Date,
  maxTries: number,
): Promise<string | undefined> {
  const [row] = await tx
    .update(portalContactChangeCodes)
    .set({ tries: sql`${portalContactChangeCodes.tries} + 1` })
    .where(
      and(
        keyOf(key),
        eq(portalContactChangeCodes.contactHash, contactHash),
        isNull(portalContactChangeCodes.usedAt),
        gt(portalContactChangeCodes.expiresAt, now),
        lt(portalContactChangeCodes.tries, maxTries),
      ),
    )
    .returning({ codeHash: portalContactChangeCodes.codeHash });
  return row?.codeHash;
}

/** Marks the code used if it is still the one compared and unused: true for exactly one caller. */
export async function useContactChangeCode(tx: Transaction, key: ContactChangeKey, codeHash: string, now: Date): Promise<boolean> {
  const rows = await tx
    .update(portalContactChangeCodes)
    .set({ usedAt: now })
    .where(
      and(
        keyOf(key),
        eq(portalContactChangeCodes.codeHash, codeHash),
        isNull(portalContactChangeCodes.usedAt),
        gt(portalContactChangeCodes.expiresAt, now),
      ),
    )
    .returning({ usedAt: portalContactChangeCodes.usedAt });
  return rows.length > 0;
}
