export { createPaperworkService, type PaperworkService } from './paperwork-service.ts';
export { paperworkRoutes, toAssignmentResponse } from './paperwork-routes.ts';
export {
  assignPaperworkForAppointment,
  changePaperworkStatusWithin,
  countOutstandingFormsWithin,
  createPaperworkBookingObserver,
  formsToCompleteWithin,
  type AppointmentPaperworkRequest,
} from './paperwork-assignment.ts';
export { createPatientPaperworkService, type PatientPaperworkService } from './patient-paperwork-service.ts';
export { paperworkSigningRoutes } from './paperwork-signing-routes.ts';
export { countOwnFormsToCompleteWithin } from './count-own-forms-to-complete.ts';
export { createMembershipAgreements, type MembershipAgreementView } from './membership-agreements.ts';
export type { ConsentOccasion } from './signed-consent-document.ts';
export { findConsentTemplateWithin, findSignedConsentWithin } from './signed-consents.ts';
