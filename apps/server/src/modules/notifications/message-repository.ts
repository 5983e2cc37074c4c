import type { MessageChannel, MessageStatus } from '@glowdesk/contracts';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { insertByColumns, type Transaction } from '../../platform/database.ts';
import { messageAttachments, messages } from './notifications-tables.ts';

export interface MessageWrite {
  channel: MessageChannel;
  toAddress: string;
  subject: string | null;
  textBody: string;
  htmlBody: string | null;
  maxAttempts: number;
  nextAttemptAt: Date | null;
  patientId: string | null;
  appointmentId: string | null;
  templateKey: string | null;
  dedupeKey: string | null;
  resendOfId: string | null;
  createdBy: string | null;
}

export interface AttachmentWrite {
  filename: string;
  contentType: string;
  content: Buffer;
}

const summaryColumns = {
  id: messages.id,
  createdSeq: messages.createdSeq,
  channel: messages.channel,
  toAddress: messages.toAddress,
  subject: messages.subject,
  status: messages.status,
  attempts: messages.attempts,
  maxAttempts: messages.maxAttempts,
  nextAttemptAt: messages.nextAttemptAt,
  lastAttemptAt: messages.lastAttemptAt,
  lastError: messages.lastError,
  sentAt: messages.sentAt,
  patientId: messages.patientId,
  appointmentId: messages.appointmentId,
  templateKey: messages.templateKey,
  resendOfId: messages.resendOfId,
  createdAt: messages.createdAt,
  createdBy: messages.createdBy,
};

const detailColumns = {
  ...summaryColumns,
  textBody: messages.textBody,
  htmlBody: messages.htmlBody,
  providerMessageId: messages.providerMessageId,
  dedupeKey: messages.dedupeKey,
};

export type MessageSummaryRecord = {
  [Key in keyof typeof summaryColumns]: (typeof messages.$inferSelect)[Key];
};
export type MessageRecord = {
  [Key in keyof typeof detailColumns]: (typeof messages.$inferSelect)[Key];
};

export interface AttachmentInfoRecord {
  position: number;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

export interface AttachmentRecord {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** Inserts the message unless its dedupe key is taken; returns the new id, or undefined on a duplicate. */
export async function insertMessageUnlessDuplicate(
  tx: Transaction,
  practiceId: string,
  message: MessageWrite,
): Promise<string | undefined> {
  const [row] = await tx
    .insert(messages)
    .values({ ...message, practiceId })
    .onConflictDoNothing({ target: [messages.practiceId, messages.dedupeKey] })
    .returning({ id: messages.id });
  return row?.id;
}

/** Inserts many messages in one statement; those whose dedupe key is taken are skipped. */
export async function insertMessagesUnlessDuplicate(tx: Transaction, practiceId: string, rows: readonly MessageWrite[]): Promise<void> {
  await insertByColumns(
    tx,
    messages,
    rows.map((message) => ({ ...message, practiceId })),
    { onConflictDoNothing: true },
  );
}

export async function findMessageIdByDedupeKey(tx: Transaction, practiceId: string, dedupeKey: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.practiceId, practiceId), eq(messages.dedupeKey, dedupeKey)));
  return row?.id;
}

export async function insertAttachments(
  tx: Transaction,
  practiceId: string,
  messageId: string,
  attachments: AttachmentWrite[],
): Promise<void> {
  if (attachments.length === 0) return;
  await tx
    .insert(messageAttachments)
    .values(attachments.map((attachment, position) => ({ ...attachment, practiceId, messageId, position })));
}

/** Copies every attachment of one message onto another (a resend). */
export async function copyAttachments(tx: Transaction, practiceId: string, fromMessageId: string, toMessageId: string): Promise<void> {
  await tx.execute(sql`
    insert into message_attachments (practice_id, message_id, position, filename, content_type, content)
    select practice_id, ${toMessageId}, position, filename, content_type, content
    from message_attachments where practice_id = ${practiceId} and message_id = ${fromMessageId}`);
}

export async function findMessage(
  tx: Transaction,
  practiceId: string,
  messageId: string,
  options: { lockForUpdate?: boolean } = {},
): Promise<MessageRecord | undefined> {
  const query = tx
    .select(detailColumns)
    .from(messages)
    .where(and(eq(messages.practiceId, practiceId), eq(messages.id, messageId)));
  const [row] = options.lockForUpdate ? await query.for('update') : await query;
  return row;
}

export interface MessageFilter {
  appointmentId?: string | undefined;
  patientId?: string | undefined;
  status?: MessageStatus | undefined;
  channel?: MessageChannel | undefined;
}

/** Newest first, keyset-paged by insertion order. */
export async function listMessages(
  tx: Transaction,
  practiceId: string,
  filter: MessageFilter,
  beforeSeq: number | undefined,
  limit: number,
): Promise<MessageSummaryRecord[]> {
  return tx
    .select(summaryColumns)
    .from(messages)
    .where(
      and(
        eq(messages.practiceId, practiceId),
        filter.appointmentId === undefined ? undefined : eq(messages.appointmentId, filter.appointmentId),
        filter.patientId === undefined ? undefined : eq(messages.patientId, filter.patientId),
        filter.status === undefined ? undefined : eq(messages.status, filter.status),
        filter.channel === undefined ? undefined : eq(messages.channel, filter.channel),
        beforeSeq === undefined ? undefined : lt(messages.createdSeq, beforeSeq),
      ),
    )
    .orderBy(desc(messages.createdSeq))
    .limit(limit);
}

export async function listAttachmentInfo(tx: Transaction, practiceId: string, messageId: string): Promise<AttachmentInfoRecord[]> {
  return tx
    .select({
      position: messageAttachments.position,
      filename: messageAttachments.filename,
      contentType: messageAttachments.contentType,
      sizeBytes: sql<number>`octet_length(${messageAttachments.content})`.mapWith(Number),
    })
    .from(messageAttachments)
    .where(and(eq(messageAttachments.practiceId, practiceId), eq(messageAttachments.messageId, messageId)))
    .orderBy(messageAttachments.position);
}

export async function findAttachment(
  tx: Transaction,
  practiceId: string,
  messageId: string,
  position: number,
): Promise<AttachmentRecord | undefined> {
  const [row] = await tx
    .select({ filename: messageAttachments.filename, contentType: messageAttachments.contentType, content: messageAttachments.content })
    .from(messageAttachments)
    .where(
      and(
        eq(messageAttachments.practiceId, practiceId),
        eq(messageAttachments.messageId, messageId),
        eq(messageAttachments.position, position),
      ),
    );
  return row;
}

/** A resend of the message that has not finished delivering yet, if any. */
export async function findPendingResend(tx: Transaction, practiceId: string, messageId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.practiceId, practiceId), eq(messages.resendOfId, messageId), inArray(messages.status, ['queued', 'sending'])))
    .orderBy(desc(messages.createdSeq))
    .limit(1);
  return row?.id;
}

export interface CancelFilter {
  appointmentId: string;
  templateKeys?: readonly string[] | undefined;
}

/** Withdraws queued (not yet sending) messages; returns the ids it cancelled. */
export async function cancelQueuedMessages(tx: Transaction, practiceId: string, filter: CancelFilter, reason: string): Promise<string[]> {
  const rows = await tx
    .update(messages)
    .set({ status: 'cancelled', lastError: reason, nextAttemptAt: null })
    .where(
      and(
        eq(messages.practiceId, practiceId),
        eq(messages.appointmentId, filter.appointmentId),
        eq(messages.status, 'queued'),
        filter.templateKeys === undefined ? undefined : inArray(messages.templateKey, [...filter.templateKeys]),
      ),
    )
    .returning({ id: messages.id });
  return rows.map((row) => row.id);
}
