import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findOpenSlots } from './find-open-slots.js';
import { arbitraryAvailabilityQuery } from './testing/arbitrary-availability-query.js';
import {
  findOpenSlotsByBruteForce,
  isCoveredBy,
  providerSpansOf,
  workingIntervalsByBruteForce,
} from './testing/find-open-slots-by-brute-force.js';

const DAY = 86_400_000;

describe('findOpenSlots properties', () => {
  it('offers exactly the slots a brute-force search of every wall-clock time finds', () => {
    fc.assert(
      fc.property(arbitraryAvailabilityQuery(), (query) => {
        expect(findOpenSlots(query)).toEqual(findOpenSlotsByBruteForce(query));
      }),
      { numRuns: 300 },
    );
  });

  it('never lets a slot’s provider-blocked span overlap one of that provider’s busy intervals', () => {
    fc.assert(
      fc.property(arbitraryAvailabilityQuery(), (query) => {
        for (const slot of findOpenSlots(query)) {
          for (const providerId of slot.providerIds) {
            for (const span of providerSpansOf(query, slot.start)) {
              const overlapping = query.providerBusy.filter(
                (busy) => busy.providerId === providerId && busy.end > busy.start && busy.start < span.end && busy.end > span.start,
              );
              expect(overlapping).toEqual([]);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('places every slot, buffers included, inside each listed provider’s working hours', () => {
    fc.assert(
      fc.property(arbitraryAvailabilityQuery(), (query) => {
        for (const slot of findOpenSlots(query)) {
          for (const providerId of slot.providerIds) {
            const schedule = query.providers.find((provider) => provider.providerId === providerId);
            expect(schedule).toBeDefined();
            if (schedule === undefined) continue;
            const working = workingIntervalsByBruteForce(schedule, query.zone, slot.start - 2 * DAY, slot.end + DAY);
            for (const span of providerSpansOf(query, slot.start)) {
              expect(isCoveredBy(span, working)).toBe(true);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never needs more units of a resource than are free during any segment', () => {
    fc.assert(
      fc.property(arbitraryAvailabilityQuery(), (query) => {
        for (const slot of findOpenSlots(query)) {
          let segmentStart = slot.start;
          for (const service of query.services) {
            const segmentEnd = segmentStart + service.durationMinutes * 60_000;
            for (const resource of query.resources) {
              const unitsNeeded = service.resourceIds.filter((resourceId) => resourceId === resource.resourceId).length;
              if (unitsNeeded === 0) continue;
              // Check every minute: slow, but independent of how the engine sweeps.
              for (let moment = segmentStart; moment < segmentEnd; moment += 60_000) {
                const inUse = query.resourceBusy.filter(
                  (claim) => claim.resourceId === resource.resourceId && claim.start <= moment && moment < claim.end,
                ).length;
                expect(inUse + unitsNeeded).toBeLessThanOrEqual(resource.quantity);
              }
            }
            segmentStart = segmentEnd;
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
