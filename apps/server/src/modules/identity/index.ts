export { createIdentityService, hashSessionToken, type IdentityService } from './identity-service.ts';
export { authRoutes, SESSION_COOKIE } from './auth-routes.ts';
export { staffRoutes, parseIfMatchVersion } from './staff-routes.ts';
export {
  createPracticeSettingsService,
  providersManageAllAppointmentsWithin,
  practiceSlugWithin,
  practiceTimeZoneWithin,
  type PracticeSettingsRecord,
  type PracticeSettingsService,
} from './practice-settings-service.ts';
export { practiceSettingsRoutes } from './practice-settings-routes.ts';
export { staffDisplayNamesWithin } from './staff-names.ts';
export { isMedicalDirectorWithin, requiresMdCosignatureWithin } from './medical-directors.ts';
