import type { AvailabilityQuery, InstantInterval, OpenSlot } from './availability-types.js';
import { latestStartWithinHorizon } from './booking-horizon.js';
import { EXPANSION_MARGIN_MILLISECONDS, expandParsedSchedule } from './expand-working-intervals.js';
import { groupBusyIntervals, type BusyEndpoints } from './group-busy-intervals.js';
import { findSaturatedIntervals, mergeIntervals, subtractIntervals } from './interval-set.js';
import { listAlignedStarts } from './list-aligned-starts.js';
import type { ServiceSequencePlan } from './plan-service-sequence.js';
import { prepareAvailabilityQuery } from './prepare-availability-query.js';
import { firstIndexAfter, firstIndexAtOrAfter } from './sorted-search.js';
import { MILLISECONDS_PER_MINUTE } from './wall-clock.js';
import { ZoneOffsetTimeline } from './zone-offset-timeline.js';

const NO_BUSY: BusyEndpoints = { starts: new Float64Array(0), ends: new Float64Array(0) };

/**
 * Every start at which the whole service sequence can be booked, ascending, with every provider
 * who could take it and the resources it would claim.
 *
 * A start qualifies when:
 * - it is a local wall-clock multiple of `slotStepMinutes` after local midnight (so never inside
 *   a spring-forward gap, and twice in a fall-back hour when that hour is worked);
 * - it is at or after `now` + `minimumNoticeMinutes`, at or before the same wall-clock time
 *   `bookingHorizonDays` local days after `now`, and the visit [start, end) lies inside `range`;
 * - every segment has enough free units of each resource it needs during the segment itself;
 * - one provider eligible for every service is free, and inside working hours, over the whole
 *   span the sequence blocks them: every segment widened by its own buffers. Buffers must fit
 *   inside working hours, and touching working intervals count as one.
 */
export function findOpenSlots(query: AvailabilityQuery): OpenSlot[] {
  const { plan, candidateProviders, resourceQuantities } = prepareAvailabilityQuery(query);
  const latestStartByHorizon = latestStartWithinHorizon(query.now, query.zone, query.bookingHorizonDays);
  const earliestStart = Math.max(query.range.from, query.now + query.minimumNoticeMinutes * MILLISECONDS_PER_MINUTE);
  const latestStart = Math.min(latestStartByHorizon, query.range.to - plan.visitMilliseconds);
  if (latestStart < earliestStart || candidateProviders.length === 0) return [];

  const providerWindow: InstantInterval = {
    start: earliestStart + plan.blockedFromMilliseconds,
    end: latestStart + plan.blockedUntilMilliseconds,
  };
  const timeline = ZoneOffsetTimeline.build(
    query.zone,
    providerWindow.start - EXPANSION_MARGIN_MILLISECONDS,
    providerWindow.end + EXPANSION_MARGIN_MILLISECONDS,
  );
  const starts = listAlignedStarts(timeline, earliestStart, latestStart, query.slotStepMinutes);
  if (starts.length === 0) return [];

  const resourceWindow: InstantInterval = { start: earliestStart, end: latestStart + plan.visitMilliseconds };
  const busyByResource = groupBusyIntervals(
    query.resourceBusy,
    (interval) => interval.resourceId,
    new Set(plan.resourceIds),
    resourceWindow,
    'resourceBusy',
  );
  const blockedByResources = markStartsShortOfResources(starts, plan, resourceQuantities, busyByResource);

  const busyByProvider = groupBusyIntervals(
    query.providerBusy,
    (interval) => interval.providerId,
    new Set(candidateProviders.map((provider) => provider.providerId)),
    providerWindow,
    'providerBusy',
  );
  // Providers are visited in query order, so each start's list comes out in that order.
  const providerIdsByStart = new Array<string[] | undefined>(starts.length);
  for (const provider of candidateProviders) {
    const working = mergeIntervals(expandParsedSchedule(provider, timeline, providerWindow.start, providerWindow.end));
    const busy = busyByProvider.get(provider.providerId) ?? NO_BUSY;
    const free = subtractIntervals(working, findSaturatedIntervals(busy.starts, busy.ends, 1));
    for (const freeInterval of free) {
      const firstFittingStart = freeInterval.start - plan.blockedFromMilliseconds;
      const lastFittingStart = freeInterval.end - plan.blockedUntilMilliseconds;
      for (
        let startIndex = firstIndexAtOrAfter(starts, firstFittingStart);
        startIndex < starts.length && (starts[startIndex] ?? Infinity) <= lastFittingStart;
        startIndex += 1
      ) {
        if (blockedByResources[startIndex] === 1) continue;
        const providerIds = providerIdsByStart[startIndex];
        if (providerIds === undefined) providerIdsByStart[startIndex] = [provider.providerId];
        else providerIds.push(provider.providerId);
      }
    }
  }

  const slots: OpenSlot[] = [];
  starts.forEach((start, startIndex) => {
    const providerIds = providerIdsByStart[startIndex];
    if (providerIds === undefined) return;
    slots.push({ start, end: start + plan.visitMilliseconds, providerIds, resourceIds: [...plan.resourceIds] });
  });
  return slots;
}

/**
 * Flags (with 1) each start at which some segment would find a resource it needs without
 * enough free units. A resource of quantity Q with N units needed is short wherever at least
 * Q - N + 1 busy intervals overlap, found by a sweep rather than by counting every overlap.
 */
function markStartsShortOfResources(
  starts: readonly number[],
  plan: ServiceSequencePlan,
  resourceQuantities: ReadonlyMap<string, number>,
  busyByResource: ReadonlyMap<string, BusyEndpoints>,
): Uint8Array {
  const blocked = new Uint8Array(starts.length);
  const shortIntervalsByNeed = new Map<string, InstantInterval[]>();
  for (const segment of plan.segments) {
    for (const [resourceId, unitsNeeded] of segment.resourceUnits) {
      const needKey = `${unitsNeeded}:${resourceId}`;
      let shortIntervals = shortIntervalsByNeed.get(needKey);
      if (shortIntervals === undefined) {
        const busy = busyByResource.get(resourceId) ?? NO_BUSY;
        const quantity = resourceQuantities.get(resourceId) ?? 0;
        shortIntervals = findSaturatedIntervals(busy.starts, busy.ends, quantity - unitsNeeded + 1);
        shortIntervalsByNeed.set(needKey, shortIntervals);
      }
      // The segment [t + offset, t + offset + duration) overlaps a short interval [a, b)
      // exactly when a - offset - duration < t < b - offset.
      const segmentEndOffset = segment.offsetMilliseconds + segment.durationMilliseconds;
      for (const shortInterval of shortIntervals) {
        const until = shortInterval.end - segment.offsetMilliseconds;
        for (
          let startIndex = firstIndexAfter(starts, shortInterval.start - segmentEndOffset);
          startIndex < starts.length && (starts[startIndex] ?? Infinity) < until;
          startIndex += 1
        ) {
          blocked[startIndex] = 1;
        }
      }
    }
  }
  return blocked;
}
