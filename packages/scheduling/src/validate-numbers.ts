import type { EpochMilliseconds, InstantInterval, InstantRange } from './availability-types.js';
import { SchedulingInputError } from './scheduling-input-error.js';

/** Temporal's range (±10^8 days) less 10^6 days of headroom for horizons and expansion margins. */
const LARGEST_INSTANT = 8.64e15 - 8.64e13;

export function requireWholeNumber(value: number, field: string, minimum: number, maximum = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isSafeInteger(value) || value < minimum || value > maximum) {
    throw new SchedulingInputError(field, `expected a whole number from ${minimum} to ${maximum}, got ${String(value)}`);
  }
  return value;
}

export function requireInstant(value: EpochMilliseconds, field: string): EpochMilliseconds {
  if (!Number.isSafeInteger(value) || Math.abs(value) > LARGEST_INSTANT) {
    throw new SchedulingInputError(field, `expected epoch milliseconds, got ${String(value)}`);
  }
  return value;
}

/** Checks both ends; an interval whose end precedes its start is rejected, an empty one is allowed. */
export function requireInstantInterval(interval: InstantInterval, field: string): InstantInterval {
  requireInstant(interval.start, `${field}.start`);
  requireInstant(interval.end, `${field}.end`);
  if (interval.end < interval.start) {
    throw new SchedulingInputError(field, 'ends before it starts');
  }
  return interval;
}

export function requireInstantRange(range: InstantRange, field: string): InstantRange {
  requireInstant(range.from, `${field}.from`);
  requireInstant(range.to, `${field}.to`);
  if (range.to < range.from) {
    throw new SchedulingInputError(field, 'ends before it starts');
  }
  return range;
}
