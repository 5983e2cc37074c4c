export { portalPracticeRoutes } from './portal-practice-routes.ts';
export { portalAuthRoutes, PATIENT_COOKIE_PATH } from './portal-auth-routes.ts';
export { createPortalService, type PortalService } from './portal-service.ts';
export { PATIENT_SESSION_COOKIE } from './patient-sessions.ts';
export { portalPatientRoutes } from './portal-patient-routes.ts';
export { portalStaffRoutes } from './portal-staff-routes.ts';
export { bookingPortalRoutes } from './booking-portal-routes.ts';
export { createBookingPortalService, type BookingPortalService } from './booking-portal-service.ts';
export { portalRegistrationRoutes } from './portal-registration-routes.ts';
