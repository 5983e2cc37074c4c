import type { EpochMilliseconds, ProviderBusyInterval, ResourceBusyInterval } from '@glowdesk/scheduling';
import type { Transaction } from '../../platform/database.ts';

export interface BusyTimeQuery {
  practiceId: string;
  /** The clinic being searched. */
  clinicId: string;
  /** Providers whose busy time matters. Their bookings at every clinic count: a provider is in one place at a time. */
  providerIds: readonly string[];
  /** Resources (all at `clinicId`) whose claimed units matter. */
  resourceIds: readonly string[];
  /** [from, to): return every interval that overlaps it. */
  from: EpochMilliseconds;
  to: EpochMilliseconds;
}

export interface BusyTimes {
  /** Provider time already taken, buffers included. */
  providerBusy: ProviderBusyInterval[];
  /** One entry per claimed unit of a resource. */
  resourceBusy: ResourceBusyInterval[];
}

/**
 * Where availability learns what is already booked. The appointments module implements it
 * over its own tables and buildApp passes it in; until then nothing is booked.
 *
 * It runs inside the search's transaction (practice set, row-level security on), so a search
 * reads schedules and bookings from one snapshot. Implementations answer with one bounded
 * query per kind, never one per provider or per day.
 */
export interface BusyTimeSource {
  findBusyTimes(tx: Transaction, query: BusyTimeQuery): Promise<BusyTimes>;
}

export const noBusyTimes: BusyTimeSource = {
  async findBusyTimes() {
    return { providerBusy: [], resourceBusy: [] };
  },
};
