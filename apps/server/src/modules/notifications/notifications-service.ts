import {
  isSecretMessageKey,
  messageTemplateKeySchema,
  messageTemplateLabels,
  messageTemplatePlaceholders,
  type MessageListQuery,
  type MessageTemplate,
  type MessageTemplateKey,
  type UpdateMessageTemplateRequest,
} from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { defaultMessageTemplates } from './default-message-templates.ts';
import { DEFAULT_MAX_ATTEMPTS } from './message-outbox.ts';
import * as repository from './message-repository.ts';
import type { AttachmentInfoRecord, AttachmentRecord, MessageRecord, MessageSummaryRecord } from './message-repository.ts';
import { templateProblems } from './practice-message-templates.ts';
import * as templates from './template-repository.ts';
import type { StoredTemplateRecord } from './template-repository.ts';

export interface MessagePageResult {
  items: MessageSummaryRecord[];
  nextCursor: string | null;
}

export interface MessageWithAttachments {
  message: MessageRecord;
  attachments: AttachmentInfoRecord[];
}

function staffAudit(actor: StaffActor, meta: RequestMeta) {
  return {
    practiceId: actor.practiceId,
    actorType: 'staff' as const,
    actorId: actor.staffId,
    actorLabel: actor.email,
    ip: meta.ip,
    requestId: meta.requestId,
  };
}

function encodeCursor(message: MessageSummaryRecord): string {
  return Buffer.from(`m${message.createdSeq}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^m(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match?.[1]) {
    throw new ValidationError('Must be a cursor returned by a previous page.', { field: 'cursor', code: 'invalid_cursor' });
  }
  return Number(match[1]);
}

function toTemplate(key: MessageTemplateKey, stored: StoredTemplateRecord | undefined): MessageTemplate {
  const text = stored ?? defaultMessageTemplates[key];
  return {
    key,
    label: messageTemplateLabels[key],
    emailSubject: text.emailSubject,
    emailBody: text.emailBody,
    smsBody: text.smsBody,
    isDefault: stored === undefined,
    placeholders: [...messageTemplatePlaceholders[key]],
    updatedAt: stored?.updatedAt.toISOString() ?? null,
    version: stored?.version ?? 0,
  };
}

/** Messages (Settings → Messages) and the practice's message templates. */
export function createNotificationsService(deps: { database: Database; clock: Clock }) {
  const { database, clock } = deps;

  return {
    async listMessages(actor: StaffActor, query: MessageListQuery, meta: RequestMeta): Promise<MessagePageResult> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const beforeSeq = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
        const filter = { appointmentId: query.appointmentId, patientId: query.patientId, status: query.status, channel: query.channel };
        const rows = await repository.listMessages(tx, actor.practiceId, filter, beforeSeq, query.limit + 1);
        const items = rows.slice(0, query.limit);
        const last = items.at(-1);
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'message.list',
          objectType: 'message',
          details: { filter, resultCount: items.length, messageIds: items.map((message) => message.id) },
        });
        return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null };
      });
    },

    async getMessage(actor: StaffActor, messageId: string, meta: RequestMeta): Promise<MessageWithAttachments> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const message = await repository.findMessage(tx, actor.practiceId, messageId);
        if (!message) throw new NotFoundError('Message', 'messageId');
        const attachments = await repository.listAttachmentInfo(tx, actor.practiceId, messageId);
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'message.read',
          objectType: 'message',
          objectId: messageId,
          details: { patientId: message.patientId, appointmentId: message.appointmentId },
        });
        return { message, attachments };
      });
    },

    async getMessageAttachment(actor: StaffActor, messageId: string, index: number, meta: RequestMeta): Promise<AttachmentRecord> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const message = await repository.findMessage(tx, actor.practiceId, messageId);
        if (!message) throw new NotFoundError('Message', 'messageId');
        const attachment = await repository.findAttachment(tx, actor.practiceId, messageId, index);
        if (!attachment) throw new NotFoundError('Attachment', 'index');
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'message.attachment_read',
          objectType: 'message',
          objectId: messageId,
          details: { index, filename: attachment.filename, patientId: message.patientId },
        });
        return attachment;
      });
    },

    /**
     * Sends a finished message again as a new message (same content, its own attempts and
     * history; the original keeps what happened to it). While an earlier resend of it is
     * still waiting, that one is returned instead, so a double click sends once.
     */
    async resendMessage(actor: StaffActor, messageId: string, meta: RequestMeta): Promise<{ messageId: string; created: boolean }> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const original = await repository.findMessage(tx, actor.practiceId, messageId, { lockForUpdate: true });
        if (!original) throw new NotFoundError('Message', 'messageId');
        if (isSecretMessageKey(original.templateKey)) {
          throw new ConflictError('A sign-in code cannot be sent again; the patient asks for a new one.', 'message_not_resendable', {
            field: 'messageId',
          });
        }
        switch (original.status) {
          case 'queued':
          case 'sending':
            throw new ConflictError('This message is still waiting to be delivered; it cannot be resent yet.', 'message_not_finished', {
              field: 'messageId',
            });
          case 'cancelled':
            throw new ConflictError(
              'This message was cancelled before delivery (e.g. its appointment was cancelled).',
              'message_cancelled',
              {
                field: 'messageId',
              },
            );
          case 'sent':
          case 'failed':
          case 'held':
            break;
          default: {
            const unknown: never = original.status;
            throw new Error(`unknown message status ${String(unknown)}`);
          }
        }
        const pending = await repository.findPendingResend(tx, actor.practiceId, messageId);
        if (pending !== undefined) return { messageId: pending, created: false };
        const resendId = await repository.insertMessageUnlessDuplicate(tx, actor.practiceId, {
          channel: original.channel,
          toAddress: original.toAddress,
          subject: original.subject,
          textBody: original.textBody,
          htmlBody: original.htmlBody,
          maxAttempts: DEFAULT_MAX_ATTEMPTS,
          nextAttemptAt: null,
          patientId: original.patientId,
          appointmentId: original.appointmentId,
          templateKey: original.templateKey,
          dedupeKey: null,
          resendOfId: original.id,
          createdBy: actor.staffId,
        });
        if (resendId === undefined) throw new Error('insert of a resend returned no row');
        await repository.copyAttachments(tx, actor.practiceId, original.id, resendId);
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'message.resend',
          objectType: 'message',
          objectId: resendId,
          details: { resendOfId: original.id, previousStatus: original.status, patientId: original.patientId },
        });
        return { messageId: resendId, created: true };
      });
    },

    async listTemplates(actor: StaffActor): Promise<MessageTemplate[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const stored = new Map((await templates.listStoredTemplates(tx, actor.practiceId)).map((row) => [row.key, row]));
        return messageTemplateKeySchema.options.map((key) => toTemplate(key, stored.get(key)));
      });
    },

    async updateTemplate(
      actor: StaffActor,
      key: MessageTemplateKey,
      text: UpdateMessageTemplateRequest,
      expectedVersion: number | undefined,
      meta: RequestMeta,
    ): Promise<MessageTemplate> {
      const problems = templateProblems(key, text);
      const first = problems[0];
      if (first)
        throw new ValidationError(`${first.field}: ${first.message}`, {
          field: first.field,
          code: first.code ?? 'invalid_template',
          problems,
        });
      return inPractice(database, actor.practiceId, async (tx) => {
        const before = await templates.findStoredTemplate(tx, actor.practiceId, key);
        if (expectedVersion !== undefined && expectedVersion !== (before?.version ?? 0)) throw new PreconditionFailedError();
        const saved = await templates.upsertTemplate(tx, actor.practiceId, key, text, actor.staffId, clock.now());
        await recordAudit(tx, {
          ...staffAudit(actor, meta),
          action: 'message_template.update',
          objectType: 'message_template',
          objectId: key,
          details: { version: saved.version },
        });
        return toTemplate(key, saved);
      });
    },

    async resetTemplate(actor: StaffActor, key: MessageTemplateKey, meta: RequestMeta): Promise<MessageTemplate> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const removed = await templates.deleteTemplate(tx, actor.practiceId, key);
        if (removed) {
          await recordAudit(tx, {
            ...staffAudit(actor, meta),
            action: 'message_template.reset',
            objectType: 'message_template',
            objectId: key,
          });
        }
        return toTemplate(key, undefined);
      });
    },
  };
}

export type NotificationsService = ReturnType<typeof createNotificationsService>;
