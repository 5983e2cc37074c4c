import { Temporal } from 'temporal-polyfill';
import type {
  AvailabilityQuery,
  DateOverride,
  EpochMilliseconds,
  IsoWeekday,
  ProviderBusyInterval,
  ProviderSchedule,
  Resource,
  ResourceBusyInterval,
  ServiceSegment,
  WeeklyRule,
} from '../src/index.js';

export interface AvailabilityBenchFixtureOptions {
  /** Seed of the pseudo-random generator; the same options always build the same fixture. */
  seed: number;
  zone: string;
  /** First local date of the schedules; `now` is 08:00 local on it. */
  firstLocalDate: string;
  scheduleDays: number;
  providerCount: number;
  appointmentCount: number;
}

export interface AvailabilityBenchFixture {
  options: AvailabilityBenchFixtureOptions;
  zone: string;
  now: EpochMilliseconds;
  providers: ProviderSchedule[];
  providerBusy: ProviderBusyInterval[];
  resources: Resource[];
  resourceBusy: ResourceBusyInterval[];
  /** One 45-minute consultation any provider may give, in one of three treatment rooms. */
  singleService: ServiceSegment[];
  /** Consultation, laser treatment on the single laser, then a peel: three segments back to back. */
  threeServiceSequence: ServiceSegment[];
}

export const DEFAULT_BENCH_FIXTURE_OPTIONS: AvailabilityBenchFixtureOptions = {
  seed: 20_250_301,
  zone: 'America/New_York',
  // Spans the 2025-03-09 spring-forward, so the figures include a DST change.
  firstLocalDate: '2025-03-01',
  scheduleDays: 60,
  providerCount: 20,
  appointmentCount: 5_000,
};

const RESOURCES: Resource[] = [
  { resourceId: 'laser-gentlemax', quantity: 1 },
  { resourceId: 'laser-ipl', quantity: 1 },
  { resourceId: 'treatment-room', quantity: 3 },
  { resourceId: 'injection-chair', quantity: 4 },
  { resourceId: 'hydrafacial-cart', quantity: 2 },
];

const SHIFTS: readonly (readonly [string, string])[] = [
  ['08:00', '16:00'],
  ['09:00', '17:00'],
  ['10:00', '19:00'],
  ['12:00', '20:00'],
  ['07:30', '15:30'],
];

const APPOINTMENT_MINUTES = [15, 30, 30, 45, 60, 60, 90, 120] as const;

/** Deterministic clinic data of the shape the availability benchmarks search. */
export function buildAvailabilityBenchFixture(overrides: Partial<AvailabilityBenchFixtureOptions> = {}): AvailabilityBenchFixture {
  const options = { ...DEFAULT_BENCH_FIXTURE_OPTIONS, ...overrides };
  const random = createMulberry32(options.seed);
  const pick = <Item>(items: readonly Item[]): Item => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('cannot pick from an empty list');
    return item;
  };
  const firstDate = Temporal.PlainDate.from(options.firstLocalDate);
  const lastDate = firstDate.add({ days: options.scheduleDays - 1 });
  const toInstant = (date: Temporal.PlainDate, time: string): EpochMilliseconds =>
    date.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(options.zone, { disambiguation: 'compatible' }).epochMilliseconds;

  const providers: ProviderSchedule[] = [];
  const shiftsByProvider: Map<number, readonly [string, string]>[] = [];
  for (let providerIndex = 0; providerIndex < options.providerCount; providerIndex += 1) {
    const dayOff = 1 + Math.floor(random() * 7);
    const shiftByWeekday = new Map<number, readonly [string, string]>();
    const rules: WeeklyRule[] = [];
    for (let weekday = 1; weekday <= 7; weekday += 1) {
      if (weekday === dayOff || (weekday === 7 && random() < 0.7)) continue;
      const shift = pick(SHIFTS);
      shiftByWeekday.set(weekday, shift);
      rules.push({ weekday: weekday as IsoWeekday, start: shift[0], end: shift[1] });
    }
    const overrides: DateOverride[] = [];
    for (let overrideIndex = 0; overrideIndex < 3; overrideIndex += 1) {
      const localDate = firstDate.add({ days: Math.floor(random() * options.scheduleDays) }).toString();
      if (overrides.some((override) => override.localDate === localDate)) continue;
      overrides.push(
        random() < 0.5
          ? { localDate, intervals: [] }
          : {
              localDate,
              intervals: [
                { start: '09:00', end: '13:00' },
                { start: '14:00', end: '18:00' },
              ],
            },
      );
    }
    providers.push({
      providerId: `provider-${String(providerIndex + 1).padStart(2, '0')}`,
      weekly: [{ effectiveFrom: firstDate.toString(), effectiveTo: lastDate.toString(), rules }],
      overrides,
    });
    shiftsByProvider.push(shiftByWeekday);
  }

  const providerBusy: ProviderBusyInterval[] = [];
  const resourceBusy: ResourceBusyInterval[] = [];
  while (providerBusy.length < options.appointmentCount) {
    const providerIndex = Math.floor(random() * options.providerCount);
    const provider = providers[providerIndex];
    const date = firstDate.add({ days: Math.floor(random() * options.scheduleDays) });
    const shift = shiftsByProvider[providerIndex]?.get(date.dayOfWeek);
    if (provider === undefined || shift === undefined) continue;
    const shiftStart = toInstant(date, shift[0]);
    const shiftEnd = toInstant(date, shift[1]);
    const minutes = pick(APPOINTMENT_MINUTES);
    const slotsInShift = Math.floor((shiftEnd - shiftStart) / 900_000) - minutes / 15;
    if (slotsInShift <= 0) continue;
    const start = shiftStart + Math.floor(random() * slotsInShift) * 900_000;
    const end = start + minutes * 60_000;
    providerBusy.push({ providerId: provider.providerId, start: start - 5 * 60_000, end: end + 10 * 60_000 });
    if (random() < 0.45) resourceBusy.push({ resourceId: pick(RESOURCES).resourceId, start, end });
  }

  const everyProviderId = providers.map((provider) => provider.providerId);
  const laserProviderIds = everyProviderId.filter((_, index) => index % 4 !== 3);
  return {
    options,
    zone: options.zone,
    now: toInstant(firstDate, '08:00'),
    providers,
    providerBusy,
    resources: RESOURCES.map((resource) => ({ ...resource })),
    resourceBusy,
    singleService: [
      {
        serviceId: 'consultation',
        durationMinutes: 45,
        bufferBeforeMinutes: 5,
        bufferAfterMinutes: 10,
        resourceIds: ['treatment-room'],
        eligibleProviderIds: everyProviderId,
      },
    ],
    threeServiceSequence: [
      {
        serviceId: 'consultation',
        durationMinutes: 30,
        bufferBeforeMinutes: 5,
        bufferAfterMinutes: 0,
        resourceIds: ['treatment-room'],
        eligibleProviderIds: everyProviderId,
      },
      {
        serviceId: 'laser-hair-removal',
        durationMinutes: 60,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 0,
        resourceIds: ['laser-gentlemax'],
        eligibleProviderIds: laserProviderIds,
      },
      {
        serviceId: 'chemical-peel',
        durationMinutes: 30,
        bufferBeforeMinutes: 0,
        bufferAfterMinutes: 15,
        resourceIds: ['treatment-room'],
        eligibleProviderIds: everyProviderId,
      },
    ],
  };
}

/** A search of `searchDays` days from the fixture's `now`, for `services`, any provider. */
export function buildBenchAvailabilityQuery(
  fixture: AvailabilityBenchFixture,
  services: ServiceSegment[],
  searchDays: number,
): AvailabilityQuery {
  return {
    zone: fixture.zone,
    now: fixture.now,
    range: { from: fixture.now, to: fixture.now + searchDays * 86_400_000 },
    services,
    providers: fixture.providers,
    providerBusy: fixture.providerBusy,
    resources: fixture.resources,
    resourceBusy: fixture.resourceBusy,
    minimumNoticeMinutes: 120,
    bookingHorizonDays: 90,
    slotStepMinutes: 15,
  };
}

/** Mulberry32: a tiny seeded generator of floats in [0, 1). */
function createMulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4_294_967_296;
  };
}
