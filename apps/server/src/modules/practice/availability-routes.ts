import { availabilityQuerySchema, availabilitySchema, availableProvidersQuerySchema, availableProvidersSchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles } from '../../platform/auth/roles.ts';
import type { ServiceSelection } from './service-sequence.ts';
import type { PracticeService } from './practice-service.ts';

function selectionOf(query: { serviceIds?: string[] | undefined; packageId?: string | undefined }): ServiceSelection {
  return query.packageId !== undefined ? { packageId: query.packageId } : { serviceIds: query.serviceIds ?? [] };
}

export const availabilityRoutes: FastifyPluginAsyncZod<{ practice: PracticeService }> = async (app, { practice }) => {
  const { availability } = practice;
  const read = { staff: allStaffRoles };

  app.get(
    '/api/v1/availability',
    {
      config: { access: read },
      // The reply is built field by field below, so re-validating hundreds of slots against
      // the schema on the way out buys nothing and costs milliseconds per search; the schema
      // still documents the reply in OpenAPI.
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags: ['availability'],
        summary: 'Open start times at a clinic for services in order (serviceIds=a,b) or a package, within [from, to) (at most 93 days)',
        querystring: availabilityQuerySchema,
        response: { 200: availabilitySchema },
      },
    },
    async (request) => {
      const { clinicId, providerId, mode, from, to } = request.query;
      const result = await availability.searchOpenSlots(requireStaff(request), {
        ...selectionOf(request.query),
        clinicId,
        providerId,
        mode,
        from: new Date(from),
        to: new Date(to),
      });
      return {
        clinicId: result.clinic.id,
        timezone: result.clinic.timezone,
        serviceIds: result.serviceIds,
        mode: result.mode,
        slots: result.slots.map((slot) => ({
          start: new Date(slot.start).toISOString(),
          end: new Date(slot.end).toISOString(),
          providerIds: slot.providerIds,
          resourceIds: slot.resourceIds,
        })),
      };
    },
  );

  app.get(
    '/api/v1/providers/available',
    {
      config: { access: read },
      schema: {
        tags: ['availability'],
        summary: 'Providers at a clinic who could take the services starting at `start`: working, eligible and unoccupied',
        querystring: availableProvidersQuerySchema,
        response: { 200: availableProvidersSchema },
      },
    },
    async (request) => {
      const { clinicId, mode, start } = request.query;
      const result = await availability.findUnoccupiedProviders(requireStaff(request), {
        ...selectionOf(request.query),
        clinicId,
        mode,
        start: new Date(start),
      });
      return { start: result.start.toISOString(), end: result.end.toISOString(), items: result.providers };
    },
  );
};
