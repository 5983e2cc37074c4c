import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import type {
  AvailabilityQuery,
  DateOverride,
  IsoWeekday,
  ProviderBusyInterval,
  ProviderSchedule,
  Resource,
  ResourceBusyInterval,
  ServiceSegment,
  WallClockInterval,
  WeeklySchedule,
} from '../availability-types.js';

/** Zones with the local dates worth searching around: their 2024 DST changes, or any day. */
export const ZONES_WITH_INTERESTING_DATES: Readonly<Record<string, readonly string[]>> = {
  'America/New_York': ['2024-03-10', '2024-11-03'],
  'Europe/London': ['2024-03-31', '2024-10-27'],
  'Australia/Sydney': ['2024-04-07', '2024-10-06'],
  'Australia/Lord_Howe': ['2024-04-07', '2024-10-06'],
  'America/St_Johns': ['2024-03-10', '2024-11-03'],
  'Pacific/Chatham': ['2024-04-07', '2024-09-29'],
  'Asia/Kolkata': ['2024-01-15'],
  'Asia/Kathmandu': ['2024-06-01'],
  // Samoa skipped 30 December 2011 entirely when it crossed the date line.
  'Pacific/Apia': ['2011-12-30'],
  UTC: ['2024-02-29'],
};

const PROVIDER_IDS = ['provider-a', 'provider-b', 'provider-c'] as const;
const RESOURCE_IDS = ['laser', 'room'] as const;
const STEPS = [5, 10, 15, 20, 25, 30, 45, 60, 90] as const;
const MINUTE = 60_000;

function wallClock(minutes: number): string {
  if (minutes === 1_440) return '24:00';
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

const quantity = fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) });
// Half the times fall in 00:00–04:00, where these zones change their clocks.
const quarterHourStart = fc.oneof(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 0, max: 16 })).map((quarter) => quarter * 15);
const quarterHourEnd = fc.oneof(fc.integer({ min: 1, max: 96 }), fc.integer({ min: 0, max: 16 })).map((quarter) => quarter * 15 || 1_440);
const wallClockInterval: fc.Arbitrary<WallClockInterval> = fc
  .record({ start: quarterHourStart, end: quarterHourEnd })
  .map(({ start, end }) => ({ start: wallClock(start), end: wallClock(end) }));

function dateNear(anchor: Temporal.PlainDate, days: number): fc.Arbitrary<string> {
  return fc.integer({ min: -days, max: days }).map((offset) => anchor.add({ days: offset }).toString());
}

function providerSchedule(providerId: string, anchor: Temporal.PlainDate): fc.Arbitrary<ProviderSchedule> {
  // Mostly the anchor's weekday and its neighbours, so rules meet the dates searched.
  const weekday = fc
    .oneof({ weight: 4, arbitrary: fc.integer({ min: -1, max: 1 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 6 }) })
    .map((shift) => ((((anchor.dayOfWeek - 1 + shift) % 7) + 7) % 7) + 1);
  const weeklySchedule: fc.Arbitrary<WeeklySchedule> = fc
    .record({
      effectiveFrom: fc.integer({ min: -5, max: 1 }).map((offset) => anchor.add({ days: offset }).toString()),
      effectiveTo: fc.option(
        fc.integer({ min: -1, max: 5 }).map((offset) => anchor.add({ days: offset }).toString()),
        { nil: undefined },
      ),
      rules: fc.array(fc.record({ weekday, interval: wallClockInterval }), { minLength: 1, maxLength: 6 }),
    })
    .map(({ effectiveFrom, effectiveTo, rules }) => ({
      effectiveFrom,
      ...(effectiveTo === undefined ? {} : { effectiveTo }),
      rules: rules.map(({ weekday: ruleWeekday, interval }) => ({ weekday: ruleWeekday as IsoWeekday, ...interval })),
    }));
  const override: fc.Arbitrary<DateOverride> = fc.record({
    localDate: dateNear(anchor, 2),
    intervals: fc.array(wallClockInterval, { maxLength: 2 }),
  });
  return fc.record({
    providerId: fc.constant(providerId),
    weekly: fc.array(weeklySchedule, { minLength: 1, maxLength: 2 }),
    overrides: fc.array(override, { maxLength: 2 }),
  });
}

/** Busy time on a 5- or 15-minute grid (the coarse grid makes intervals touch and pile up). */
function busyWithin(from: number, spanFiveMinutes: number): fc.Arbitrary<{ start: number; end: number }> {
  return fc
    .record({
      grid: fc.constantFrom(1, 3),
      startStep: fc.integer({ min: -48, max: spanFiveMinutes }),
      steps: fc.integer({ min: 0, max: 16 }),
    })
    .map(({ grid, startStep, steps }) => {
      const start = from + Math.round(startStep / grid) * grid * 5 * MINUTE;
      return { start, end: start + steps * grid * 5 * MINUTE };
    });
}

/**
 * Small clinics around interesting local dates: DST changes, a half-hour or 45-minute zone, a
 * skipped day; schedules with overnight, '24:00' and gap-straddling intervals; overlapping
 * busy time; resources of quantity 0–3; sequences of one to three services with buffers.
 */
export function arbitraryAvailabilityQuery(): fc.Arbitrary<AvailabilityQuery> {
  return fc
    .constantFrom(...Object.keys(ZONES_WITH_INTERESTING_DATES))
    .chain((zone) => fc.record({ zone: fc.constant(zone), localDate: fc.constantFrom(...(ZONES_WITH_INTERESTING_DATES[zone] ?? [])) }))
    .chain(({ zone, localDate }) => {
      const anchor = Temporal.PlainDate.from(localDate);
      const anchorMidnight = anchor.toPlainDateTime().toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
      return fc
        .record({
          nowMinutesBeforeAnchor: fc.integer({ min: 0, max: 24 * 60 }),
          rangeStartMinutesFromNow: fc.integer({ min: -2 * 60, max: 24 * 60 }),
          rangeMinutes: fc.oneof(
            { weight: 1, arbitrary: fc.integer({ min: 0, max: 4 * 60 }) },
            { weight: 4, arbitrary: fc.integer({ min: 4 * 60, max: 60 * 60 }) },
          ),
        })
        .chain(({ nowMinutesBeforeAnchor, rangeStartMinutesFromNow, rangeMinutes }) => {
          const now = anchorMidnight - nowMinutesBeforeAnchor * MINUTE;
          const rangeFrom = now + rangeStartMinutesFromNow * MINUTE;
          const spanFiveMinutes = Math.ceil(rangeMinutes / 5) + 60;
          const providerIds = fc.oneof(
            { weight: 3, arbitrary: fc.constant<string[]>([...PROVIDER_IDS]) },
            { weight: 1, arbitrary: fc.subarray([...PROVIDER_IDS], { minLength: 1 }) },
          );
          return fc.record({
            zone: fc.constant(zone),
            now: fc.constant(now),
            range: fc.constant({ from: rangeFrom, to: rangeFrom + rangeMinutes * MINUTE }),
            providers: providerIds.chain((ids) => fc.tuple(...ids.map((id) => providerSchedule(id, anchor)))),
            providerBusy: fc.array(
              fc
                .record({ providerId: fc.constantFrom(...PROVIDER_IDS), interval: busyWithin(rangeFrom, spanFiveMinutes) })
                .map(({ providerId, interval }): ProviderBusyInterval => ({ providerId, ...interval })),
              { maxLength: 8 },
            ),
            resources: fc.tuple(quantity, quantity).map(([laserQuantity, roomQuantity]): Resource[] => [
              { resourceId: 'laser', quantity: laserQuantity },
              { resourceId: 'room', quantity: roomQuantity },
            ]),
            resourceBusy: fc.array(
              fc
                .record({ resourceId: fc.constantFrom(...RESOURCE_IDS), interval: busyWithin(rangeFrom, spanFiveMinutes) })
                .map(({ resourceId, interval }): ResourceBusyInterval => ({ resourceId, ...interval })),
              { maxLength: 8 },
            ),
            services: fc.array(
              fc.record<ServiceSegment>({
                serviceId: fc.constantFrom('consultation', 'laser', 'peel'),
                durationMinutes: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 24 })).map((fives) => fives * 5),
                bufferBeforeMinutes: fc.integer({ min: 0, max: 6 }).map((fives) => fives * 5),
                bufferAfterMinutes: fc.integer({ min: 0, max: 6 }).map((fives) => fives * 5),
                resourceIds: fc.array(fc.constantFrom(...RESOURCE_IDS), { maxLength: 2 }),
                eligibleProviderIds: fc.oneof(
                  { weight: 3, arbitrary: fc.constant<string[]>([...PROVIDER_IDS]) },
                  { weight: 1, arbitrary: fc.subarray([...PROVIDER_IDS], { minLength: 1 }) },
                ),
              }),
              { minLength: 1, maxLength: 3 },
            ),
            minimumNoticeMinutes: fc.integer({ min: 0, max: 48 }).map((fives) => fives * 5),
            bookingHorizonDays: fc.oneof(
              { weight: 1, arbitrary: fc.constant(0) },
              { weight: 6, arbitrary: fc.integer({ min: 1, max: 4 }) },
            ),
            slotStepMinutes: fc.constantFrom(...STEPS),
            providerId: fc.oneof(
              { weight: 3, arbitrary: fc.constant(undefined) },
              { weight: 1, arbitrary: fc.constantFrom(...PROVIDER_IDS) },
            ),
          });
        });
    })
    .map(({ providerId, ...query }): AvailabilityQuery => (providerId === undefined ? query : { ...query, providerId }));
}
