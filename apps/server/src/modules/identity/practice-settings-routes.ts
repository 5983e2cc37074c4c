import { practiceSettingsSchema, updatePracticeSettingsRequestSchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireStaff } from '../../platform/auth/access.ts';
import { allStaffRoles } from '../../platform/auth/roles.ts';
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
        summary: "The practice's name, time zone and portal address (slug)",
        response: { 200: practiceSettingsSchema },
      },
    },
    async (request) => practiceSettings.getPracticeSettings(requireStaff(request)),
  );

  app.patch(
    '/api/v1/practice-settings',
    {
      config: { access: { staff: ['owner'] } },
      schema: {
        tags: ['practice'],
        summary: 'Set the portal and booking-page address (/portal/<slug>); 409 when another practice uses it. Owners only',
        body: updatePracticeSettingsRequestSchema,
        response: { 200: practiceSettingsSchema },
      },
    },
    async (request) => practiceSettings.changePracticeSlug(requireStaff(request), request.body.slug, requestMetaOf(request)),
  );
};
