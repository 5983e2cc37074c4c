import {
  availabilityQuerySchema,
  availabilitySchema,
  bookingCatalogSchema,
  createOnlineBookingRequestSchema,
  onlineBookingSchema,
  publicBookingParamsSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createAttemptLimiter } from '../../platform/attempt-limiter.ts';
import { requirePatientProfile } from '../../platform/auth/access.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { ValidationError } from '../../platform/errors.ts';
import type { Clock } from '../../platform/clock.ts';
import type { PortalService } from './portal-service.ts';

/** Room is left for the prefix that keeps one patient's keys apart from everyone else's. */
const idempotencyKeyPattern = /^[A-Za-z0-9._:-]{1,150}$/;

function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !idempotencyKeyPattern.test(header)) {
    throw new ValidationError('Idempotency-Key must be 1 to 150 characters: letters, digits, ".", "_", ":" or "-".', {
      field: 'Idempotency-Key',
      code: 'invalid_idempotency_key',
    });
  }
  return header;
}

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

  app.post(
    '/api/v1/public/:slug/bookings',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['online booking'],
        summary:
          'Book for the signed-in patient at this practice (201; 200 replaying an Idempotency-Key): 409 slot_taken when the time was just taken, 400 card_required when a service needs a card on file, 409 policy_changed for a stale cancellation policy',
        description:
          'Needs a portal session of the practice at this address (401 otherwise). Without providerId any provider free at that start is booked. ' +
          'When a chosen service requires a card, send paymentMethodId (one of your cards: POST /api/v1/portal/payment-methods) and ' +
          'policyAcceptance with the clinic’s policyVersionId from the catalog.',
        params: publicBookingParamsSchema,
        body: createOnlineBookingRequestSchema,
        response: { 200: onlineBookingSchema, 201: onlineBookingSchema },
      },
    },
    async (request, reply) => {
      const { booking, replayed } = await portal.bookOnline(
        requirePatientProfile(request),
        request.params.slug,
        request.body,
        idempotencyKeyOf(request.headers['idempotency-key']),
        requestMetaOf(request),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(replayed ? 200 : 201).send(booking);
    },
  );
};
