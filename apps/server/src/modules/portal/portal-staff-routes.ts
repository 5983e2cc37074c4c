import { idSchema, patientPortalAccessSchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import type { ClientAccess } from '../../platform/auth/client-access.ts';
import { allStaffRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import type { PortalService } from './portal-service.ts';

/** What staff see of a client's portal use, on the client profile. */
export const portalStaffRoutes: FastifyPluginAsyncZod<{ portal: PortalService; clientAccess: ClientAccess }> = async (
  app,
  { portal, clientAccess },
) => {
  app.get(
    '/api/v1/patients/:patientId/portal-access',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['portal'],
        summary:
          "A client's portal access: signed in or not, first and last sign-in, sessions open now, the contacts a code goes to, the portal's address",
        params: z.strictObject({ patientId: idSchema }),
        response: { 200: patientPortalAccessSchema },
      },
    },
    async (request) => {
      const actor = requireStaff(request);
      await clientAccess.assertMayReadClient(actor, request.params.patientId);
      return portal.readPatientPortalAccess(actor, request.params.patientId, requestMetaOf(request));
    },
  );
};
