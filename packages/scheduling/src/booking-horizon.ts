import { Temporal } from 'temporal-polyfill';
import type { EpochMilliseconds } from './availability-types.js';
import { SchedulingInputError } from './scheduling-input-error.js';

/**
 * The latest start a booking horizon allows: the same wall-clock time as `now`,
 * `bookingHorizonDays` local calendar days later in `zone`.
 */
export function latestStartWithinHorizon(now: EpochMilliseconds, zone: string, bookingHorizonDays: number): EpochMilliseconds {
  let zonedNow: Temporal.ZonedDateTime;
  try {
    zonedNow = Temporal.Instant.fromEpochMilliseconds(now).toZonedDateTimeISO(zone);
  } catch {
    throw new SchedulingInputError('zone', `'${zone}' is not an IANA time zone`);
  }
  return zonedNow.toPlainDateTime().add({ days: bookingHorizonDays }).toZonedDateTime(zone, { disambiguation: 'compatible' })
    .epochMilliseconds;
}
