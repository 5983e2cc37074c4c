import type { AvailabilityQuery, OpenSlot, WorkingInterval } from '../availability-types.js';
import { expandWorkingIntervals } from '../expand-working-intervals.js';
import { findOpenSlots } from '../find-open-slots.js';
import { findUnoccupiedProviders } from '../find-unoccupied-providers.js';

export interface AvailabilitySnapshot {
  slots: OpenSlot[];
  unoccupiedProviderIds: string[];
  workingIntervals: WorkingInterval[];
}

/** Everything the engine answers about one query, for comparing runs. */
export function takeAvailabilitySnapshot(query: AvailabilityQuery): AvailabilitySnapshot {
  const slots = findOpenSlots(query);
  const firstProvider = query.providers[0];
  return {
    slots,
    unoccupiedProviderIds: findUnoccupiedProviders(query, slots[0]?.start ?? query.range.from),
    workingIntervals:
      firstProvider === undefined ? [] : expandWorkingIntervals(firstProvider, query.zone, query.range.from, query.range.to),
  };
}
