import type { ProviderSchedule, WallClockInterval } from './availability-types.js';
import { SchedulingInputError } from './scheduling-input-error.js';
import { epochDayOfLocalDate, MINUTES_PER_DAY, parseWallClockMinutes } from './wall-clock.js';

/** Minutes after the local midnight of the interval's own date; `endMinutes` > `startMinutes`. */
export interface ParsedWallClockInterval {
  startMinutes: number;
  endMinutes: number;
}

export interface ParsedWeeklySchedule {
  fromEpochDay: number;
  /** Inclusive; Infinity when open-ended. */
  toEpochDay: number;
  /** Index 0 = Monday … 6 = Sunday. */
  intervalsByWeekday: readonly (readonly ParsedWallClockInterval[])[];
}

export interface ParsedProviderSchedule {
  providerId: string;
  weekly: readonly ParsedWeeklySchedule[];
  overridesByEpochDay: ReadonlyMap<number, readonly ParsedWallClockInterval[]>;
}

/** Validates a schedule and turns its wall-clock strings into numbers, once per search. */
export function parseProviderSchedule(schedule: ProviderSchedule, field: string): ParsedProviderSchedule {
  const weekly = schedule.weekly.map((period, periodIndex): ParsedWeeklySchedule => {
    const periodField = `${field}.weekly.${periodIndex}`;
    const fromEpochDay = epochDayOfLocalDate(period.effectiveFrom, `${periodField}.effectiveFrom`);
    const toEpochDay = period.effectiveTo === undefined ? Infinity : epochDayOfLocalDate(period.effectiveTo, `${periodField}.effectiveTo`);
    const intervalsByWeekday: ParsedWallClockInterval[][] = [[], [], [], [], [], [], []];
    period.rules.forEach((rule, ruleIndex) => {
      const ruleField = `${periodField}.rules.${ruleIndex}`;
      const weekdayIntervals = Number.isInteger(rule.weekday) ? intervalsByWeekday[rule.weekday - 1] : undefined;
      if (weekdayIntervals === undefined) {
        throw new SchedulingInputError(`${ruleField}.weekday`, `expected 1 (Monday) to 7 (Sunday), got ${String(rule.weekday)}`);
      }
      weekdayIntervals.push(parseWallClockInterval(rule, ruleField));
    });
    return { fromEpochDay, toEpochDay, intervalsByWeekday };
  });
  const overridesByEpochDay = new Map<number, ParsedWallClockInterval[]>();
  schedule.overrides.forEach((override, overrideIndex) => {
    const overrideField = `${field}.overrides.${overrideIndex}`;
    const epochDay = epochDayOfLocalDate(override.localDate, `${overrideField}.localDate`);
    const intervals = overridesByEpochDay.get(epochDay) ?? [];
    override.intervals.forEach((interval, intervalIndex) => {
      intervals.push(parseWallClockInterval(interval, `${overrideField}.intervals.${intervalIndex}`));
    });
    overridesByEpochDay.set(epochDay, intervals);
  });
  return { providerId: schedule.providerId, weekly, overridesByEpochDay };
}

function parseWallClockInterval(interval: WallClockInterval, field: string): ParsedWallClockInterval {
  const startMinutes = parseWallClockMinutes(interval.start, `${field}.start`, false);
  const endOnSameClock = parseWallClockMinutes(interval.end, `${field}.end`, true);
  // An end at or before the start is on the next local date.
  const endMinutes = endOnSameClock <= startMinutes ? endOnSameClock + MINUTES_PER_DAY : endOnSameClock;
  return { startMinutes, endMinutes };
}
