import { Temporal } from 'temporal-polyfill';

/**
 * Local dates either side of an instant range that a schedule read must cover: the engine
 * looks two local dates around the range, and zones sit up to 14 hours from UTC.
 */
export const LOCAL_DATE_MARGIN_DAYS = 2;

/** The clinic-local calendar date at an instant. */
export function localDateAt(instant: Date | number, zone: string): string {
  const epochMilliseconds = typeof instant === 'number' ? instant : instant.getTime();
  return Temporal.Instant.fromEpochMilliseconds(epochMilliseconds).toZonedDateTimeISO(zone).toPlainDate().toString();
}

/** A local date `days` calendar days later (earlier when negative). */
export function addDays(localDate: string, days: number): string {
  return Temporal.PlainDate.from(localDate).add({ days }).toString();
}
