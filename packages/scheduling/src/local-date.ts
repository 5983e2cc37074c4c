import type { EpochMilliseconds } from './availability-types.js';
import { requireInstant } from './validate-numbers.js';
import { localDateOfEpochDay, MILLISECONDS_PER_DAY } from './wall-clock.js';
import { ZoneOffsetTimeline } from './zone-offset-timeline.js';

/** The local date ('YYYY-MM-DD') of an instant in an IANA zone: what "today" means at a clinic. */
export function localDateIn(zone: string, instant: EpochMilliseconds): string {
  requireInstant(instant, 'instant');
  const timeline = ZoneOffsetTimeline.covering(zone, instant, instant + 1);
  return localDateOfEpochDay(Math.floor(timeline.toWallClock(instant) / MILLISECONDS_PER_DAY));
}
