import { availabilityQuerySchema, availabilitySchema, bookingCatalogSchema, publicBookingParamsSchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createAttemptLimiter } from '../../platform/attempt-limiter.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PortalService } from './portal-service.ts';

/** The online booking page's API at `/api/v1/public/:slug/…` (docs/decisions/023). */
export const publicBookingRoutes: FastifyPluginAsyncZod<{
  portal: PortalService;
  clock: Clock;
  availabilitySearchesPerIpPerMinute: number;
}> = async (app, { portal, clock, availabilitySearchesPerIpPerMinute }) => {
  // Each search expands schedules and busy time for a whole range: a brake per client address.
  const countSearch = createAttemptLimiter(
    { maxAttempts: availabilitySearchesPerIpPerMinute, windowSeconds: 60 },
    clock,
    'availability searches',
  );

  app.get(
    '/api/v1/public/:slug/booking-catalog',
    {
      config: { access: 'public' },
      schema: {
        tags: ['online booking'],
        summary:
          'What the online booking page offers: active clinics, services bookable online, packages of them, providers, and each clinic’s cancellation policy (404 for an unknown address)',
        security: [],
        params: publicBookingParamsSchema,
        response: { 200: bookingCatalogSchema },
      },
    },
    async (request) => portal.readBookingCatalog(request.params.slug),
  );

  app.get(
    '/api/v1/public/:slug/availability',
    {
      config: { access: 'public' },
      // Built field by field like the staff search's reply (availability-routes.ts).
      serializerCompiler: () => (data) => JSON.stringify(data),
      schema: {
        tags: ['online booking'],
        summary:
          'Open start times for services bookable online (serviceIds=a,b) or a package, as the staff search answers them; 400 naming a service that is not bookable online; 429 past the per-address limit',
        security: [],
        params: publicBookingParamsSchema,
        querystring: availabilityQuerySchema,
        response: { 200: availabilitySchema },
      },
    },
    async (request) => {
      countSearch(request.ip);
      return portal.searchOnlineAvailability(request.params.slug, request.query);
    },
  );
};
