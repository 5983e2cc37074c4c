import {
  clinicListQuerySchema,
  clinicListSchema,
  clinicSchema,
  createClinicRequestSchema,
  idSchema,
  updateClinicRequestSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles, managerRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import type { PracticeService } from './practice-service.ts';
import { toClinicDto } from './practice-dtos.ts';
import { ifMatchOf } from './if-match.ts';

const clinicParams = z.strictObject({ clinicId: idSchema });

export const clinicRoutes: FastifyPluginAsyncZod<{ practice: PracticeService }> = async (app, { practice }) => {
  const { clinics } = practice;
  const read = { staff: allStaffRoles };
  const write = { staff: managerRoles };

  app.get(
    '/api/v1/clinics',
    {
      config: { access: read },
      schema: { tags: ['clinics'], summary: 'List clinics', querystring: clinicListQuerySchema, response: { 200: clinicListSchema } },
    },
    async (request) => ({ items: (await clinics.list(requireStaff(request), request.query)).map(toClinicDto) }),
  );

  app.get(
    '/api/v1/clinics/:clinicId',
    {
      config: { access: read },
      schema: { tags: ['clinics'], summary: 'One clinic', params: clinicParams, response: { 200: clinicSchema } },
    },
    async (request, reply) => {
      const clinic = await clinics.get(requireStaff(request), request.params.clinicId);
      reply.header('etag', `"${clinic.version}"`);
      return toClinicDto(clinic);
    },
  );

  app.post(
    '/api/v1/clinics',
    {
      config: { access: write },
      schema: { tags: ['clinics'], summary: 'Create a clinic', body: createClinicRequestSchema, response: { 201: clinicSchema } },
    },
    async (request, reply) => {
      const clinic = await clinics.create(requireStaff(request), request.body, requestMetaOf(request));
      reply.header('etag', `"${clinic.version}"`).header('location', `/api/v1/clinics/${clinic.id}`);
      return reply.status(201).send(toClinicDto(clinic));
    },
  );

  app.patch(
    '/api/v1/clinics/:clinicId',
    {
      config: { access: write },
      schema: {
        tags: ['clinics'],
        summary: 'Change a clinic or deactivate it (active: false); If-Match optional',
        params: clinicParams,
        body: updateClinicRequestSchema,
        response: { 200: clinicSchema },
      },
    },
    async (request, reply) => {
      const clinic = await clinics.update(
        requireStaff(request),
        request.params.clinicId,
        request.body,
        parseIfMatchVersion(ifMatchOf(request)),
        requestMetaOf(request),
      );
      reply.header('etag', `"${clinic.version}"`);
      return toClinicDto(clinic);
    },
  );

  app.delete(
    '/api/v1/clinics/:clinicId',
    {
      config: { access: write },
      schema: { tags: ['clinics'], summary: 'Delete a clinic nothing refers to (409 otherwise: deactivate it)', params: clinicParams },
    },
    async (request, reply) => {
      await clinics.remove(requireStaff(request), request.params.clinicId, requestMetaOf(request));
      return reply.status(204).send();
    },
  );
};
