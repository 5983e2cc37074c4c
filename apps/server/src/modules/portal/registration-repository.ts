import type { PortalRegistrationStatus, StoredRegistrationDetails } from '@glowdesk/contracts';
import { and, asc, count, eq, gt, lt, lte, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { portalRegistrations } from './registration-tables.ts';
import type { ContactKey } from './sign-in-code-repository.ts';

export type RegistrationRow = typeof portalRegistrations.$inferSelect;

const pendingOf = ({ practiceId, channel, contactHash }: ContactKey) =>
  and(
    eq(portalRegistrations.practiceId, practiceId),
    eq(portalRegistrations.channel, channel),
    eq(portalRegistrations.contactHash, contactHash),
    eq(portalRegistrations.status, 'pending'),
  );

/** Removes the practice's registrations whose code expired unused: their details go with them. */
export async function deleteExpiredPending(tx: Transaction, practiceId: string, now: Date): Promise<void> {
  await tx
    .delete(portalRegistrations)
    .where(
      and(
        eq(portalRegistrations.practiceId, practiceId),
        eq(portalRegistrations.status, 'pending'),
        lte(portalRegistrations.expiresAt, now),
      ),
    );
}

/**
 * Stores a registration and its new code for the contact, replacing the one waiting for a
 * code unless that was sent after `resendableSince` (the Resend cooldown). False, changing
 * nothing, inside the cooldown. One statement, so parallel requests cannot both pass.
 */
export async function replacePending(
  tx: Transaction,
  key: ContactKey,
  registration: { contact: string; details: StoredRegistrationDetails; codeHash: string; sentAt: Date; expiresAt: Date },
  resendableSince: Date,
): Promise<boolean> {
  const rows = await tx
    .insert(portalRegistrations)
    .values({ ...key, ...registration, tries: 0, status: 'pending', createdAt: registration.sentAt })
    .onConflictDoUpdate({
      target: [portalRegistrations.practiceId, portalRegistrations.channel, portalRegistrations.contactHash],
      targetWhere: sql`status = 'pending'`,
      set: {
        contact: registration.contact,
        details: registration.details,
        codeHash: registration.codeHash,
        sentAt: registration.sentAt,
        expiresAt: registration.expiresAt,
        createdAt: registration.sentAt,
        tries: 0,
      },
      setWhere: lte(portalRegistrations.sentAt, resendableSince),
    })
    .returning({ id: portalRegistrations.id });
  return rows.length > 0;
}

export async function findPendingSentAt(tx: Transaction, key: ContactKey): Promise<Date | undefined> {
  const [row] = await tx.select({ sentAt: portalRegistrations.sentAt }).from(portalRegistrations).where(pendingOf(key));
  return row?.sentAt;
}

/**
 * Spends one try of the contact's live registration code and returns what to compare;
 * undefined when there is none (no registration, expired, or out of tries).
 */
export async function takeRegistrationTry(
  tx: Transaction,
  key: ContactKey,
  now: Date,
  maxTries: number,
): Promise<{ id: string; codeHash: string } | undefined> {
  const [row] = await tx
    .update(portalRegistrations)
    .set({ tries: sql`${portalRegistrations.tries} + 1` })
    .where(and(pendingOf(key), gt(portalRegistrations.expiresAt, now), lt(portalRegistrations.tries, maxTries)))
    .returning({ id: portalRegistrations.id, codeHash: portalRegistrations.codeHash });
  return row;
}

/**
 * Marks the registration's contact proved (its code used), if it is still the one compared
 * and waiting: the row for exactly one caller. The status is set by `settle` in the same
 * transaction.
 */
export async function markVerified(
  tx: Transaction,
  practiceId: string,
  registrationId: string,
  codeHash: string,
  now: Date,
): Promise<RegistrationRow | undefined> {
  const [row] = await tx
    .update(portalRegistrations)
    .set({ verifiedAt: now, status: 'queued' })
    .where(
      and(
        eq(portalRegistrations.practiceId, practiceId),
        eq(portalRegistrations.id, registrationId),
        eq(portalRegistrations.status, 'pending'),
        eq(portalRegistrations.codeHash, codeHash),
        gt(portalRegistrations.expiresAt, now),
      ),
    )
    .returning();
  return row;
}

export async function settle(
  tx: Transaction,
  practiceId: string,
  registrationId: string,
  outcome: { status: PortalRegistrationStatus; patientId: string | null },
): Promise<void> {
  await tx
    .update(portalRegistrations)
    .set(outcome)
    .where(and(eq(portalRegistrations.practiceId, practiceId), eq(portalRegistrations.id, registrationId)));
}

export async function listQueued(tx: Transaction, practiceId: string, limit: number): Promise<RegistrationRow[]> {
  return tx
    .select()
    .from(portalRegistrations)
    .where(and(eq(portalRegistrations.practiceId, practiceId), eq(portalRegistrations.status, 'queued')))
    .orderBy(asc(portalRegistrations.createdAt), asc(portalRegistrations.id))
    .limit(limit);
}

export async function countQueued(tx: Transaction, practiceId: string): Promise<number> {
  const [row] = await tx
    .select({ count: count() })
    .from(portalRegistrations)
    .where(and(eq(portalRegistrations.practiceId, practiceId), eq(portalRegistrations.status, 'queued')));
  return row?.count ?? 0;
}

export async function findRegistration(tx: Transaction, practiceId: string, registrationId: string): Promise<RegistrationRow | undefined> {
  const [row] = await tx
    .select()
    .from(portalRegistrations)
    .where(and(eq(portalRegistrations.practiceId, practiceId), eq(portalRegistrations.id, registrationId)));
  return row;
}

/**
 * Takes a queued registration out of the queue for one staff member: the row for exactly
 * one caller (a second, concurrent one waits for the first and then finds it handled).
 */
export async function takeQueued(
  tx: Transaction,
  practiceId: string,
  registrationId: string,
  handled: { status: 'merged' | 'created_by_staff' | 'dismissed'; patientId: string | null; handledBy: string; handledAt: Date },
): Promise<RegistrationRow | undefined> {
  const [row] = await tx
    .update(portalRegistrations)
    .set(handled)
    .where(
      and(
        eq(portalRegistrations.practiceId, practiceId),
        eq(portalRegistrations.id, registrationId),
        eq(portalRegistrations.status, 'queued'),
      ),
    )
    .returning();
  return row;
}
