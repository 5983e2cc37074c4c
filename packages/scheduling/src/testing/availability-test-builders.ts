import { Temporal } from 'temporal-polyfill';
import type {
  AvailabilityQuery,
  EpochMilliseconds,
  IsoWeekday,
  OpenSlot,
  ProviderSchedule,
  ServiceSegment,
  WeeklyRule,
} from '../availability-types.js';

/** Epoch milliseconds of an ISO instant with an explicit offset, e.g. '2024-03-10T07:00Z'. */
export function at(isoInstant: string): EpochMilliseconds {
  return Temporal.Instant.from(isoInstant).epochMilliseconds;
}

/** Instants as ISO strings in UTC ('2024-03-10T07:00:00Z'), the form expected tables use. */
export function toIsoInstants(instants: readonly EpochMilliseconds[]): string[] {
  return instants.map((instant) => Temporal.Instant.fromEpochMilliseconds(instant).toString());
}

export function slotStarts(slots: readonly OpenSlot[]): string[] {
  return toIsoInstants(slots.map((slot) => slot.start));
}

export const EVERY_WEEKDAY: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/** One rule per listed weekday with the same hours. */
export function weeklyRules(weekdays: readonly IsoWeekday[], start: string, end: string): WeeklyRule[] {
  return weekdays.map((weekday) => ({ weekday, start, end }));
}

/** A provider working every day 09:00–17:00 from 2020 on, unless overridden. */
export function createTestSchedule(overrides: Partial<ProviderSchedule> = {}): ProviderSchedule {
  return {
    providerId: 'provider-a',
    weekly: [{ effectiveFrom: '2020-01-01', rules: weeklyRules(EVERY_WEEKDAY, '09:00', '17:00') }],
    overrides: [],
    ...overrides,
  };
}

/** A 60-minute service without buffers or resources that provider-a may give. */
export function createTestService(overrides: Partial<ServiceSegment> = {}): ServiceSegment {
  return {
    serviceId: 'service-1',
    durationMinutes: 60,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    resourceIds: [],
    eligibleProviderIds: ['provider-a'],
    ...overrides,
  };
}

/**
 * A New York clinic with provider-a (see `createTestSchedule`), one 60-minute service, hourly
 * slots, no notice, a year's horizon and `now` long before the range, unless overridden.
 */
export function createTestAvailabilityQuery(overrides: Partial<AvailabilityQuery> = {}): AvailabilityQuery {
  return {
    zone: 'America/New_York',
    now: at('2024-01-01T00:00Z'),
    range: { from: at('2024-01-15T00:00Z'), to: at('2024-01-16T00:00Z') },
    services: [createTestService()],
    providers: [createTestSchedule()],
    providerBusy: [],
    resources: [],
    resourceBusy: [],
    minimumNoticeMinutes: 0,
    bookingHorizonDays: 365,
    slotStepMinutes: 60,
    ...overrides,
  };
}
