import type { AvailabilityQuery, EpochMilliseconds, InstantInterval } from './availability-types.js';
import { EXPANSION_MARGIN_MILLISECONDS, expandParsedSchedule } from './expand-working-intervals.js';
import { groupBusyIntervals } from './group-busy-intervals.js';
import { mergeIntervals } from './interval-set.js';
import { prepareAvailabilityQuery } from './prepare-availability-query.js';
import { requireInstant } from './validate-numbers.js';
import { ZoneOffsetTimeline } from './zone-offset-timeline.js';

/**
 * Providers, in query order, who could take the whole sequence starting at `start`: eligible
 * for every service (and matching `providerId` when given), working over the whole span the
 * sequence blocks them (buffers included), and with no busy interval overlapping it.
 *
 * This answers the front desk booking a time of its choosing, so it ignores what only governs
 * offered slots: step alignment, `range`, minimum notice, horizon and resources.
 */
export function findUnoccupiedProviders(query: AvailabilityQuery, start: EpochMilliseconds): string[] {
  requireInstant(start, 'start');
  const { plan, candidateProviders } = prepareAvailabilityQuery(query);
  if (candidateProviders.length === 0) return [];
  const blockedSpan: InstantInterval = {
    start: start + plan.blockedFromMilliseconds,
    end: start + plan.blockedUntilMilliseconds,
  };
  const timeline = ZoneOffsetTimeline.build(
    query.zone,
    blockedSpan.start - EXPANSION_MARGIN_MILLISECONDS,
    blockedSpan.end + EXPANSION_MARGIN_MILLISECONDS,
  );
  const busyByProvider = groupBusyIntervals(
    query.providerBusy,
    (interval) => interval.providerId,
    new Set(candidateProviders.map((provider) => provider.providerId)),
    blockedSpan,
    'providerBusy',
  );
  return candidateProviders
    .filter((provider) => {
      if (busyByProvider.has(provider.providerId)) return false;
      const working = mergeIntervals(expandParsedSchedule(provider, timeline, blockedSpan.start, blockedSpan.end));
      return working.some((interval) => interval.start <= blockedSpan.start && blockedSpan.end <= interval.end);
    })
    .map((provider) => provider.providerId);
}
