export type {
  AvailabilityQuery,
  DateOverride,
  EpochMilliseconds,
  InstantInterval,
  InstantRange,
  IsoWeekday,
  LocalDate,
  OpenSlot,
  ProviderBusyInterval,
  ProviderSchedule,
  Resource,
  ResourceBusyInterval,
  ServiceSegment,
  WallClockInterval,
  WallClockTime,
  WeeklyRule,
  WeeklySchedule,
  WorkingInterval,
  WorkingIntervalSource,
} from './availability-types.js';
export { latestStartWithinHorizon } from './booking-horizon.js';
export { expandWorkingIntervals, worksThroughout } from './expand-working-intervals.js';
export { findOpenSlots } from './find-open-slots.js';
export { localDateIn } from './local-date.js';
export { findUnoccupiedProviders } from './find-unoccupied-providers.js';
export { SchedulingInputError } from './scheduling-input-error.js';
