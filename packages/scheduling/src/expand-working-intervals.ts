import { Temporal } from 'temporal-polyfill';
import type { EpochMilliseconds, InstantInterval, ProviderSchedule, WorkingInterval, WorkingIntervalSource } from './availability-types.js';
import { parseProviderSchedule, type ParsedProviderSchedule, type ParsedWallClockInterval } from './parse-provider-schedule.js';
import { SchedulingInputError } from './scheduling-input-error.js';
import { requireInstant } from './validate-numbers.js';
import { isoWeekdayOfEpochDay, localDateOfEpochDay, MILLISECONDS_PER_DAY, MILLISECONDS_PER_MINUTE } from './wall-clock.js';
import { ZoneOffsetTimeline } from './zone-offset-timeline.js';

/**
 * A timeline that expands intervals over [from, to) must cover [from - margin, to + margin):
 * the days examined reach two local dates either side, and offsets reach ±14 hours.
 */
export const EXPANSION_MARGIN_MILLISECONDS = 4 * MILLISECONDS_PER_DAY;

export interface ExpandedWorkingInterval extends InstantInterval {
  epochDay: number;
  source: WorkingIntervalSource;
}

/**
 * The provider's working intervals that overlap [from, to), resolved to instants, ordered by
 * local date then rule. Boundaries resolve with 'compatible' disambiguation: a boundary in a
 * repeated hour means its first occurrence, one in a skipped hour moves forward by the gap.
 * An interval lasts the real time between its resolved boundaries (a 00:00–08:00 shift lasts
 * nine hours on the night clocks go back); one that resolves to nothing is dropped.
 */
export function expandParsedSchedule(
  schedule: ParsedProviderSchedule,
  timeline: ZoneOffsetTimeline,
  from: EpochMilliseconds,
  to: EpochMilliseconds,
): ExpandedWorkingInterval[] {
  const expanded: ExpandedWorkingInterval[] = [];
  if (to <= from) return expanded;
  const firstEpochDay = Math.floor(timeline.toWallClock(from) / MILLISECONDS_PER_DAY) - 2;
  const lastEpochDay = Math.floor(timeline.toWallClock(to) / MILLISECONDS_PER_DAY) + 1;
  const weekdayIntervals: (readonly ParsedWallClockInterval[])[] = [];
  for (let epochDay = firstEpochDay; epochDay <= lastEpochDay; epochDay += 1) {
    const override = schedule.overridesByEpochDay.get(epochDay);
    let source: WorkingIntervalSource;
    weekdayIntervals.length = 0;
    if (override === undefined) {
      source = 'weekly';
      const weekdayIndex = isoWeekdayOfEpochDay(epochDay) - 1;
      for (const period of schedule.weekly) {
        if (epochDay < period.fromEpochDay || epochDay > period.toEpochDay) continue;
        const intervals = period.intervalsByWeekday[weekdayIndex];
        if (intervals !== undefined && intervals.length > 0) weekdayIntervals.push(intervals);
      }
    } else {
      source = 'override';
      weekdayIntervals.push(override);
    }
    const midnight = epochDay * MILLISECONDS_PER_DAY;
    for (const intervals of weekdayIntervals) {
      for (const interval of intervals) {
        const start = timeline.toInstant(midnight + interval.startMinutes * MILLISECONDS_PER_MINUTE, 'compatible');
        const end = timeline.toInstant(midnight + interval.endMinutes * MILLISECONDS_PER_MINUTE, 'compatible');
        if (end <= start || end <= from || start >= to) continue;
        expanded.push({ start, end, epochDay, source });
      }
    }
  }
  return expanded;
}

/** The schedule's intervals overlapping [from, to), checked and expanded, sorted by start. */
function expandSorted(schedule: ProviderSchedule, zone: string, from: EpochMilliseconds, to: EpochMilliseconds): ExpandedWorkingInterval[] {
  requireInstant(from, 'from');
  requireInstant(to, 'to');
  if (to < from) throw new SchedulingInputError('to', 'precedes from');
  const parsed = parseProviderSchedule(schedule, 'schedule');
  const timeline = ZoneOffsetTimeline.covering(zone, from - EXPANSION_MARGIN_MILLISECONDS, to + EXPANSION_MARGIN_MILLISECONDS);
  const expanded = expandParsedSchedule(parsed, timeline, from, to);
  expanded.sort((left, right) => left.start - right.start || left.end - right.end);
  return expanded;
}

/**
 * A provider's working intervals overlapping [from, to) as instants, with their clinic-local
 * wall-clock form, sorted by start. Intervals are neither clipped to the window nor merged, so
 * a shift shows as the schedule states it. See `expandParsedSchedule` for DST handling.
 */
export function expandWorkingIntervals(
  schedule: ProviderSchedule,
  zone: string,
  from: EpochMilliseconds,
  to: EpochMilliseconds,
): WorkingInterval[] {
  return expandSorted(schedule, zone, from, to).map((interval) => ({
    start: interval.start,
    end: interval.end,
    localDate: localDateOfEpochDay(interval.epochDay),
    localStart: formatWallClockWithOffset(interval.start, zone),
    localEnd: formatWallClockWithOffset(interval.end, zone),
    source: interval.source,
  }));
}

function formatWallClockWithOffset(instant: EpochMilliseconds, zone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(zone)
    .toString({ smallestUnit: 'minute', timeZoneName: 'never' });
}

/**
 * True when the provider works throughout [from, to): working intervals that touch or
 * overlap count as one stretch (a shift past midnight is two rules). What a booking checks;
 * it skips the wall-clock labels `expandWorkingIntervals` formats for display.
 */
export function worksThroughout(schedule: ProviderSchedule, zone: string, from: EpochMilliseconds, to: EpochMilliseconds): boolean {
  let coveredUntil = from;
  for (const interval of expandSorted(schedule, zone, from, to)) {
    if (interval.start > coveredUntil) break;
    coveredUntil = Math.max(coveredUntil, interval.end);
    if (coveredUntil >= to) return true;
  }
  return coveredUntil >= to;
}
