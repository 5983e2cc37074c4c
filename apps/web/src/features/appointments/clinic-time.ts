/**
 * Wall-clock arithmetic in a clinic's IANA zone with Intl only: the book shows every time in
 * the clinic's zone, never the browser's. Local dates are 'YYYY-MM-DD'; minutes count from
 * local midnight.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

function parseLocalDate(localDate: string): [number, number, number] {
  const match = LOCAL_DATE.exec(localDate);
  if (!match) throw new RangeError(`Not a local date (YYYY-MM-DD): ${localDate}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/** The wall clock in `timeZone` at an instant, as if it were UTC (minute precision). */
function wallClockAsUtcMs(instantMs: number, timeZone: string): number {
  const parts = partsFormatter(timeZone).formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
}

function offsetMsAt(instantMs: number, timeZone: string): number {
  const wholeMinute = Math.floor(instantMs / MINUTE_MS) * MINUTE_MS;
  return wallClockAsUtcMs(wholeMinute, timeZone) - wholeMinute;
}

/** Where an instant falls on the clinic's wall clock. */
export function wallClockOf(instant: string | number | Date, timeZone: string): { localDate: string; minutes: number } {
  const asUtc = wallClockAsUtcMs(new Date(instant).getTime(), timeZone);
  const localDate = new Date(asUtc).toISOString().slice(0, 10);
  return { localDate, minutes: Math.round((asUtc - Date.UTC(...toUtcArgs(localDate))) / MINUTE_MS) };
}

function toUtcArgs(localDate: string): [number, number, number] {
  const [year, month, day] = parseLocalDate(localDate);
  return [year, month - 1, day];
}

/**
 * The instant of a wall-clock time on a local date in `timeZone`. A time skipped by a DST
 * change moves forward by the gap (02:30 → 03:30, as Temporal's 'compatible'); a repeated
 * time is its first occurrence.
 */
export function zonedInstant(localDate: string, minutes: number, timeZone: string): Date {
  const wallAsUtc = Date.UTC(...toUtcArgs(localDate)) + minutes * MINUTE_MS;
  const earlier = wallAsUtc - offsetMsAt(wallAsUtc - DAY_MS, timeZone);
  const later = wallAsUtc - offsetMsAt(wallAsUtc + DAY_MS, timeZone);
  const exact = [earlier, later].filter((candidate) => wallClockAsUtcMs(candidate, timeZone) === wallAsUtc);
  return new Date(exact.length > 0 ? Math.min(...exact) : Math.max(earlier, later));
}

/** Today's date on the clinic's wall clock. */
export function localToday(timeZone: string, now: Date = new Date()): string {
  return wallClockOf(now, timeZone).localDate;
}

/** Calendar arithmetic on local dates (no zone involved). */
export function addDays(localDate: string, days: number): string {
  const [year, month, day] = parseLocalDate(localDate);
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(localDate: string): number {
  const weekday = new Date(Date.UTC(...toUtcArgs(localDate))).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The Monday of the week holding `localDate`. */
export function startOfWeek(localDate: string): string {
  return addDays(localDate, 1 - isoWeekday(localDate));
}

/** Whole days from `from` to `to` (both local dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.UTC(...toUtcArgs(to)) - Date.UTC(...toUtcArgs(from))) / DAY_MS);
}

/** The instants that bound local dates [fromDate, toDateExclusive) in the zone. */
export function localDatesToRange(fromDate: string, toDateExclusive: string, timeZone: string): { from: string; to: string } {
  return { from: zonedInstant(fromDate, 0, timeZone).toISOString(), to: zonedInstant(toDateExclusive, 0, timeZone).toISOString() };
}

const formatterCache = new Map<string, Intl.DateTimeFormat>();

function cachedFormatter(key: string, create: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let formatter = formatterCache.get(key);
  if (!formatter) {
    formatter = create();
    formatterCache.set(key, formatter);
  }
  return formatter;
}

/** "9:30 AM" on the clinic's wall clock. */
export function formatClinicTime(instant: string | number | Date, timeZone: string): string {
  return cachedFormatter(
    `time:${timeZone}`,
    () => new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' }),
  ).format(new Date(instant));
}

/** "Mon, Nov 16, 2026" on the clinic's wall clock. */
export function formatClinicDate(instant: string | number | Date, timeZone: string): string {
  return cachedFormatter(
    `date:${timeZone}`,
    () => new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }),
  ).format(new Date(instant));
}

/** "Mon, Nov 16, 2026 · 9:30 AM – 10:15 AM EST" for an appointment's span. */
export function formatClinicSpan(start: string, end: string, timeZone: string): string {
  return `${formatClinicDate(start, timeZone)} · ${formatClinicTime(start, timeZone)} – ${formatClinicTime(end, timeZone)} ${zoneAbbreviation(start, timeZone)}`;
}

/** The zone's short name at an instant: EST or EDT, which changes with DST. */
export function zoneAbbreviation(instant: string | number | Date, timeZone: string): string {
  const parts = cachedFormatter(
    `zone:${timeZone}`,
    () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }),
  ).formatToParts(new Date(instant));
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}

/** A local date as text without any zone: "Monday, November 16" (or with the year). */
export function formatLocalDate(localDate: string, style: 'long' | 'short' | 'weekday' = 'long'): string {
  const options: Intl.DateTimeFormatOptions =
    style === 'long'
      ? { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }
      : style === 'short'
        ? { timeZone: 'UTC', month: 'short', day: 'numeric' }
        : { timeZone: 'UTC', weekday: 'short' };
  return cachedFormatter(`local:${style}`, () => new Intl.DateTimeFormat('en-US', options)).format(
    new Date(Date.UTC(...toUtcArgs(localDate))),
  );
}

/** Minutes from midnight as "9:30 AM" (a wall-clock label, no zone). */
export function formatMinutes(minutes: number): string {
  const hours24 = Math.floor(minutes / 60) % 24;
  const rest = minutes % 60;
  const suffix = hours24 < 12 ? 'AM' : 'PM';
  const hours12 = hours24 % 12 === 0 ? 12 : hours24 % 12;
  return `${hours12}:${String(rest).padStart(2, '0')} ${suffix}`;
}
