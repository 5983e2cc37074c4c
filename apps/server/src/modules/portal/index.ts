export { portalPracticeRoutes } from './portal-practice-routes.ts';
