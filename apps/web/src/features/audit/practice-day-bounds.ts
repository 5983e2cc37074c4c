const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

function wallClockFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
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
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time in `timeZone` at `instantMs`, expressed as if it were UTC (minute precision). */
function wallClockAsUtcMs(instantMs: number, timeZone: string): number {
  const parts = wallClockFormatter(timeZone).formatToParts(new Date(instantMs));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((candidate) => candidate.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
}

function offsetMsAt(instantMs: number, timeZone: string): number {
  const wholeMinute = Math.floor(instantMs / MINUTE_MS) * MINUTE_MS;
  return wallClockAsUtcMs(wholeMinute, timeZone) - wholeMinute;
}

/**
 * The first instant of a local date in an IANA zone. Where midnight is skipped by a DST change
 * (e.g. America/Santiago), the day starts at the first wall-clock time that exists.
 */
export function startOfLocalDate(localDate: string, timeZone: string): Date {
  const match = LOCAL_DATE.exec(localDate);
  if (!match) throw new RangeError(`Not a local date (YYYY-MM-DD): ${localDate}`);
  const midnightAsUtc = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // A day holds at most one offset change: the offsets a day either side bracket it.
  const earlier = midnightAsUtc - offsetMsAt(midnightAsUtc - DAY_MS, timeZone);
  const later = midnightAsUtc - offsetMsAt(midnightAsUtc + DAY_MS, timeZone);
  const exact = [earlier, later].filter((candidate) => wallClockAsUtcMs(candidate, timeZone) === midnightAsUtc);
  // Midnight twice (clocks back): the first. Midnight never (clocks forward): the moment the gap ends.
  return new Date(exact.length > 0 ? Math.min(...exact) : Math.max(earlier, later));
}

/** The local date after `localDate` (calendar arithmetic; no zone involved). */
export function nextLocalDate(localDate: string): string {
  const match = LOCAL_DATE.exec(localDate);
  if (!match) throw new RangeError(`Not a local date (YYYY-MM-DD): ${localDate}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + 1)).toISOString().slice(0, 10);
}

/** A from/to pair of local dates (both inclusive) as the half-open instant range [from, to) the API takes. */
export function localDateRangeToInstants(
  range: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
): { from?: string; to?: string } {
  return {
    ...(range.from ? { from: startOfLocalDate(range.from, timeZone).toISOString() } : {}),
    ...(range.to ? { to: startOfLocalDate(nextLocalDate(range.to), timeZone).toISOString() } : {}),
  };
}
