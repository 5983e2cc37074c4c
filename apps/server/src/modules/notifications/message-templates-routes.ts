import {
  messageTemplateListSchema,
  messageTemplateParamsSchema,
  messageTemplateSchema,
  updateMessageTemplateRequestSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { managerRoles, type StaffRole } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import type { NotificationsService } from './notifications-service.ts';

const templateReaders: readonly StaffRole[] = ['owner', 'admin', 'front_desk'];

export const messageTemplatesRoutes: FastifyPluginAsyncZod<{ notifications: NotificationsService }> = async (app, { notifications }) => {
  app.get(
    '/api/v1/message-templates',
    {
      config: { access: { staff: templateReaders } },
      schema: {
        tags: ['messages'],
        summary: "The practice's message templates (its own wording, or the default) with the placeholders each accepts",
        response: { 200: messageTemplateListSchema },
      },
    },
    async (request) => ({ items: await notifications.listTemplates(requireStaff(request)) }),
  );

  app.put(
    '/api/v1/message-templates/:key',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['messages'],
        summary: 'Replace the wording of one template; unknown placeholders are refused (If-Match optional)',
        params: messageTemplateParamsSchema,
        body: updateMessageTemplateRequestSchema,
        response: { 200: messageTemplateSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const template = await notifications.updateTemplate(
        requireStaff(request),
        request.params.key,
        request.body,
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
        requestMetaOf(request),
      );
      reply.header('etag', `"${template.version}"`);
      return template;
    },
  );

  app.delete(
    '/api/v1/message-templates/:key',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['messages'],
        summary: 'Go back to the default wording for one template',
        params: messageTemplateParamsSchema,
        response: { 200: messageTemplateSchema },
      },
    },
    async (request) => notifications.resetTemplate(requireStaff(request), request.params.key, requestMetaOf(request)),
  );
};
