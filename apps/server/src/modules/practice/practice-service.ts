import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import type { IdentityService } from '../identity/index.ts';
import { createAvailabilityService } from './availability-service.ts';
import { noBusyTimes, type BusyTimeSource } from './busy-time-source.ts';
import { createCatalogService } from './catalog-service.ts';
import { createClinicService } from './clinic-service.ts';
import { createProviderService } from './provider-service.ts';
import { createResourceService } from './resource-service.ts';
import { noResourceUnitBookings, type ResourceUnitBookings } from './resource-unit-bookings.ts';
import { createScheduleService } from './schedule-service.ts';

/**
 * The practice module's use cases: clinics, their resources, the service catalog and
 * packages, providers and their schedules, and availability.
 */
export function createPracticeService(options: {
  database: Database;
  clock: Clock;
  identity: IdentityService;
  busyTimeSource?: BusyTimeSource | undefined;
  resourceUnitBookings?: ResourceUnitBookings | undefined;
}) {
  const dependencies = {
    ...options,
    busyTimeSource: options.busyTimeSource ?? noBusyTimes,
    resourceUnitBookings: options.resourceUnitBookings ?? noResourceUnitBookings,
  };
  return {
    clinics: createClinicService(dependencies),
    resources: createResourceService(dependencies),
    catalog: createCatalogService(dependencies),
    providers: createProviderService(dependencies),
    schedules: createScheduleService(dependencies),
    availability: createAvailabilityService(dependencies),
  };
}

export type PracticeService = ReturnType<typeof createPracticeService>;
