import { createStaffRequestSchema, idSchema, staffListSchema, staffMemberSchema, updateStaffRequestSchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { managerRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { IdentityService } from './identity-service.ts';
import type { StaffRecord } from './staff-repository.ts';

function toStaffMember(member: StaffRecord) {
  return {
    id: member.id,
    email: member.email,
    displayName: member.displayName,
    role: member.role,
    active: member.active,
    medicalDirector: member.medicalDirector,
    createdAt: member.createdAt.toISOString(),
    updatedAt: member.updatedAt.toISOString(),
    version: member.version,
  };
}

/** Parses an `If-Match: "7"` header into the version it names. */
export function parseIfMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header === '*') return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!match)
    throw new ValidationError('If-Match must be the version ETag returned with the record, e.g. "3".', {
      field: 'If-Match',
      code: 'invalid_if_match',
    });
  return Number(match[1]);
}

const staffParams = z.strictObject({ staffId: idSchema });

export const staffRoutes: FastifyPluginAsyncZod<{ identity: IdentityService }> = async (app, { identity }) => {
  const access = { staff: managerRoles };

  app.get(
    '/api/v1/staff',
    { config: { access }, schema: { tags: ['staff'], summary: 'List staff accounts', response: { 200: staffListSchema } } },
    async (request) => ({ items: (await identity.listStaff(requireStaff(request))).map(toStaffMember) }),
  );

  app.get(
    '/api/v1/staff/:staffId',
    {
      config: { access },
      schema: { tags: ['staff'], summary: 'One staff account', params: staffParams, response: { 200: staffMemberSchema } },
    },
    async (request, reply) => {
      const member = await identity.findStaff(requireStaff(request), request.params.staffId);
      reply.header('etag', `"${member.version}"`);
      return toStaffMember(member);
    },
  );

  app.post(
    '/api/v1/staff',
    {
      config: { access },
      schema: {
        tags: ['staff'],
        summary: 'Create a staff account with a first password',
        body: createStaffRequestSchema,
        response: { 201: staffMemberSchema },
      },
    },
    async (request, reply) => {
      const member = await identity.createStaff(requireStaff(request), request.body, requestMetaOf(request));
      reply.header('etag', `"${member.version}"`).header('location', `/api/v1/staff/${member.id}`);
      return reply.status(201).send(toStaffMember(member));
    },
  );

  app.patch(
    '/api/v1/staff/:staffId',
    {
      config: { access },
      schema: {
        tags: ['staff'],
        summary: 'Change name, role or active flag (If-Match optional)',
        params: staffParams,
        body: updateStaffRequestSchema,
        response: { 200: staffMemberSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const member = await identity.updateStaff(
        requireStaff(request),
        request.params.staffId,
        request.body,
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
        requestMetaOf(request),
      );
      reply.header('etag', `"${member.version}"`);
      return toStaffMember(member);
    },
  );
};
