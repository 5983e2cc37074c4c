import { Temporal } from 'temporal-polyfill';
import type { EpochMilliseconds } from './availability-types.js';
import { SchedulingInputError } from './scheduling-input-error.js';
import type { WallClockMilliseconds } from './wall-clock.js';

/** The same choices, with the same meaning, as Temporal's `disambiguation` option. */
export type Disambiguation = 'compatible' | 'earlier' | 'later';

/** Shared timelines (`covering`) span whole blocks of 64 days; the most recent 256 are kept. */
const SHARED_BLOCK_MILLISECONDS = 64 * 86_400_000;
const SHARED_TIMELINES_MAX = 256;
const sharedTimelines = new Map<string, ZoneOffsetTimeline>();

interface OffsetSpan {
  start: EpochMilliseconds;
  end: EpochMilliseconds;
  offsetMilliseconds: number;
}

/**
 * The UTC offsets of one IANA zone over a bounded stretch of time, read once from Temporal so
 * that converting thousands of wall-clock times per search costs arithmetic, not Temporal calls.
 * Conversions agree with Temporal's (`zone-offset-timeline.test.ts` checks them against it).
 */
export class ZoneOffsetTimeline {
  readonly zone: string;
  readonly coverage: { start: EpochMilliseconds; end: EpochMilliseconds };
  private readonly spans: readonly OffsetSpan[];

  private constructor(zone: string, spans: readonly OffsetSpan[], start: number, end: number) {
    this.zone = zone;
    this.spans = spans;
    this.coverage = { start, end };
  }

  /** Reads the zone's offsets for instants in [start, end). Throws on an unknown zone. */
  static build(zone: string, start: EpochMilliseconds, end: EpochMilliseconds): ZoneOffsetTimeline {
    let zoned: Temporal.ZonedDateTime;
    try {
      zoned = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(zone);
    } catch {
      throw new SchedulingInputError('zone', `'${zone}' is not an IANA time zone`);
    }
    const spans: OffsetSpan[] = [];
    let spanStart = start;
    let offsetMilliseconds = zoned.offsetNanoseconds / 1_000_000;
    for (;;) {
      const transition = zoned.getTimeZoneTransition('next');
      if (transition === null || transition.epochMilliseconds >= end) {
        spans.push({ start: spanStart, end, offsetMilliseconds });
        break;
      }
      spans.push({ start: spanStart, end: transition.epochMilliseconds, offsetMilliseconds });
      spanStart = transition.epochMilliseconds;
      offsetMilliseconds = transition.offsetNanoseconds / 1_000_000;
      zoned = transition;
    }
    return new ZoneOffsetTimeline(zone, spans, start, end);
  }

  /**
   * A timeline covering at least [start, end), shared between calls: built over whole 64-day
   * blocks and kept for the zones and blocks asked for lately. A booking checks its provider's
   * working hours on every request, and reading offsets from Temporal costs more than the
   * check; a zone's offsets do not change while the process runs.
   */
  static covering(zone: string, start: EpochMilliseconds, end: EpochMilliseconds): ZoneOffsetTimeline {
    const blockStart = Math.floor(start / SHARED_BLOCK_MILLISECONDS) * SHARED_BLOCK_MILLISECONDS;
    const blockEnd = Math.max(
      blockStart + SHARED_BLOCK_MILLISECONDS,
      Math.ceil(end / SHARED_BLOCK_MILLISECONDS) * SHARED_BLOCK_MILLISECONDS,
    );
    const key = `${zone} ${blockStart} ${blockEnd}`;
    let timeline = sharedTimelines.get(key);
    if (timeline) {
      sharedTimelines.delete(key);
    } else {
      timeline = ZoneOffsetTimeline.build(zone, blockStart, blockEnd);
      if (sharedTimelines.size >= SHARED_TIMELINES_MAX) {
        const oldest = sharedTimelines.keys().next();
        if (!oldest.done) sharedTimelines.delete(oldest.value);
      }
    }
    sharedTimelines.set(key, timeline);
    return timeline;
  }

  /** Stretches of constant offset, in order, covering the timeline without gaps. */
  get offsetSpans(): readonly Readonly<OffsetSpan>[] {
    return this.spans;
  }

  offsetAt(instant: EpochMilliseconds): number {
    for (const span of this.spans) {
      if (instant >= span.start && instant < span.end) return span.offsetMilliseconds;
    }
    throw new RangeError(`instant ${instant} is outside the offset timeline of ${this.zone}`);
  }

  toWallClock(instant: EpochMilliseconds): WallClockMilliseconds {
    return instant + this.offsetAt(instant);
  }

  /**
   * The instant a wall-clock time names. In a repeated hour 'earlier' and 'compatible' take the
   * first occurrence and 'later' the second; in a skipped hour 'compatible' and 'later' move the
   * time forward by the length of the gap (02:30 → 03:30) and 'earlier' moves it back (→ 01:30).
   */
  toInstant(wallClock: WallClockMilliseconds, disambiguation: Disambiguation): EpochMilliseconds {
    let first: number | undefined;
    let last: number | undefined;
    for (const span of this.spans) {
      const instant = wallClock - span.offsetMilliseconds;
      if (instant >= span.start && instant < span.end) {
        first ??= instant;
        last = instant;
      }
    }
    if (first !== undefined && last !== undefined) {
      return disambiguation === 'later' ? last : first;
    }
    for (let index = 0; index + 1 < this.spans.length; index += 1) {
      const before = this.spans[index];
      const after = this.spans[index + 1];
      if (before === undefined || after === undefined) break;
      const transition = before.end;
      const withOffsetBefore = wallClock - before.offsetMilliseconds;
      const withOffsetAfter = wallClock - after.offsetMilliseconds;
      if (withOffsetBefore >= transition && withOffsetAfter < transition) {
        return disambiguation === 'earlier' ? withOffsetAfter : withOffsetBefore;
      }
    }
    throw new RangeError(`wall-clock time ${wallClock} is outside the offset timeline of ${this.zone}`);
  }
}
