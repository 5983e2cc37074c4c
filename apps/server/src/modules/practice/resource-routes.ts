import {
  createResourceRequestSchema,
  idSchema,
  resourceListQuerySchema,
  resourceListSchema,
  resourceSchema,
  updateResourceRequestSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles, managerRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import { ifMatchOf } from './if-match.ts';
import { toResourceDto } from './practice-dtos.ts';
import type { PracticeService } from './practice-service.ts';

const resourceParams = z.strictObject({ resourceId: idSchema });

export const resourceRoutes: FastifyPluginAsyncZod<{ practice: PracticeService }> = async (app, { practice }) => {
  const { resources } = practice;
  const read = { staff: allStaffRoles };
  const write = { staff: managerRoles };

  app.get(
    '/api/v1/resources',
    {
      config: { access: read },
      schema: {
        tags: ['resources'],
        summary: 'List rooms and equipment',
        querystring: resourceListQuerySchema,
        response: { 200: resourceListSchema },
      },
    },
    async (request) => ({ items: (await resources.list(requireStaff(request), request.query)).map(toResourceDto) }),
  );

  app.get(
    '/api/v1/resources/:resourceId',
    {
      config: { access: read },
      schema: { tags: ['resources'], summary: 'One room or piece of equipment', params: resourceParams, response: { 200: resourceSchema } },
    },
    async (request, reply) => {
      const resource = await resources.get(requireStaff(request), request.params.resourceId);
      reply.header('etag', `"${resource.version}"`);
      return toResourceDto(resource);
    },
  );

  app.post(
    '/api/v1/resources',
    {
      config: { access: write },
      schema: {
        tags: ['resources'],
        summary: 'Add a room or equipment to a clinic',
        body: createResourceRequestSchema,
        response: { 201: resourceSchema },
      },
    },
    async (request, reply) => {
      const resource = await resources.create(requireStaff(request), request.body, requestMetaOf(request));
      reply.header('etag', `"${resource.version}"`).header('location', `/api/v1/resources/${resource.id}`);
      return reply.status(201).send(toResourceDto(resource));
    },
  );

  app.patch(
    '/api/v1/resources/:resourceId',
    {
      config: { access: write },
      schema: {
        tags: ['resources'],
        summary: 'Change a resource or deactivate it (active: false); If-Match optional',
        params: resourceParams,
        body: updateResourceRequestSchema,
        response: { 200: resourceSchema },
      },
    },
    async (request, reply) => {
      const resource = await resources.update(
        requireStaff(request),
        request.params.resourceId,
        request.body,
        parseIfMatchVersion(ifMatchOf(request)),
        requestMetaOf(request),
      );
      reply.header('etag', `"${resource.version}"`);
      return toResourceDto(resource);
    },
  );

  app.delete(
    '/api/v1/resources/:resourceId',
    {
      config: { access: write },
      schema: {
        tags: ['resources'],
        summary: 'Delete a resource nothing refers to (409 otherwise: deactivate it)',
        params: resourceParams,
      },
    },
    async (request, reply) => {
      await resources.remove(requireStaff(request), request.params.resourceId, requestMetaOf(request));
      return reply.status(204).send();
    },
  );
};
