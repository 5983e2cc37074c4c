import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { messageTemplatesRoutes } from './message-templates-routes.ts';
import { messagesRoutes } from './messages-routes.ts';
import type { NotificationsService } from './notifications-service.ts';

/** Settings → Messages: the outbox and the practice's message templates. */
export const notificationsRoutes: FastifyPluginAsyncZod<{ notifications: NotificationsService }> = async (app, options) => {
  await app.register(messagesRoutes, options);
  await app.register(messageTemplatesRoutes, options);
};
