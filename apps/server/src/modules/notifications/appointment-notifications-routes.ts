import {
  idSchema,
  notifyAppointmentRequestSchema,
  notifyAppointmentResultSchema,
  notifyPreviewQuerySchema,
  notifyPreviewSchema,
} from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import type { AppointmentNotificationsService } from './appointment-notifications-service.ts';

const appointmentParams = z.strictObject({ appointmentId: idSchema });
// Whoever may book may answer the after-booking pop-up.
const access = { staff: allStaffRoles };

export const appointmentNotificationsRoutes: FastifyPluginAsyncZod<{ appointmentNotifications: AppointmentNotificationsService }> = async (
  app,
  { appointmentNotifications },
) => {
  app.get(
    '/api/v1/appointments/:appointmentId/notify-preview',
    {
      config: { access },
      schema: {
        tags: ['messages'],
        summary:
          "The practice's message for the appointment (confirmation, reschedule, cancellation or paperwork request), to edit before sending",
        params: appointmentParams,
        querystring: notifyPreviewQuerySchema,
        response: { 200: notifyPreviewSchema },
      },
    },
    async (request) =>
      appointmentNotifications.previewNotification(
        requireStaff(request),
        request.params.appointmentId,
        request.query.kind,
        requestMetaOf(request),
      ),
  );

  app.post(
    '/api/v1/appointments/:appointmentId/notify',
    {
      config: { access },
      schema: {
        tags: ['messages'],
        summary: 'Send the notification by email, SMS or both — or record "Don\'t Send Notification" (no channels)',
        params: appointmentParams,
        body: notifyAppointmentRequestSchema,
        response: { 200: notifyAppointmentResultSchema },
      },
    },
    async (request) =>
      appointmentNotifications.notifyAppointment(requireStaff(request), request.params.appointmentId, request.body, requestMetaOf(request)),
  );
};
