import { Temporal } from 'temporal-polyfill';
import { SchedulingInputError } from './scheduling-input-error.js';

export const MILLISECONDS_PER_MINUTE = 60_000;
export const MILLISECONDS_PER_DAY = 86_400_000;
export const MINUTES_PER_DAY = 1_440;

/**
 * Wall-clock milliseconds: a clinic-local date and time counted as if it were UTC, i.e.
 * `epochDay * MILLISECONDS_PER_DAY + minutesAfterMidnight * MILLISECONDS_PER_MINUTE`.
 * Not an instant: it becomes one only through a zone offset.
 */
export type WallClockMilliseconds = number;

const WALL_CLOCK_TIME = /^(\d{2}):(\d{2})$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const EPOCH_DATE = Temporal.PlainDate.from('1970-01-01');

/** Minutes after local midnight of an 'HH:MM' time; '24:00' (1440) only when `allowEndOfDay`. */
export function parseWallClockMinutes(value: string, field: string, allowEndOfDay: boolean): number {
  const match = WALL_CLOCK_TIME.exec(value);
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (match === null || minutes > 59 || hours > 24) {
    throw new SchedulingInputError(field, `expected 'HH:MM', got '${value}'`);
  }
  const total = hours * 60 + minutes;
  if (total < MINUTES_PER_DAY) return total;
  if (total === MINUTES_PER_DAY && allowEndOfDay) return total;
  throw new SchedulingInputError(field, `'${value}' is not a valid ${allowEndOfDay ? 'end' : 'start'} time`);
}

/** Days from 1970-01-01 to a 'YYYY-MM-DD' local date. */
export function epochDayOfLocalDate(value: string, field: string): number {
  if (!LOCAL_DATE.test(value)) {
    throw new SchedulingInputError(field, `expected 'YYYY-MM-DD', got '${value}'`);
  }
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' }).since(EPOCH_DATE).days;
  } catch {
    throw new SchedulingInputError(field, `'${value}' is not a calendar date`);
  }
}

export function localDateOfEpochDay(epochDay: number): string {
  return EPOCH_DATE.add({ days: epochDay }).toString();
}

/** ISO weekday (Monday = 1 … Sunday = 7); 1970-01-01 was a Thursday. */
export function isoWeekdayOfEpochDay(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}
