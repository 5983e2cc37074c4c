import { localDateIn } from '@glowdesk/scheduling';

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock date ('YYYY-MM-DD') of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return localDateIn(timeZone, instant.getTime());
}

/** "Mon, Mar 2, 10:00 AM EST": how staff read a time in a clinic's zone. */
export function describeLocalTime(instant: Date, timeZone: string): string {
  let format = timeFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    timeFormats.set(timeZone, format);
  }
  return format.format(instant);
}
