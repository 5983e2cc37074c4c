import { auditPageSchema, auditQuerySchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../auth/access.ts';
import { managerRoles } from '../auth/roles.ts';
import type { Database } from '../database.ts';
import { ValidationError } from '../errors.ts';
import { inPractice } from '../tenancy.ts';
import { listAuditEvents } from './audit-repository.ts';

export const auditRoutes: FastifyPluginAsyncZod<{ database: Database }> = async (app, { database }) => {
  app.get(
    '/api/v1/audit-events',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['audit'],
        summary: 'Browse the audit trail, newest first',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      const query = request.query;
      const from = query.from ? new Date(query.from) : undefined;
      const to = query.to ? new Date(query.to) : undefined;
      if (from && to && to <= from) throw new ValidationError('"to" must be after "from".', { field: 'to' });
      const events = await inPractice(database, actor.practiceId, (tx) =>
        listAuditEvents(tx, {
          practiceId: actor.practiceId,
          actorId: query.actorId,
          action: query.action,
          objectType: query.objectType,
          objectId: query.objectId,
          outcome: query.outcome,
          from,
          to,
          beforeId: query.cursor === undefined ? undefined : Number(query.cursor),
          limit: query.limit + 1,
        }),
      );
      const page = events.slice(0, query.limit);
      const last = page.at(-1);
      return {
        items: page.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })),
        nextCursor: events.length > query.limit && last ? String(last.id) : null,
      };
    },
  );
};
