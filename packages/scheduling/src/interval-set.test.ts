import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InstantInterval } from './availability-types.js';
import { findSaturatedIntervals, mergeIntervals, subtractIntervals } from './interval-set.js';

const POINTS = 60;
const smallInterval = fc
  .record({ start: fc.integer({ min: 0, max: POINTS }), length: fc.integer({ min: 0, max: 15 }) })
  .map(({ start, length }) => ({ start, end: start + length }));
const smallIntervals = fc.array(smallInterval, { maxLength: 12 });

function contains(intervals: readonly InstantInterval[], point: number): boolean {
  return intervals.some((interval) => interval.start <= point && point < interval.end);
}

function expectIntervalSet(intervals: readonly InstantInterval[]): void {
  intervals.forEach((interval, index) => {
    expect(interval.end).toBeGreaterThan(interval.start);
    const next = intervals[index + 1];
    if (next !== undefined) expect(next.start).toBeGreaterThan(interval.end);
  });
}

function sortedEndpoints(intervals: readonly InstantInterval[]): { starts: number[]; ends: number[] } {
  const nonEmpty = intervals.filter((interval) => interval.end > interval.start);
  return {
    starts: nonEmpty.map((interval) => interval.start).sort((left, right) => left - right),
    ends: nonEmpty.map((interval) => interval.end).sort((left, right) => left - right),
  };
}

describe('interval sets', () => {
  it('mergeIntervals covers exactly the points its inputs cover, as sorted, separated intervals', () => {
    fc.assert(
      fc.property(smallIntervals, (intervals) => {
        const merged = mergeIntervals(intervals);

        expectIntervalSet(merged);
        for (let point = -1; point <= POINTS + 16; point += 1) {
          expect(contains(merged, point)).toBe(contains(intervals, point));
        }
      }),
    );
  });

  it('subtractIntervals keeps exactly the points of the first set outside the second', () => {
    fc.assert(
      fc.property(smallIntervals, smallIntervals, (kept, removed) => {
        const keptSet = mergeIntervals(kept);
        const removedSet = mergeIntervals(removed);

        const remaining = subtractIntervals(keptSet, removedSet);

        for (let point = -1; point <= POINTS + 16; point += 1) {
          expect(contains(remaining, point)).toBe(contains(keptSet, point) && !contains(removedSet, point));
        }
      }),
    );
  });

  it('findSaturatedIntervals marks exactly the points where at least the threshold of intervals overlap', () => {
    fc.assert(
      fc.property(smallIntervals, fc.integer({ min: 1, max: 4 }), (intervals, threshold) => {
        const { starts, ends } = sortedEndpoints(intervals);

        const saturated = findSaturatedIntervals(starts, ends, threshold);

        expectIntervalSet(saturated);
        for (let point = -1; point <= POINTS + 16; point += 1) {
          const overlapping = intervals.filter((interval) => interval.start <= point && point < interval.end).length;
          expect(contains(saturated, point)).toBe(overlapping >= threshold);
        }
      }),
    );
  });

  it('findSaturatedIntervals treats an interval ending where another starts as never overlapping it', () => {
    const { starts, ends } = sortedEndpoints([
      { start: 0, end: 10 },
      { start: 10, end: 20 },
    ]);

    expect(findSaturatedIntervals(starts, ends, 2)).toEqual([]);
  });
});
