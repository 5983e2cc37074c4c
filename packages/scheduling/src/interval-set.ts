import type { InstantInterval } from './availability-types.js';

/**
 * Functions over interval sets: arrays of half-open intervals sorted by start and pairwise
 * disjoint. Touching intervals ([a, b) and [b, c)) do not overlap.
 */

/** Sorts and unites intervals, joining those that overlap or touch. Empty intervals vanish. */
export function mergeIntervals(intervals: readonly InstantInterval[]): InstantInterval[] {
  const sorted = intervals.filter((interval) => interval.end > interval.start);
  sorted.sort((left, right) => left.start - right.start);
  const merged: InstantInterval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && interval.start <= last.end) {
      if (interval.end > last.end) last.end = interval.end;
    } else {
      merged.push({ start: interval.start, end: interval.end });
    }
  }
  return merged;
}

/** The parts of interval set `kept` not covered by interval set `removed`. */
export function subtractIntervals(kept: readonly InstantInterval[], removed: readonly InstantInterval[]): InstantInterval[] {
  const remaining: InstantInterval[] = [];
  let removedIndex = 0;
  for (const interval of kept) {
    let cursor = interval.start;
    while (removedIndex < removed.length && (removed[removedIndex]?.end ?? Infinity) <= cursor) {
      removedIndex += 1;
    }
    let scan = removedIndex;
    for (;;) {
      const blocker = removed[scan];
      if (blocker === undefined || blocker.start >= interval.end) break;
      if (blocker.start > cursor) remaining.push({ start: cursor, end: blocker.start });
      if (blocker.end > cursor) cursor = blocker.end;
      if (cursor >= interval.end) break;
      scan += 1;
    }
    if (cursor < interval.end) remaining.push({ start: cursor, end: interval.end });
  }
  return remaining;
}

/**
 * Where at least `threshold` of the given intervals overlap, as an interval set. `starts` and
 * `ends` hold the same intervals' starts and ends, each sorted ascending on its own (a sweep
 * needs only the event times). A threshold of 0 or less is met everywhere.
 */
export function findSaturatedIntervals(starts: ArrayLike<number>, ends: ArrayLike<number>, threshold: number): InstantInterval[] {
  if (threshold <= 0) return [{ start: -Infinity, end: Infinity }];
  const saturated: InstantInterval[] = [];
  let startIndex = 0;
  let endIndex = 0;
  let overlapping = 0;
  let saturatedSince = 0;
  while (endIndex < ends.length) {
    const nextStart = startIndex < starts.length ? (starts[startIndex] ?? Infinity) : Infinity;
    const nextEnd = ends[endIndex] ?? Infinity;
    // An interval ending where another starts frees its unit first: half-open intervals.
    if (nextEnd <= nextStart) {
      if (overlapping === threshold) {
        const last = saturated[saturated.length - 1];
        if (last !== undefined && last.end === saturatedSince) last.end = nextEnd;
        else saturated.push({ start: saturatedSince, end: nextEnd });
      }
      overlapping -= 1;
      endIndex += 1;
    } else {
      overlapping += 1;
      if (overlapping === threshold) saturatedSince = nextStart;
      startIndex += 1;
    }
  }
  return saturated;
}
