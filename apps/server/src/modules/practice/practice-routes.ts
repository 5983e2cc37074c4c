import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { availabilityRoutes } from './availability-routes.ts';
import { catalogRoutes } from './catalog-routes.ts';
import { clinicRoutes } from './clinic-routes.ts';
import type { PracticeService } from './practice-service.ts';
import { providerRoutes } from './provider-routes.ts';
import { resourceRoutes } from './resource-routes.ts';

/** Every practice-setup and availability route: reads for all staff, writes for owners and admins. */
export const practiceRoutes: FastifyPluginAsyncZod<{ practice: PracticeService }> = async (app, options) => {
  await app.register(clinicRoutes, options);
  await app.register(resourceRoutes, options);
  await app.register(catalogRoutes, options);
  await app.register(providerRoutes, options);
  await app.register(availabilityRoutes, options);
};
