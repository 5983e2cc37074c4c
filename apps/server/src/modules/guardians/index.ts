export { createGuardianGrantsService, type GuardianGrantsService } from './guardian-grants-service.ts';
export { guardianGrantsRoutes } from './guardian-grants-routes.ts';
