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

/** Days from 1970-01-01 to a 'YYYY-MM-DD' local date (proleptic Gregorian, as Temporal counts). */
export function epochDayOfLocalDate(value: string, field: string): number {
  if (!LOCAL_DATE.test(value)) {
    throw new SchedulingInputError(field, `expected 'YYYY-MM-DD', got '${value}'`);
  }
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new SchedulingInputError(field, `'${value}' is not a calendar date`);
  }
  return epochDayOfCivilDate(year, month, day);
}

/** The 'YYYY-MM-DD' local date of a day counted from 1970-01-01. */
export function localDateOfEpochDay(epochDay: number): string {
  const { year, month, day } = civilDateOfEpochDay(epochDay);
  // Years outside 0000–9999 are written as Temporal writes them (with a sign, six digits).
  if (year < 0 || year > 9999) return EPOCH_DATE.add({ days: epochDay }).toString();
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Days to and from civil dates by whole 400-year eras of 146,097 days, counted from 1 March
// so that the leap day ends each year (H. Hinnant, "chrono-Compatible Low-Level Date
// Algorithms"). Arithmetic only: a booking checks a schedule's dates on every request.

function epochDayOfCivilDate(year: number, month: number, day: number): number {
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

function civilDateOfEpochDay(epochDay: number): { year: number; month: number; day: number } {
  const shifted = epochDay + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1_460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** ISO weekday (Monday = 1 … Sunday = 7); 1970-01-01 was a Thursday. */
export function isoWeekdayOfEpochDay(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}
