import { Temporal } from 'temporal-polyfill';
import type {
  AvailabilityQuery,
  EpochMilliseconds,
  InstantInterval,
  OpenSlot,
  ProviderSchedule,
  WallClockInterval,
} from '../availability-types.js';

/**
 * A deliberately naive reading of the booking rules, written straight from the specification
 * with a Temporal call for every wall-clock time: the reference the fast engine is checked
 * against. Slow; for small property-test inputs only.
 */

const MINUTE = 60_000;

interface BruteForceSegment {
  start: number;
  end: number;
  bufferBefore: number;
  bufferAfter: number;
  resourceIds: readonly string[];
}

/** The spans a slot blocks its provider: each segment widened by its own buffers. */
export function providerSpansOf(query: AvailabilityQuery, start: EpochMilliseconds): InstantInterval[] {
  return segmentsOf(query).map((segment) => ({
    start: start + segment.start - segment.bufferBefore,
    end: start + segment.end + segment.bufferAfter,
  }));
}

export function findOpenSlotsByBruteForce(query: AvailabilityQuery): OpenSlot[] {
  const segments = segmentsOf(query);
  const visit = segments[segments.length - 1]?.end ?? 0;
  const earliest = Math.max(query.range.from, query.now + query.minimumNoticeMinutes * MINUTE);
  const horizon = Temporal.Instant.fromEpochMilliseconds(query.now)
    .toZonedDateTimeISO(query.zone)
    // ZonedDateTime.add keeps the wall-clock time and resolves it as 'compatible' does.
    .add({ days: query.bookingHorizonDays }).epochMilliseconds;
  const latest = Math.min(horizon, query.range.to - visit);
  if (latest < earliest) return [];

  const providers = query.providers.filter(
    (provider) =>
      query.services.every((service) => service.eligibleProviderIds.includes(provider.providerId)) &&
      (query.providerId === undefined || query.providerId === provider.providerId),
  );
  const workingByProvider = new Map(
    providers.map((provider) => [
      provider.providerId,
      workingIntervalsByBruteForce(provider, query.zone, earliest - 2 * 86_400_000, latest + 3 * 86_400_000),
    ]),
  );
  const resourceIds = [...new Set(query.services.flatMap((service) => service.resourceIds))];

  const slots: OpenSlot[] = [];
  for (const start of alignedStartsByBruteForce(query.zone, earliest, latest, query.slotStepMinutes)) {
    const resourcesFree = segments.every((segment) =>
      [...new Set(segment.resourceIds)].every((resourceId) => {
        const unitsNeeded = segment.resourceIds.filter((id) => id === resourceId).length;
        const quantity = query.resources.find((resource) => resource.resourceId === resourceId)?.quantity ?? 0;
        const claims = query.resourceBusy.filter((claim) => claim.resourceId === resourceId && claim.end > claim.start);
        const segmentStart = start + segment.start;
        const segmentEnd = start + segment.end;
        const moments = [
          segmentStart,
          ...claims.map((claim) => claim.start).filter((moment) => moment > segmentStart && moment < segmentEnd),
        ];
        const busiest = Math.max(...moments.map((moment) => claims.filter((claim) => claim.start <= moment && moment < claim.end).length));
        return busiest + unitsNeeded <= quantity;
      }),
    );
    if (!resourcesFree) continue;
    const providerIds = providers
      .filter((provider) =>
        providerSpansOf(query, start).every(
          (span) =>
            isCoveredBy(span, workingByProvider.get(provider.providerId) ?? []) &&
            !query.providerBusy.some(
              (busy) => busy.providerId === provider.providerId && busy.end > busy.start && busy.start < span.end && busy.end > span.start,
            ),
        ),
      )
      .map((provider) => provider.providerId);
    if (providerIds.length > 0) slots.push({ start, end: start + visit, providerIds, resourceIds });
  }
  return slots;
}

/** Instants in [from, to] whose local time is a step multiple after local midnight, via Temporal. */
export function alignedStartsByBruteForce(zone: string, from: number, to: number, stepMinutes: number): number[] {
  const starts = new Set<number>();
  const firstDate = localDateOf(from, zone).subtract({ days: 1 });
  const lastDate = localDateOf(to, zone).add({ days: 1 });
  for (let date = firstDate; Temporal.PlainDate.compare(date, lastDate) <= 0; date = date.add({ days: 1 })) {
    for (let minutes = 0; minutes < 1_440; minutes += stepMinutes) {
      const wallClock = date.toPlainDateTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 });
      for (const disambiguation of ['earlier', 'later'] as const) {
        const zoned = wallClock.toZonedDateTime(zone, { disambiguation });
        // A wall-clock time in a gap resolves to a different one: it does not exist.
        if (!zoned.toPlainDateTime().equals(wallClock)) continue;
        if (zoned.epochMilliseconds >= from && zoned.epochMilliseconds <= to) starts.add(zoned.epochMilliseconds);
      }
    }
  }
  return [...starts].sort((left, right) => left - right);
}

/** Working intervals starting on local dates around [from, to], each boundary resolved by Temporal. */
export function workingIntervalsByBruteForce(schedule: ProviderSchedule, zone: string, from: number, to: number): InstantInterval[] {
  const intervals: InstantInterval[] = [];
  const lastDate = localDateOf(to, zone);
  for (let date = localDateOf(from, zone); Temporal.PlainDate.compare(date, lastDate) <= 0; date = date.add({ days: 1 })) {
    const localDate = date.toString();
    const overrides = schedule.overrides.filter((override) => override.localDate === localDate);
    const wallClockIntervals: WallClockInterval[] =
      overrides.length > 0
        ? overrides.flatMap((override) => override.intervals)
        : schedule.weekly
            .filter((period) => period.effectiveFrom <= localDate && (period.effectiveTo === undefined || localDate <= period.effectiveTo))
            .flatMap((period) => period.rules.filter((rule) => rule.weekday === date.dayOfWeek));
    for (const interval of wallClockIntervals) {
      const start = resolve(date, interval.start, zone);
      const endsNextDay = interval.end === '24:00' || interval.end <= interval.start;
      const end = resolve(endsNextDay ? date.add({ days: 1 }) : date, interval.end === '24:00' ? '00:00' : interval.end, zone);
      if (end > start) intervals.push({ start, end });
    }
  }
  return intervals;
}

/** Whether every instant of `span` lies in some interval, walking the union naively. */
export function isCoveredBy(span: InstantInterval, intervals: readonly InstantInterval[]): boolean {
  let reached = span.start;
  let progressed = true;
  while (reached < span.end && progressed) {
    progressed = false;
    for (const interval of intervals) {
      if (interval.start <= reached && interval.end > reached) {
        reached = interval.end;
        progressed = true;
      }
    }
  }
  return reached >= span.end;
}

function segmentsOf(query: AvailabilityQuery): BruteForceSegment[] {
  let offset = 0;
  return query.services.map((service) => {
    const segment = {
      start: offset,
      end: offset + service.durationMinutes * MINUTE,
      bufferBefore: service.bufferBeforeMinutes * MINUTE,
      bufferAfter: service.bufferAfterMinutes * MINUTE,
      resourceIds: service.resourceIds,
    };
    offset = segment.end;
    return segment;
  });
}

function resolve(date: Temporal.PlainDate, time: string, zone: string): number {
  return date.toPlainDateTime(Temporal.PlainTime.from(time)).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
}

function localDateOf(instant: number, zone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).toPlainDate();
}
