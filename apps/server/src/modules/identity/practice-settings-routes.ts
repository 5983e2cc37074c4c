import { practiceSettingsSchema, updatePracticeSettingsRequestSchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles, managerRoles } from '../../platform/auth/roles.ts';
import { requestMetaOf } from '../../platform/audit/audit-log.ts';
import type { PracticeSettingsService } from './practice-settings-service.ts';

export const practiceSettingsRoutes: FastifyPluginAsyncZod<{ practiceSettings: PracticeSettingsService }> = async (
  app,
  { practiceSettings },
) => {
  app.get(
    '/api/v1/practice-settings',
    {
      config: { access: { staff: allStaffRoles } },
      schema: {
        tags: ['practice'],
        summary: "The practice's name, time zone, portal address (slug) and what providers may do",
        response: { 200: practiceSettingsSchema },
      },
    },
    async (request) => practiceSettings.getPracticeSettings(requireStaff(request)),
  );

  app.patch(
    '/api/v1/practice-settings',
    {
      config: { access: { staff: managerRoles } },
      schema: {
        tags: ['practice'],
        summary: 'Change the portal address or whether providers manage every appointment. Owners and admins',
        description:
          'slug sets the portal and booking-page address (/portal/<slug>): owners only (403 owner_role_required), 409 slug_taken ' +
          'when another practice uses it. providersManageAllAppointments (default false) lets providers act on every appointment ' +
          'and see every client; while false a provider changes only the appointments booked with them (403 not_your_appointment) ' +
          'and reads only the clients who have an appointment with them (403 not_your_client).',
        body: updatePracticeSettingsRequestSchema,
        response: { 200: practiceSettingsSchema },
      },
    },
    async (request) => practiceSettings.updatePracticeSettings(requireStaff(request), request.body, requestMetaOf(request)),
  );
};
