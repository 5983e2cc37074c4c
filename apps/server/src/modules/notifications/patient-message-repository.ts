import { messageTemplateKeySchema, type MessageChannel, type MessageTemplateKey } from '@glowdesk/contracts';
import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { messages } from './notifications-tables.ts';

/** A message the practice sent a patient about their care (never a sign-in code nor an alert to the clinic). */
export interface SentPatientMessage {
  id: string;
  templateKey: MessageTemplateKey;
  channel: MessageChannel;
  subject: string | null;
  textBody: string;
  sentAt: Date;
  appointmentId: string | null;
}

/**
 * The practice's messages to a patient that a patient may read back: those written from the
 * practice's templates (confirmations, reschedules, cancellations, reminders, no-shows, fee
 * receipts, paperwork requests). Secret messages (sign-in codes) and the clinic's own alerts
 * have other keys or none, and never match.
 */
const readableKeys: readonly MessageTemplateKey[] = messageTemplateKeySchema.options;

const columns = {
  id: messages.id,
  templateKey: messages.templateKey,
  channel: messages.channel,
  subject: messages.subject,
  textBody: messages.textBody,
  sentAt: messages.sentAt,
  appointmentId: messages.appointmentId,
};

function readable(practiceId: string, patientId: string) {
  return and(
    eq(messages.practiceId, practiceId),
    eq(messages.patientId, patientId),
    eq(messages.status, 'sent'),
    isNotNull(messages.sentAt),
    inArray(messages.templateKey, [...readableKeys]),
  );
}

function toSent(row: {
  id: string;
  templateKey: string | null;
  channel: MessageChannel;
  subject: string | null;
  textBody: string;
  sentAt: Date | null;
  appointmentId: string | null;
}): SentPatientMessage {
  // The query keeps only readable keys and sent messages, so neither is null here.
  return { ...row, templateKey: row.templateKey as MessageTemplateKey, sentAt: row.sentAt ?? new Date(0) };
}

/** The patient's sent messages, newest first (served by messages_patient_idx), at most `limit`. */
export async function listSentPatientMessagesWithin(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  limit: number,
): Promise<SentPatientMessage[]> {
  const rows = await tx
    .select(columns)
    .from(messages)
    .where(readable(practiceId, patientId))
    .orderBy(desc(messages.createdSeq))
    .limit(limit);
  return rows.map(toSent);
}

/** One of the patient's sent messages by id, or undefined (another patient's, a code, an alert, unsent). */
export async function findSentPatientMessageWithin(
  tx: Transaction,
  practiceId: string,
  patientId: string,
  messageId: string,
): Promise<SentPatientMessage | undefined> {
  const [row] = await tx
    .select(columns)
    .from(messages)
    .where(and(readable(practiceId, patientId), eq(messages.id, messageId)));
  return row ? toSent(row) : undefined;
}
