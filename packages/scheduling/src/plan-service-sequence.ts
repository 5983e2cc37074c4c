import type { ServiceSegment } from './availability-types.js';
import { SchedulingInputError } from './scheduling-input-error.js';
import { requireWholeNumber } from './validate-numbers.js';
import { MILLISECONDS_PER_MINUTE, MINUTES_PER_DAY } from './wall-clock.js';

export interface SegmentPlan {
  serviceId: string;
  /** From the visit start to this segment's start. */
  offsetMilliseconds: number;
  durationMilliseconds: number;
  /** Units needed of each resource during this segment. */
  resourceUnits: ReadonlyMap<string, number>;
}

/** A service sequence in visit-relative time, so a candidate start is checked by adding offsets. */
export interface ServiceSequencePlan {
  segments: readonly SegmentPlan[];
  visitMilliseconds: number;
  /**
   * The provider is blocked over [start + blockedFromMilliseconds, start + blockedUntilMilliseconds):
   * the union of every segment widened by its own buffers (one span, since segments touch).
   * `blockedFromMilliseconds` <= 0.
   */
  blockedFromMilliseconds: number;
  blockedUntilMilliseconds: number;
  /** Distinct resources in order of first need. */
  resourceIds: readonly string[];
  /** Providers eligible for every service of the sequence. */
  eligibleProviderIds: ReadonlySet<string>;
}

const LONGEST_SEGMENT_MINUTES = 7 * MINUTES_PER_DAY;

export function planServiceSequence(services: readonly ServiceSegment[]): ServiceSequencePlan {
  if (services.length === 0) {
    throw new SchedulingInputError('services', 'at least one service is required');
  }
  const segments: SegmentPlan[] = [];
  const resourceIds: string[] = [];
  let eligibleProviderIds: Set<string> | undefined;
  let offsetMilliseconds = 0;
  let blockedFromMilliseconds = 0;
  let blockedUntilMilliseconds = 0;
  services.forEach((service, index) => {
    const field = `services.${index}`;
    const durationMilliseconds =
      requireWholeNumber(service.durationMinutes, `${field}.durationMinutes`, 1, LONGEST_SEGMENT_MINUTES) * MILLISECONDS_PER_MINUTE;
    const bufferBeforeMilliseconds =
      requireWholeNumber(service.bufferBeforeMinutes, `${field}.bufferBeforeMinutes`, 0, LONGEST_SEGMENT_MINUTES) * MILLISECONDS_PER_MINUTE;
    const bufferAfterMilliseconds =
      requireWholeNumber(service.bufferAfterMinutes, `${field}.bufferAfterMinutes`, 0, LONGEST_SEGMENT_MINUTES) * MILLISECONDS_PER_MINUTE;
    const resourceUnits = new Map<string, number>();
    for (const resourceId of service.resourceIds) {
      resourceUnits.set(resourceId, (resourceUnits.get(resourceId) ?? 0) + 1);
      if (!resourceIds.includes(resourceId)) resourceIds.push(resourceId);
    }
    const eligibleHere = new Set(service.eligibleProviderIds);
    eligibleProviderIds =
      eligibleProviderIds === undefined
        ? eligibleHere
        : new Set([...eligibleProviderIds].filter((providerId) => eligibleHere.has(providerId)));
    segments.push({ serviceId: service.serviceId, offsetMilliseconds, durationMilliseconds, resourceUnits });
    blockedFromMilliseconds = Math.min(blockedFromMilliseconds, offsetMilliseconds - bufferBeforeMilliseconds);
    offsetMilliseconds += durationMilliseconds;
    blockedUntilMilliseconds = Math.max(blockedUntilMilliseconds, offsetMilliseconds + bufferAfterMilliseconds);
  });
  return {
    segments,
    visitMilliseconds: offsetMilliseconds,
    blockedFromMilliseconds,
    blockedUntilMilliseconds,
    resourceIds,
    eligibleProviderIds: eligibleProviderIds ?? new Set(),
  };
}
