import { grantGuardianSchema, guardianGrantParamsSchema, guardianGrantSchema, idSchema, patientGuardiansSchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import type { ClientAccess } from '../../platform/auth/client-access.ts';
import { allStaffRoles, type StaffRole } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import type { GuardianGrantsService } from './guardian-grants-service.ts';

const patientParams = z.strictObject({ patientId: idSchema });
/** Who may grant and revoke: the front desk and managers, not providers. */
const grantingRoles: readonly StaffRole[] = ['owner', 'admin', 'front_desk'];

export const guardianGrantsRoutes: FastifyPluginAsyncZod<{ guardians: GuardianGrantsService; clientAccess: ClientAccess }> = async (
  app,
  { guardians, clientAccess },
) => {
  app.get(
    '/api/v1/patients/:patientId/guardians',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['patients'],
        summary:
          "Who may open this client's profile in the portal (revoked grants kept as history), and whose profiles this client may open",
        params: patientParams,
        response: { 200: patientGuardiansSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      await clientAccess.assertMayReadClient(actor, request.params.patientId);
      return guardians.listGuardians(actor, request.params.patientId, requestMetaOf(request));
    },
  );

  app.post(
    '/api/v1/patients/:patientId/guardians',
    {
      config: { access: { staff: grantingRoles } },
      schema: {
        tags: ['patients'],
        summary: "Let another client (the guardian) open this client's profile in the portal; 409 when they already may",
        params: patientParams,
        body: grantGuardianSchema,
        response: { 201: guardianGrantSchema },
      },
    },
    async (request, reply) => {
      const grant = await guardians.grantGuardian(
        requireStaff(request),
        request.params.patientId,
        request.body.guardianPatientId,
        requestMetaOf(request),
      );
      return reply.status(201).send(grant);
    },
  );

  app.delete(
    '/api/v1/patients/:patientId/guardians/:grantId',
    {
      config: { access: { staff: grantingRoles } },
      schema: {
        tags: ['patients'],
        summary: "Revoke a guardian's access: their next portal request no longer reaches this profile; 409 when already revoked",
        params: guardianGrantParamsSchema,
        response: { 200: guardianGrantSchema },
      },
    },
    async (request) =>
      guardians.revokeGuardian(requireStaff(request), request.params.patientId, request.params.grantId, requestMetaOf(request)),
  );
};
