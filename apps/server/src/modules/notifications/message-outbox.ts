import {
  e164PhoneSchema,
  idSchema,
  messageTemplateKeySchema,
  secretMessageKeySchema,
  SMS_MAX_LENGTH,
  type MessageTemplateKey,
} from '@glowdesk/contracts';
import { z } from 'zod';
import type { Transaction } from '../../platform/database.ts';
import { ValidationError, type FieldProblem } from '../../platform/errors.ts';
import * as repository from './message-repository.ts';

export const DEFAULT_MAX_ATTEMPTS = 10;
export const MAX_ATTACHMENTS = 10;
export const MAX_ATTACHMENT_BYTES = 2 * 1024 * 1024;

export interface OutgoingAttachment {
  filename: string;
  contentType: string;
  /** Bytes, or text stored as UTF-8. */
  content: Buffer | string;
}

interface OutgoingMessageBase {
  /** The email address or E.164 phone number. */
  to: string;
  textBody: string;
  patientId?: string | null | undefined;
  appointmentId?: string | null | undefined;
  templateKey?: string | null | undefined;
  /**
   * Unique per practice for what this message is, e.g. `reminder:<appointmentId>:<startsAt>:48h`.
   * Queuing the same key again returns the first message instead of a second one.
   */
  dedupeKey?: string | null | undefined;
  /** Not before this instant (a reminder); absent means as soon as possible. */
  sendAfter?: Date | null | undefined;
  maxAttempts?: number | undefined;
  /** The staff member whose action queues it; absent for the system. */
  createdBy?: string | null | undefined;
}

export interface OutgoingEmail extends OutgoingMessageBase {
  channel: 'email';
  subject: string;
  htmlBody?: string | null | undefined;
  attachments?: readonly OutgoingAttachment[] | undefined;
}

export interface OutgoingSms extends OutgoingMessageBase {
  channel: 'sms';
  /** Refused: SMS carries no attachments. Present in the type so a generic caller is checked at run time. */
  attachments?: readonly OutgoingAttachment[] | undefined;
}

export type OutgoingMessage = OutgoingEmail | OutgoingSms;

export interface EnqueuedMessage {
  messageId: string;
  /** True when the dedupe key was already queued: nothing new was written. */
  duplicate: boolean;
}

const nonBlank = (label: string, max: number) =>
  z
    .string({ message: `Enter the ${label}.` })
    .max(max, { message: `The ${label} is at most ${max} characters.` })
    .refine((text) => text.trim().length > 0, { message: `The ${label} cannot be empty.` });

const attachmentSchema = z.object({
  filename: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\\r\n"]+$/, { message: 'A file name without slashes, quotes or line breaks.' }),
  contentType: z
    .string()
    .regex(/^[a-z]+\/[a-z0-9.+-]+(\s*;\s*[a-z0-9-]+=("[^"\r\n]*"|[^;\s"]+))*$/i, { message: 'Must be a MIME type, e.g. text/calendar.' })
    .max(200),
  content: z
    .union([z.instanceof(Buffer), z.string()])
    .transform((content) => (typeof content === 'string' ? Buffer.from(content, 'utf8') : content)),
});

const commonFields = {
  textBody: nonBlank('message text', 100_000),
  patientId: idSchema.nullish(),
  appointmentId: idSchema.nullish(),
  templateKey: z.union([messageTemplateKeySchema, secretMessageKeySchema]).nullish(),
  dedupeKey: z.string().min(1).max(300).nullish(),
  sendAfter: z.date().nullish(),
  maxAttempts: z.number().int().min(1).max(50).optional(),
  createdBy: idSchema.nullish(),
};

const emailSchema = z.object({
  ...commonFields,
  channel: z.literal('email'),
  to: z.email({ message: 'Must be a valid email address.' }).max(254),
  subject: nonBlank('subject', 300).refine((subject) => !/[\r\n]/.test(subject), { message: 'The subject must be one line.' }),
  htmlBody: z.string().min(1).max(500_000).nullish(),
  attachments: z
    .array(attachmentSchema)
    .max(MAX_ATTACHMENTS, { message: `At most ${MAX_ATTACHMENTS} attachments.` })
    .optional()
    .refine((attachments) => (attachments ?? []).every((attachment) => attachment.content.length <= MAX_ATTACHMENT_BYTES), {
      message: `Each attachment is at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MiB.`,
    }),
});

const smsSchema = z.object({
  ...commonFields,
  channel: z.literal('sms'),
  to: e164PhoneSchema,
  textBody: nonBlank('message text', SMS_MAX_LENGTH),
  attachments: z.array(z.unknown()).max(0, { message: 'A text message cannot carry attachments; send them by email.' }).optional(),
});

const outgoingMessageSchema = z.discriminatedUnion('channel', [emailSchema, smsSchema], {
  error: () => ({ message: 'The channel must be email or sms.' }),
});

function fieldOf(path: readonly PropertyKey[]): string {
  return (
    path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? String(part) : `.${String(part)}`)).join('') ||
    'message'
  );
}

function smsLengthMessage(length: number): string {
  return `A text message is at most ${SMS_MAX_LENGTH} characters (this one has ${length}); shorten it or send it by email.`;
}

/** Checks a message before it is queued; throws a ValidationError naming each field at fault. */
export function validateOutgoingMessage(message: OutgoingMessage) {
  const parsed = outgoingMessageSchema.safeParse(message);
  if (parsed.success) return parsed.data;
  const problems: FieldProblem[] = parsed.error.issues.map((issue) => {
    const field = fieldOf(issue.path);
    const tooLongSms = message.channel === 'sms' && field === 'textBody' && issue.code === 'too_big';
    return {
      field,
      message: tooLongSms ? smsLengthMessage(message.textBody.length) : issue.message,
      code: tooLongSms ? 'sms_too_long' : field.startsWith('attachments') && message.channel === 'sms' ? 'sms_attachment' : issue.code,
    };
  });
  const first = problems[0];
  throw new ValidationError(first ? `${first.field}: ${first.message}` : 'The message is not valid.', {
    field: first?.field ?? 'message',
    code: first?.code === 'sms_too_long' || first?.code === 'sms_attachment' ? first.code : 'invalid_message',
    problems,
  });
}

/**
 * Writes a message to the outbox in the caller's transaction (the transactional outbox):
 * it is delivered only if that transaction commits, and the delivery worker picks it up
 * from there. With a `dedupeKey` already used in the practice, returns that message's id
 * and writes nothing. Throws a ValidationError (400, nothing queued) for an invalid
 * address, an empty body, an SMS over 1600 characters, or attachments on an SMS.
 */
export async function enqueueMessage(tx: Transaction, practiceId: string, message: OutgoingMessage): Promise<EnqueuedMessage> {
  const valid = validateOutgoingMessage(message);
  const dedupeKey = valid.dedupeKey ?? null;
  const messageId = await repository.insertMessageUnlessDuplicate(tx, practiceId, {
    channel: valid.channel,
    toAddress: valid.to,
    subject: valid.channel === 'email' ? valid.subject : null,
    textBody: valid.textBody,
    htmlBody: valid.channel === 'email' ? (valid.htmlBody ?? null) : null,
    maxAttempts: valid.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    nextAttemptAt: valid.sendAfter ?? null,
    patientId: valid.patientId ?? null,
    appointmentId: valid.appointmentId ?? null,
    templateKey: valid.templateKey ?? null,
    dedupeKey,
    resendOfId: null,
    createdBy: valid.createdBy ?? null,
  });
  if (messageId === undefined) {
    const existing = dedupeKey === null ? undefined : await repository.findMessageIdByDedupeKey(tx, practiceId, dedupeKey);
    if (existing === undefined) throw new Error('message insert returned no row and no duplicate was found');
    return { messageId: existing, duplicate: true };
  }
  if (valid.channel === 'email' && valid.attachments) await repository.insertAttachments(tx, practiceId, messageId, valid.attachments);
  return { messageId, duplicate: false };
}

/**
 * Queues many messages without attachments in one statement, in the caller's transaction (a
 * batch's notices); a message whose dedupe key was queued before is skipped, as `enqueueMessage`
 * skips it.
 */
export async function enqueueMessages(tx: Transaction, practiceId: string, outgoing: readonly OutgoingMessage[]): Promise<void> {
  const rows = outgoing.map((message) => {
    const valid = validateOutgoingMessage(message);
    if (valid.channel === 'email' && valid.attachments) throw new Error('enqueueMessages does not take attachments');
    return {
      channel: valid.channel,
      toAddress: valid.to,
      subject: valid.channel === 'email' ? valid.subject : null,
      textBody: valid.textBody,
      htmlBody: valid.channel === 'email' ? (valid.htmlBody ?? null) : null,
      maxAttempts: valid.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      nextAttemptAt: valid.sendAfter ?? null,
      patientId: valid.patientId ?? null,
      appointmentId: valid.appointmentId ?? null,
      templateKey: valid.templateKey ?? null,
      dedupeKey: valid.dedupeKey ?? null,
      resendOfId: null,
      createdBy: valid.createdBy ?? null,
    };
  });
  for (let start = 0; start < rows.length; start += 500) {
    await repository.insertMessagesUnlessDuplicate(tx, practiceId, rows.slice(start, start + 500));
  }
}

/**
 * Withdraws an appointment's messages that are still waiting (its reminders, when it is
 * cancelled or moved), in the caller's transaction. A message already being sent or sent
 * is left alone. Returns the ids it cancelled.
 */
export async function cancelQueuedMessages(
  tx: Transaction,
  practiceId: string,
  filter: { appointmentId: string; templateKeys?: readonly MessageTemplateKey[] | undefined },
  reason = 'Cancelled before delivery.',
): Promise<string[]> {
  return repository.cancelQueuedMessages(tx, practiceId, filter, reason);
}
