import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { listAlignedStarts } from './list-aligned-starts.js';
import { alignedStartsByBruteForce } from './testing/find-open-slots-by-brute-force.js';
import { ZONES_WITH_INTERESTING_DATES } from './testing/arbitrary-availability-query.js';
import { ZoneOffsetTimeline } from './zone-offset-timeline.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** A zone and an instant within two days of one of its interesting local dates. */
const zonedMoment = fc.constantFrom(...Object.entries(ZONES_WITH_INTERESTING_DATES)).chain(([zone, localDates]) =>
  fc.record({
    zone: fc.constant(zone),
    anchor: fc
      .constantFrom(...localDates)
      .map(
        (localDate) =>
          Temporal.PlainDate.from(localDate).toPlainDateTime().toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds,
      ),
    minutesFromAnchor: fc.integer({ min: -2 * 1_440, max: 2 * 1_440 }),
  }),
);

function wallClockAsPlainDateTime(wallClock: number): Temporal.PlainDateTime {
  return Temporal.Instant.fromEpochMilliseconds(wallClock).toZonedDateTimeISO('UTC').toPlainDateTime();
}

describe('ZoneOffsetTimeline', () => {
  it('resolves every wall-clock time to the instant Temporal gives, for each disambiguation', () => {
    fc.assert(
      fc.property(zonedMoment, fc.constantFrom('compatible', 'earlier', 'later'), ({ zone, anchor, minutesFromAnchor }, disambiguation) => {
        const timeline = ZoneOffsetTimeline.build(zone, anchor - 4 * DAY, anchor + 4 * DAY);
        const wallClock = timeline.toWallClock(anchor) + minutesFromAnchor * MINUTE;

        const expected = wallClockAsPlainDateTime(wallClock).toZonedDateTime(zone, { disambiguation }).epochMilliseconds;

        expect(timeline.toInstant(wallClock, disambiguation)).toBe(expected);
      }),
      { numRuns: 1_000 },
    );
  });

  it('reads the same wall-clock time for an instant as Temporal does', () => {
    fc.assert(
      fc.property(zonedMoment, ({ zone, anchor, minutesFromAnchor }) => {
        const instant = anchor + minutesFromAnchor * MINUTE;
        const timeline = ZoneOffsetTimeline.build(zone, anchor - 4 * DAY, anchor + 4 * DAY);

        const expected = Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(zone).toPlainDateTime();

        expect(wallClockAsPlainDateTime(timeline.toWallClock(instant)).equals(expected)).toBe(true);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('ZoneOffsetTimeline.covering', () => {
  it('covers the range asked for and resolves times as Temporal does, across block boundaries', () => {
    fc.assert(
      fc.property(zonedMoment, fc.integer({ min: 0, max: 200 }), ({ zone, anchor, minutesFromAnchor }, spanDays) => {
        const start = anchor - 4 * DAY;
        const end = anchor + (3 + spanDays) * DAY; // past every wall-clock time asked about below
        const timeline = ZoneOffsetTimeline.covering(zone, start, end);
        expect(timeline.zone).toBe(zone);
        expect(timeline.coverage.start).toBeLessThanOrEqual(start);
        expect(timeline.coverage.end).toBeGreaterThanOrEqual(end);
        const wallClock = timeline.toWallClock(anchor) + minutesFromAnchor * MINUTE;
        const expected = wallClockAsPlainDateTime(wallClock).toZonedDateTime(zone, { disambiguation: 'compatible' }).epochMilliseconds;
        expect(timeline.toInstant(wallClock, 'compatible')).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('hands out the same timeline for ranges in the same blocks of the same zone', () => {
    const start = Date.parse('2026-03-05T00:00:00Z');
    const first = ZoneOffsetTimeline.covering('America/New_York', start, start + DAY);
    expect(ZoneOffsetTimeline.covering('America/New_York', start + DAY, start + 2 * DAY)).toBe(first);
    expect(ZoneOffsetTimeline.covering('Europe/Paris', start, start + DAY)).not.toBe(first);
  });

  it('refuses an unknown zone, naming it, every time it is asked', () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      expect(() => ZoneOffsetTimeline.covering('Mars/Olympus_Mons', 0, DAY)).toThrow(/'Mars\/Olympus_Mons' is not an IANA time zone/);
    }
  });
});

describe('listAlignedStarts', () => {
  it('lists exactly the instants whose local time is a step multiple after local midnight', () => {
    fc.assert(
      fc.property(
        zonedMoment,
        fc.integer({ min: 0, max: 2 * 1_440 }),
        fc.constantFrom(5, 7, 15, 25, 30, 45, 60, 90, 1_440),
        ({ zone, anchor, minutesFromAnchor }, lengthMinutes, stepMinutes) => {
          const from = anchor + minutesFromAnchor * MINUTE;
          const to = from + lengthMinutes * MINUTE;
          const timeline = ZoneOffsetTimeline.build(zone, from - 4 * DAY, to + 4 * DAY);

          expect(listAlignedStarts(timeline, from, to, stepMinutes)).toEqual(alignedStartsByBruteForce(zone, from, to, stepMinutes));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('restarts the step at each local midnight when the step does not divide the day', () => {
    const from = Temporal.Instant.from('2024-01-15T00:00Z').epochMilliseconds;
    const timeline = ZoneOffsetTimeline.build('UTC', from - DAY, from + 3 * DAY);

    const starts = listAlignedStarts(timeline, from + 22 * 60 * MINUTE, from + 25 * 60 * MINUTE, 25);

    // 22:05, 22:30, 22:55, 23:20, 23:45, then 00:00 (not 00:10), 00:25, 00:50.
    expect(starts.map((start) => Temporal.Instant.fromEpochMilliseconds(start).toString())).toEqual([
      '2024-01-15T22:05:00Z',
      '2024-01-15T22:30:00Z',
      '2024-01-15T22:55:00Z',
      '2024-01-15T23:20:00Z',
      '2024-01-15T23:45:00Z',
      '2024-01-16T00:00:00Z',
      '2024-01-16T00:25:00Z',
      '2024-01-16T00:50:00Z',
    ]);
  });
});
