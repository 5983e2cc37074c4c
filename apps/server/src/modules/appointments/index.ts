export { createAppointmentsService, type AppointmentsService, type AppointmentView } from './appointments-service.ts';
export { appointmentsRoutes, toAppointmentResponse } from './appointments-routes.ts';
export type { BookingCatalog, CatalogService, ClinicSummary, ServiceChoice, VisitCatalog } from './booking-catalog.ts';
