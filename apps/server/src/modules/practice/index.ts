export { createPracticeService, type PracticeService } from './practice-service.ts';
export { practiceRoutes } from './practice-routes.ts';
export { noBusyTimes, type BusyTimeQuery, type BusyTimes, type BusyTimeSource } from './busy-time-source.ts';
export { createBookingCatalog, createServiceFeeCatalog } from './booking-catalog.ts';
export type { ResourceUnitBooking, ResourceUnitBookings } from './resource-unit-bookings.ts';
export {
  findClinicContactWithin,
  findProviderIdOfStaffWithin,
  findProviderNameWithin,
  findResourceSummariesWithin,
  findServiceNamesWithin,
  type ClinicContact,
  type ResourceSummary,
} from './practice-directory.ts';
export { checkOnlineSelectionWithin, readOnlineBookingCatalogWithin, type OnlineBookingCatalog } from './online-booking-catalog.ts';
