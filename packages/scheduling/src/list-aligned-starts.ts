import type { EpochMilliseconds } from './availability-types.js';
import { MILLISECONDS_PER_DAY, MILLISECONDS_PER_MINUTE } from './wall-clock.js';
import type { ZoneOffsetTimeline } from './zone-offset-timeline.js';

/**
 * Every instant in [from, to] (both inclusive) whose clinic-local wall-clock time is a whole
 * multiple of `stepMinutes` after local midnight, ascending. Alignment restarts at each local
 * midnight, so a step that does not divide the day still starts every day at 00:00. Wall-clock
 * times skipped by a spring-forward never occur; times repeated by a fall-back occur twice and
 * yield two instants, one per offset.
 */
export function listAlignedStarts(
  timeline: ZoneOffsetTimeline,
  from: EpochMilliseconds,
  to: EpochMilliseconds,
  stepMinutes: number,
): number[] {
  const stepMilliseconds = stepMinutes * MILLISECONDS_PER_MINUTE;
  const starts: number[] = [];
  for (const span of timeline.offsetSpans) {
    const spanFrom = Math.max(from, span.start);
    const spanUntil = Math.min(to + 1, span.end);
    if (spanFrom >= spanUntil) continue;
    const offset = span.offsetMilliseconds;
    const wallClockUntil = spanUntil + offset;
    const wallClockFrom = spanFrom + offset;
    let dayStart = Math.floor(wallClockFrom / MILLISECONDS_PER_DAY) * MILLISECONDS_PER_DAY;
    let wallClock = dayStart + Math.ceil((wallClockFrom - dayStart) / stepMilliseconds) * stepMilliseconds;
    if (wallClock >= dayStart + MILLISECONDS_PER_DAY) {
      dayStart += MILLISECONDS_PER_DAY;
      wallClock = dayStart;
    }
    while (wallClock < wallClockUntil) {
      starts.push(wallClock - offset);
      wallClock += stepMilliseconds;
      if (wallClock >= dayStart + MILLISECONDS_PER_DAY) {
        dayStart += MILLISECONDS_PER_DAY;
        wallClock = dayStart;
      }
    }
  }
  return starts;
}
