import {
  isSecretMessageKey,
  messageAttachmentParamsSchema,
  messageDetailSchema,
  messageListQuerySchema,
  messagePageSchema,
  messageParamsSchema,
  SECRET_MESSAGE_PLACEHOLDER,
  type MessageDetail,
  type MessageSummary,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../platform/auth/access.ts';
import type { StaffRole } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import type { MessageSummaryRecord } from './message-repository.ts';
import type { MessageWithAttachments, NotificationsService } from './notifications-service.ts';

/** Message bodies are patient data: the desk and managers see them, providers do not. */
const messageReaders: readonly StaffRole[] = ['owner', 'admin', 'front_desk'];
const access = { staff: messageReaders };

function toSummary(message: MessageSummaryRecord): MessageSummary {
  return {
    id: message.id,
    channel: message.channel,
    to: message.toAddress,
    subject: message.subject,
    status: message.status,
    attempts: message.attempts,
    maxAttempts: message.maxAttempts,
    nextAttemptAt: message.nextAttemptAt?.toISOString() ?? null,
    lastAttemptAt: message.lastAttemptAt?.toISOString() ?? null,
    lastError: message.lastError,
    sentAt: message.sentAt?.toISOString() ?? null,
    patientId: message.patientId,
    appointmentId: message.appointmentId,
    templateKey: message.templateKey,
    resendOfId: message.resendOfId,
    createdAt: message.createdAt.toISOString(),
    createdBy: message.createdBy,
  };
}

function toDetail({ message, attachments }: MessageWithAttachments): MessageDetail {
  const secret = isSecretMessageKey(message.templateKey);
  return {
    ...toSummary(message),
    textBody: secret ? SECRET_MESSAGE_PLACEHOLDER : message.textBody,
    htmlBody: secret ? null : message.htmlBody,
    providerMessageId: message.providerMessageId,
    attachments: attachments.map((attachment) => ({
      index: attachment.position,
      filename: attachment.filename,
      contentType: attachment.contentType,
      sizeBytes: attachment.sizeBytes,
      url: `/api/v1/messages/${message.id}/attachments/${attachment.position}`,
    })),
  };
}

/** `attachment; filename="…"` with an ASCII fallback and the exact name in RFC 5987 form. */
function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const messagesRoutes: FastifyPluginAsyncZod<{ notifications: NotificationsService }> = async (app, { notifications }) => {
  app.get(
    '/api/v1/messages',
    {
      config: { access },
      schema: {
        tags: ['messages'],
        summary: 'Every email and SMS of the practice, newest first, with status, attempts and last error',
        querystring: messageListQuerySchema,
        response: { 200: messagePageSchema },
      },
    },
    async (request) => {
      const page = await notifications.listMessages(requireStaff(request), request.query, requestMetaOf(request));
      return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
    },
  );

  app.get(
    '/api/v1/messages/:messageId',
    {
      config: { access },
      schema: {
        tags: ['messages'],
        summary: 'One message: recipient, subject, bodies, attachments and delivery state',
        params: messageParamsSchema,
        response: { 200: messageDetailSchema },
      },
    },
    async (request) => toDetail(await notifications.getMessage(requireStaff(request), request.params.messageId, requestMetaOf(request))),
  );

  app.get(
    '/api/v1/messages/:messageId/attachments/:index',
    {
      config: { access },
      schema: {
        tags: ['messages'],
        summary: 'Download one attachment of a message (e.g. the calendar invite)',
        params: messageAttachmentParamsSchema,
      },
    },
    async (request, reply) => {
      const attachment = await notifications.getMessageAttachment(
        requireStaff(request),
        request.params.messageId,
        request.params.index,
        requestMetaOf(request),
      );
      return reply
        .type(attachment.contentType)
        .header('content-disposition', contentDisposition(attachment.filename))
        .send(attachment.content);
    },
  );

  app.post(
    '/api/v1/messages/:messageId/resend',
    {
      config: { access },
      schema: {
        tags: ['messages'],
        summary: 'Send a sent, failed or held message again as a new message (201); an unfinished resend is returned instead (200)',
        params: messageParamsSchema,
        response: { 200: messageDetailSchema, 201: messageDetailSchema },
      },
    },
    async (request, reply) => {
      const actor = requireStaff(request);
      const meta = requestMetaOf(request);
      const resend = await notifications.resendMessage(actor, request.params.messageId, meta);
      const detail = toDetail(await notifications.getMessage(actor, resend.messageId, meta));
      reply.header('location', `/api/v1/messages/${resend.messageId}`);
      return reply.status(resend.created ? 201 : 200).send(detail);
    },
  );
};
