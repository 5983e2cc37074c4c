import { and, eq, inArray } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { portalNotificationReads } from './portal-tables.ts';

/** When the patient opened each of these messages in the portal; unopened ones are absent. */
export async function findReadTimes(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  messageIds: readonly string[],
): Promise<Map<string, Date>> {
  if (messageIds.length === 0) return new Map();
  const rows = await tx
    .select({ messageId: portalNotificationReads.messageId, readAt: portalNotificationReads.readAt })
    .from(portalNotificationReads)
    .where(
      and(
        eq(portalNotificationReads.practiceId, practiceId),
        eq(portalNotificationReads.patientId, patientId),
        inArray(portalNotificationReads.messageId, [...messageIds]),
      ),
    );
  return new Map(rows.map((row) => [row.messageId, row.readAt]));
}

/** Records the first time the patient opened the message; opening it again keeps that time. */
export async function markRead(tx: Transaction, practiceId: string, patientId: string, messageId: string, now: Date): Promise<Date> {
  await tx.insert(portalNotificationReads).values({ practiceId, messageId, patientId, readAt: now }).onConflictDoNothing();
  return (await findReadTimes(tx, practiceId, patientId, [messageId])).get(messageId) ?? now;
}
