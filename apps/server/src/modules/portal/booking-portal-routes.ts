import {
  bookingPortalSettingsSchema,
  createPortalBannerRequestSchema,
  portalBannerListSchema,
  portalBannerParamsSchema,
  portalBannerSchema,
  updateBookingPortalSettingsRequestSchema,
  updatePortalBannerRequestSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { managerRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import { parseIfMatchVersion } from '../identity/index.ts';
import type { BookingPortalService } from './booking-portal-service.ts';

const access = { staff: managerRoles };

/** Settings → Booking Portal, for owners and admins. */
export const bookingPortalRoutes: FastifyPluginAsyncZod<{ bookingPortal: BookingPortalService }> = async (app, { bookingPortal }) => {
  app.get(
    '/api/v1/booking-portal',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'The portal’s Important Reminders and how long before an appointment patients may confirm, reschedule or cancel it',
        response: { 200: bookingPortalSettingsSchema },
      },
    },
    async (request, reply) => {
      const settings = await bookingPortal.getSettings(requireStaff(request));
      reply.header('etag', `"${settings.version}"`);
      return settings;
    },
  );

  app.put(
    '/api/v1/booking-portal',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'Replace the Booking Portal settings (If-Match optional); patients see the change at once',
        body: updateBookingPortalSettingsRequestSchema,
        response: { 200: bookingPortalSettingsSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const settings = await bookingPortal.updateSettings(
        requireStaff(request),
        request.body,
        parseIfMatchVersion(typeof ifMatch === 'string' ? ifMatch : undefined),
        requestMetaOf(request),
      );
      reply.header('etag', `"${settings.version}"`);
      return settings;
    },
  );

  app.get(
    '/api/v1/booking-portal/banners',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'Promotional banners, by first day; `showingNow` says which patients see today',
        response: { 200: portalBannerListSchema },
      },
    },
    async (request) => ({ items: await bookingPortal.listBanners(requireStaff(request)) }),
  );

  app.post(
    '/api/v1/booking-portal/banners',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'Add a banner shown from its first to its last day (the practice’s dates) while enabled',
        body: createPortalBannerRequestSchema,
        response: { 201: portalBannerSchema },
      },
    },
    async (request, reply) => {
      const banner = await bookingPortal.createBanner(requireStaff(request), request.body, requestMetaOf(request));
      return reply.status(201).send(banner);
    },
  );

  app.patch(
    '/api/v1/booking-portal/banners/:bannerId',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'Change a banner’s text or dates, or turn it on or off',
        params: portalBannerParamsSchema,
        body: updatePortalBannerRequestSchema,
        response: { 200: portalBannerSchema },
      },
    },
    async (request) => bookingPortal.updateBanner(requireStaff(request), request.params.bannerId, request.body, requestMetaOf(request)),
  );

  app.delete(
    '/api/v1/booking-portal/banners/:bannerId',
    {
      config: { access },
      schema: {
        tags: ['portal'],
        summary: 'Delete a banner',
        params: portalBannerParamsSchema,
      },
    },
    async (request, reply) => {
      await bookingPortal.deleteBanner(requireStaff(request), request.params.bannerId, requestMetaOf(request));
      return reply.status(204).send();
    },
  );
};
