import { portalPracticeParamsSchema, portalPracticeSchema } from '@glowdesk/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { NotFoundError } from '../../platform/errors.ts';
import type { PracticeSettingsService } from '../identity/index.ts';

export const portalPracticeRoutes: FastifyPluginAsyncZod<{ practiceSettings: PracticeSettingsService }> = async (
  app,
  { practiceSettings },
) => {
  app.get(
    '/api/v1/portal/:slug',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'The practice at a portal address: what the sign-in page shows (404 for an unknown address)',
        params: portalPracticeParamsSchema,
        response: { 200: portalPracticeSchema },
      },
    },
    async (request) => {
      const practice = await practiceSettings.findPracticeBySlug(request.params.slug);
      if (!practice?.slug) throw new NotFoundError('Practice', 'slug');
      return { name: practice.name, slug: practice.slug, timezone: practice.timezone };
    },
  );
};
