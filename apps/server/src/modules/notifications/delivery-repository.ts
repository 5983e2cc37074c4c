/**
 * The delivery worker's SQL. It runs across practices (asPlatform): the worker serves
 * every practice's outbox, and every statement names the rows it touches by
 * (practice_id, id) and, once claimed, by the claim token.
 */
import type { MessageChannel } from '@glowdesk/contracts';
import { and, asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { messageAttachments, messages } from './notifications-tables.ts';

export interface ClaimedAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ClaimedMessage {
  practiceId: string;
  id: string;
  channel: MessageChannel;
  toAddress: string;
  subject: string | null;
  textBody: string;
  htmlBody: string | null;
  attempts: number;
  maxAttempts: number;
  attachments: ClaimedAttachment[];
}

const interruptedMessage = 'The delivery attempt was interrupted (the server stopped while sending).';

/** Limits the worker to some practices (undefined: all of them). */
export type PracticeScope = readonly string[] | undefined;

function inScope(scope: PracticeScope) {
  return scope === undefined ? undefined : inArray(messages.practiceId, [...scope]);
}

function isDue(now: Date, scope: PracticeScope) {
  return and(eq(messages.status, 'queued'), or(isNull(messages.nextAttemptAt), lte(messages.nextAttemptAt, now)), inScope(scope));
}

/**
 * Returns messages whose sender died mid-send (lease expired) to the queue, or fails them
 * when they had no attempts left. Returns how many it released.
 */
export async function releaseExpiredLeases(tx: Transaction, now: Date, scope: PracticeScope): Promise<number> {
  const rows = await tx
    .update(messages)
    .set({
      status: sql`case when ${messages.attempts} >= ${messages.maxAttempts} then 'failed' else 'queued' end`,
      nextAttemptAt: null,
      lockedUntil: null,
      claimToken: null,
      lastError: sql`case when ${messages.attempts} >= ${messages.maxAttempts}
        then ${`${interruptedMessage} It may or may not have been delivered; no attempts are left.`}
        else ${`${interruptedMessage} It is tried again.`} end`,
    })
    .where(and(eq(messages.status, 'sending'), lte(messages.lockedUntil, now), inScope(scope)))
    .returning({ id: messages.id });
  return rows.length;
}

/** Marks due messages of channels without a provider as held, with the reason. */
export async function holdDueMessages(
  tx: Transaction,
  options: { channels: readonly MessageChannel[]; now: Date; scope: PracticeScope; reasonOf: (channel: MessageChannel) => string },
): Promise<number> {
  let held = 0;
  for (const channel of options.channels) {
    const rows = await tx
      .update(messages)
      .set({ status: 'held', lastError: options.reasonOf(channel), nextAttemptAt: null })
      .where(and(isDue(options.now, options.scope), eq(messages.channel, channel)))
      .returning({ id: messages.id });
    held += rows.length;
  }
  return held;
}

/**
 * Claims up to `limit` due messages of the given channels, oldest first, skipping rows
 * another worker holds, and counts the attempt. The lease lets another worker take them
 * over if this one dies before recording the outcome.
 */
export async function claimDueMessages(
  tx: Transaction,
  options: { channels: readonly MessageChannel[]; now: Date; scope: PracticeScope; leaseUntil: Date; claimToken: string; limit: number },
): Promise<ClaimedMessage[]> {
  const due = tx
    .select({ practiceId: messages.practiceId, id: messages.id })
    .from(messages)
    .where(and(isDue(options.now, options.scope), inArray(messages.channel, [...options.channels])))
    .orderBy(sql`${messages.nextAttemptAt} asc nulls first`, asc(messages.createdSeq))
    .limit(options.limit)
    .for('update', { skipLocked: true });
  const claimed = await tx
    .update(messages)
    .set({
      status: 'sending',
      attempts: sql`${messages.attempts} + 1`,
      lastAttemptAt: options.now,
      lockedUntil: options.leaseUntil,
      claimToken: options.claimToken,
    })
    .where(sql`(${messages.practiceId}, ${messages.id}) in (${due})`)
    .returning({
      practiceId: messages.practiceId,
      id: messages.id,
      channel: messages.channel,
      toAddress: messages.toAddress,
      subject: messages.subject,
      textBody: messages.textBody,
      htmlBody: messages.htmlBody,
      attempts: messages.attempts,
      maxAttempts: messages.maxAttempts,
      createdSeq: messages.createdSeq,
    });
  claimed.sort((left, right) => left.createdSeq - right.createdSeq);
  const emailIds = claimed.filter((message) => message.channel === 'email').map((message) => message.id);
  const attachments =
    emailIds.length === 0
      ? []
      : await tx
          .select({
            practiceId: messageAttachments.practiceId,
            messageId: messageAttachments.messageId,
            filename: messageAttachments.filename,
            contentType: messageAttachments.contentType,
            content: messageAttachments.content,
          })
          .from(messageAttachments)
          .where(inArray(messageAttachments.messageId, emailIds))
          .orderBy(asc(messageAttachments.messageId), asc(messageAttachments.position));
  return claimed.map(({ createdSeq: _createdSeq, ...message }) => ({
    ...message,
    attachments: attachments
      .filter((attachment) => attachment.messageId === message.id && attachment.practiceId === message.practiceId)
      .map(({ filename, contentType, content }) => ({ filename, contentType, content })),
  }));
}

export interface SentOutcome {
  practiceId: string;
  id: string;
  providerMessageId: string | null;
}

/** Records successful sends; returns how many rows still held this worker's claim. */
export async function markSent(tx: Transaction, claimToken: string, sentAt: Date, outcomes: SentOutcome[]): Promise<number> {
  if (outcomes.length === 0) return 0;
  const values = sql.join(
    outcomes.map((outcome) => sql`(${outcome.practiceId}::uuid, ${outcome.id}::uuid, ${outcome.providerMessageId}::text)`),
    sql`, `,
  );
  const rows = await tx.execute<{ id: string }>(sql`
    update messages as m
    set status = 'sent', sent_at = ${sentAt}, provider_message_id = v.provider_message_id,
        last_error = null, locked_until = null, claim_token = null, next_attempt_at = null
    from (values ${values}) as v (practice_id, id, provider_message_id)
    where m.practice_id = v.practice_id and m.id = v.id and m.claim_token = ${claimToken}::uuid
    returning m.id`);
  return rows.rows.length;
}

/** Puts a message back in the queue for a later attempt. */
export async function scheduleRetry(
  tx: Transaction,
  claimToken: string,
  message: { practiceId: string; id: string },
  nextAttemptAt: Date,
  error: string,
): Promise<boolean> {
  const rows = await tx
    .update(messages)
    .set({ status: 'queued', nextAttemptAt, lastError: error, lockedUntil: null, claimToken: null })
    .where(and(eq(messages.practiceId, message.practiceId), eq(messages.id, message.id), eq(messages.claimToken, claimToken)))
    .returning({ id: messages.id });
  return rows.length > 0;
}

export async function markFailed(
  tx: Transaction,
  claimToken: string,
  message: { practiceId: string; id: string },
  error: string,
): Promise<boolean> {
  const rows = await tx
    .update(messages)
    .set({ status: 'failed', nextAttemptAt: null, lastError: error, lockedUntil: null, claimToken: null })
    .where(and(eq(messages.practiceId, message.practiceId), eq(messages.id, message.id), eq(messages.claimToken, claimToken)))
    .returning({ id: messages.id });
  return rows.length > 0;
}
