import { notificationSettingsSchema, updateNotificationSettingsRequestSchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { managerRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import type { NotificationSettingsService } from './notification-settings-service.ts';

export const notificationSettingsRoutes: FastifyPluginAsyncZod<{ notificationSettings: NotificationSettingsService }> = async (
  app,
  { notificationSettings },
) => {
  app.get(
    '/api/v1/notification-settings',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['messages'],
        summary: 'Appointment reminders: on or off, and how long before the start (default 48 h and 2 h)',
        response: { 200: notificationSettingsSchema },
      },
    },
    async (request, reply) => {
      const settings = await notificationSettings.getSettings(requireStaff(request));
      reply.header('etag', `"${settings.version}"`);
      return settings;
    },
  );

  app.put(
    '/api/v1/notification-settings',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['messages'],
        summary: 'Replace the reminder settings (If-Match optional); applies to reminders not yet queued',
        body: updateNotificationSettingsRequestSchema,
        response: { 200: notificationSettingsSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const settings = await notificationSettings.updateSettings(
        requireStaff(request),
        request.body,
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
        requestMetaOf(request),
      );
      reply.header('etag', `"${settings.version}"`);
      return settings;
    },
  );
};
