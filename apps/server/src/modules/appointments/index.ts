export { appointmentBusyTimeSource } from './appointment-busy-time.ts';
export type { CardDirectory, MemberTier, MemberTierSource, PaperworkStatusSource } from './appointment-dependencies.ts';
export type { ClinicCancellationWindow, VisitBilling } from './visit-billing.ts';
export { createAppointmentInvoiceLink } from './appointment-invoice-link.ts';
export type { AppointmentActionResult } from './appointment-fee-actions.ts';
export type { AppointmentView } from './build-appointment-views.ts';
export { createAppointmentsService, type AppointmentsService } from './appointments-service.ts';
export { createClientAccess, type StaffScopeSources } from './provider-scope.ts';
export { appointmentsRoutes, toAppointmentResponse } from './appointments-routes.ts';
export { appointmentResourceUnitBookings } from './resource-unit-bookings-repository.ts';
export type { BookingCatalog, CatalogService, ClinicSummary, ServiceChoice, VisitCatalog, WorkingHours } from './booking-catalog.ts';
export {
  announceAppointmentBooked,
  announceAppointmentCancelled,
  announceAppointmentRescheduled,
  type BookedAppointment,
  type BookingObserver,
} from './booking-observers.ts';
export { recordAppointmentEvent, type AppointmentEventInput } from './appointment-event-log.ts';
export {
  findAppointmentSnapshotWithin,
  listAppointmentEventsWithin,
  listUpcomingAppointmentStarts,
  UPCOMING_STATUSES,
  type AppointmentEventSnapshot,
  type AppointmentSnapshot,
  type UpcomingAppointmentStart,
} from './appointment-lookup-repository.ts';
export {
  findPatientAppointmentWithin,
  listPatientAppointmentsWithin,
  type PatientAppointmentSnapshot,
} from './patient-appointment-lookups.ts';
export { confirmAppointmentAsPatientWithin, type PatientConfirmation } from './confirm-appointment-as-patient.ts';
export type { PatientCancellation, PatientCancellationRequest } from './cancel-appointment-as-patient.ts';
export type { PatientCancellationFee } from './patient-cancellation-fees.ts';
export type { PatientRescheduleRequest } from './reschedule-appointment-as-patient.ts';
export type { AppointmentRecord } from './appointments-repository.ts';
export type { OnlineBooker } from './booking-card-evidence.ts';
export type { OnlineBookingRequest } from './book-appointment.ts';
