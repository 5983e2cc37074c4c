import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import type { IdentityService } from '../identity/index.ts';
import type { BusyTimeSource } from './busy-time-source.ts';
import type { ResourceUnitBookings } from './resource-unit-bookings.ts';

/** What the practice module's use cases are built from (see createPracticeService). */
export interface PracticeDependencies {
  database: Database;
  clock: Clock;
  identity: IdentityService;
  busyTimeSource: BusyTimeSource;
  resourceUnitBookings: ResourceUnitBookings;
}
