import type { InstantInterval } from './availability-types.js';
import { requireInstantInterval } from './validate-numbers.js';

/** One owner's busy intervals as two separately sorted endpoint arrays (what a sweep needs). */
export interface BusyEndpoints {
  starts: Float64Array;
  ends: Float64Array;
}

/**
 * Groups busy intervals by owner (provider or resource), keeping only owners in `ownerIds` and
 * intervals that overlap `window`. Every interval is validated, kept or not.
 */
export function groupBusyIntervals<Busy extends InstantInterval>(
  busy: readonly Busy[],
  ownerIdOf: (interval: Busy) => string,
  ownerIds: ReadonlySet<string>,
  window: InstantInterval,
  field: string,
): Map<string, BusyEndpoints> {
  const startsByOwner = new Map<string, number[]>();
  const endsByOwner = new Map<string, number[]>();
  busy.forEach((interval, index) => {
    requireInstantInterval(interval, `${field}.${index}`);
    const ownerId = ownerIdOf(interval);
    if (interval.end <= window.start || interval.start >= window.end || interval.end === interval.start) return;
    if (!ownerIds.has(ownerId)) return;
    let starts = startsByOwner.get(ownerId);
    let ends = endsByOwner.get(ownerId);
    if (starts === undefined || ends === undefined) {
      starts = [];
      ends = [];
      startsByOwner.set(ownerId, starts);
      endsByOwner.set(ownerId, ends);
    }
    starts.push(interval.start);
    ends.push(interval.end);
  });
  const grouped = new Map<string, BusyEndpoints>();
  for (const [ownerId, starts] of startsByOwner) {
    grouped.set(ownerId, {
      starts: Float64Array.from(starts).sort(),
      ends: Float64Array.from(endsByOwner.get(ownerId) ?? []).sort(),
    });
  }
  return grouped;
}
