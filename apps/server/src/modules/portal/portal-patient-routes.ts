import {
  cancelPortalAppointmentSchema,
  portalAppointmentListSchema,
  portalCancellationSchema,
  portalNotificationListSchema,
  portalNotificationParamsSchema,
  portalNotificationSchema,
  portalRescheduleAvailabilityQuerySchema,
  portalRescheduleAvailabilitySchema,
  reschedulePortalAppointmentSchema,
  portalAppointmentParamsSchema,
  portalAppointmentSchema,
  portalAppointmentsQuerySchema,
  portalDashboardSchema,
  portalMeSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requirePatientProfile } from '../../platform/auth/access.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import type { PortalService } from './portal-service.ts';

export const portalPatientRoutes: FastifyPluginAsyncZod<{ portal: PortalService; sessionIdleMinutes: number }> = async (
  app,
  { portal, sessionIdleMinutes },
) => {
  app.get(
    '/api/v1/portal/me',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary:
          "The signed-in patient's own profile and session, the practice (name, portal address, zone) it belongs to, the profiles they may view (own and granted) and the one viewed now",
        response: { 200: portalMeSchema },
      },
    },
    async (request) => {
      const actor = requirePatientProfile(request);
      const { patient, practice, choices } = await portal.readMe(actor, requestMetaOf(request));
      return {
        patient: {
          id: patient.id,
          firstName: patient.firstName,
          lastName: patient.lastName,
          email: patient.email,
          phone: patient.phone,
          dateOfBirth: patient.dateOfBirth,
        },
        session: { idleTimeoutMinutes: sessionIdleMinutes, expiresAt: actor.sessionExpiresAt.toISOString() },
        // A session is opened only through a portal address, so its practice has one.
        practice: { name: practice.name, slug: practice.slug ?? '', timezone: practice.timezone },
        profiles: choices.items,
        activeProfileId: choices.activeProfileId,
      };
    },
  );

  app.get(
    '/api/v1/portal/dashboard',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary: "The dashboard: the practice's Important Reminders and today's banners, and the patient's badge counts",
        response: { 200: portalDashboardSchema },
      },
    },
    async (request) => portal.readDashboard(requirePatientProfile(request), requestMetaOf(request)),
  );

  app.get(
    '/api/v1/portal/appointments',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary: "The signed-in patient's own appointments: upcoming (soonest first) or past (latest first)",
        querystring: portalAppointmentsQuerySchema,
        response: { 200: portalAppointmentListSchema },
      },
    },
    async (request) => ({
      items: await portal.listOwnAppointments(requirePatientProfile(request), request.query.scope, requestMetaOf(request)),
    }),
  );

  app.post(
    '/api/v1/portal/appointments/:appointmentId/confirm',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary: 'Confirm one of your own booked appointments (the clinic is alerted); 404 for any other, 409 once it has started',
        params: portalAppointmentParamsSchema,
        response: { 200: portalAppointmentSchema },
      },
    },
    async (request) => portal.confirmOwnAppointment(requirePatientProfile(request), request.params.appointmentId, requestMetaOf(request)),
  );

  app.post(
    '/api/v1/portal/appointments/:appointmentId/cancel',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary:
          'Cancel one of your own appointments while the cancel window is open; inside the fee window send acceptCancellationFee: true (the fee is charged to the card on file)',
        params: portalAppointmentParamsSchema,
        body: cancelPortalAppointmentSchema,
        response: { 200: portalCancellationSchema },
      },
    },
    async (request) =>
      portal.cancelOwnAppointment(
        requirePatientProfile(request),
        request.params.appointmentId,
        { acceptCancellationFee: request.body.acceptCancellationFee },
        requestMetaOf(request),
      ),
  );

  app.get(
    '/api/v1/portal/appointments/:appointmentId/reschedule-availability',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary: "Open times for one of your own appointments' services in [from, to) (at most 31 days), with a provider or any",
        params: portalAppointmentParamsSchema,
        querystring: portalRescheduleAvailabilityQuerySchema,
        response: { 200: portalRescheduleAvailabilitySchema },
      },
    },
    async (request) => portal.findRescheduleTimes(requirePatientProfile(request), request.params.appointmentId, request.query),
  );

  app.post(
    '/api/v1/portal/appointments/:appointmentId/reschedule',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary:
          'Move one of your own appointments to an open time (same services; the provider given or any free one); 409 when the time was just taken',
        params: portalAppointmentParamsSchema,
        body: reschedulePortalAppointmentSchema,
        response: { 200: portalAppointmentSchema },
      },
    },
    async (request) =>
      portal.rescheduleOwnAppointment(requirePatientProfile(request), request.params.appointmentId, request.body, requestMetaOf(request)),
  );

  app.get(
    '/api/v1/portal/notifications',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary: 'What the practice sent you (confirmations, reminders, paperwork requests), newest first, read or unread',
        response: { 200: portalNotificationListSchema },
      },
    },
    async (request) => portal.listOwnNotifications(requirePatientProfile(request), requestMetaOf(request)),
  );

  app.post(
    '/api/v1/portal/notifications/:notificationId/read',
    {
      config: { access: { patient: 'profile' } },
      schema: {
        tags: ['portal'],
        summary: 'Mark one of your notifications read; 404 for any other message',
        params: portalNotificationParamsSchema,
        response: { 200: portalNotificationSchema },
      },
    },
    async (request) => portal.markOwnNotificationRead(requirePatientProfile(request), request.params.notificationId),
  );
};
