const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const todayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date in an IANA zone, 'YYYY-MM-DD' (a clinic's "today" is never the browser's). */
export function localDateToday(timeZone: string, now: Date = new Date()): string {
  let format = todayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    todayFormats.set(timeZone, format);
  }
  return format.format(now);
}

function utcNoonOf(localDate: string): Date {
  const match = LOCAL_DATE.exec(localDate);
  if (!match) throw new RangeError(`Not a local date (YYYY-MM-DD): ${localDate}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12));
}

/** Calendar arithmetic on a wall-clock date; no zone is involved. */
export function addDaysToLocalDate(localDate: string, days: number): string {
  const date = utcNoonOf(localDate);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** ISO weekday of a wall-clock date: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(localDate: string): number {
  return ((utcNoonOf(localDate).getUTCDay() + 6) % 7) + 1;
}

const dateFormats = {
  long: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' }),
  short: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short', month: 'short', day: 'numeric' }),
  plain: new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', year: 'numeric' }),
};

/** A wall-clock date for people: 'Fri, Jul 3, 2026' (long), 'Fri, Jul 3' (short), 'Jul 3, 2026' (plain). */
export function formatLocalDate(localDate: string, style: keyof typeof dateFormats = 'long'): string {
  return dateFormats[style].format(utcNoonOf(localDate));
}

/**
 * A wall-clock time 'HH:MM' in the 12-hour style US clinics read: '13:30' → '1:30 PM'.
 * '24:00' ends a day: 'midnight'.
 */
export function formatWallClock(time: string): string {
  if (time === '24:00') return 'midnight';
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  const suffix = hours < 12 ? 'AM' : 'PM';
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${hour12}:${String(minutes).padStart(2, '0')} ${suffix}`;
}

/** The zone's abbreviation or offset now, e.g. 'EDT' or 'GMT+5:30'. */
export function zoneAbbreviation(timeZone: string, at: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }).formatToParts(at);
  return parts.find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}
