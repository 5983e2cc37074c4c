import type { AvailabilityQuery } from './availability-types.js';
import { parseProviderSchedule, type ParsedProviderSchedule } from './parse-provider-schedule.js';
import { planServiceSequence, type ServiceSequencePlan } from './plan-service-sequence.js';
import { SchedulingInputError } from './scheduling-input-error.js';
import { requireInstant, requireInstantRange, requireWholeNumber } from './validate-numbers.js';
import { MINUTES_PER_DAY } from './wall-clock.js';

export interface PreparedAvailabilityQuery {
  plan: ServiceSequencePlan;
  /** Providers who may take the sequence (eligible, and matching the filter), in query order. */
  candidateProviders: readonly ParsedProviderSchedule[];
  resourceQuantities: ReadonlyMap<string, number>;
}

const LONGEST_HORIZON_DAYS = 3_660;

/** Validates what both searches share and parses the schedules of the providers that matter. */
export function prepareAvailabilityQuery(query: AvailabilityQuery): PreparedAvailabilityQuery {
  requireInstant(query.now, 'now');
  requireInstantRange(query.range, 'range');
  requireWholeNumber(query.minimumNoticeMinutes, 'minimumNoticeMinutes', 0);
  requireWholeNumber(query.bookingHorizonDays, 'bookingHorizonDays', 0, LONGEST_HORIZON_DAYS);
  requireWholeNumber(query.slotStepMinutes, 'slotStepMinutes', 1, MINUTES_PER_DAY);
  const plan = planServiceSequence(query.services);

  const resourceQuantities = new Map<string, number>();
  query.resources.forEach((resource, index) => {
    if (resourceQuantities.has(resource.resourceId)) {
      throw new SchedulingInputError(`resources.${index}.resourceId`, `'${resource.resourceId}' is listed twice`);
    }
    resourceQuantities.set(resource.resourceId, requireWholeNumber(resource.quantity, `resources.${index}.quantity`, 0));
  });
  query.services.forEach((service, serviceIndex) => {
    service.resourceIds.forEach((resourceId, resourceIndex) => {
      if (!resourceQuantities.has(resourceId)) {
        throw new SchedulingInputError(
          `services.${serviceIndex}.resourceIds.${resourceIndex}`,
          `'${resourceId}' is not among the resources`,
        );
      }
    });
  });

  const seenProviderIds = new Set<string>();
  const candidateProviders: ParsedProviderSchedule[] = [];
  query.providers.forEach((schedule, index) => {
    if (seenProviderIds.has(schedule.providerId)) {
      throw new SchedulingInputError(`providers.${index}.providerId`, `'${schedule.providerId}' is listed twice`);
    }
    seenProviderIds.add(schedule.providerId);
    if (!plan.eligibleProviderIds.has(schedule.providerId)) return;
    if (query.providerId !== undefined && query.providerId !== schedule.providerId) return;
    candidateProviders.push(parseProviderSchedule(schedule, `providers.${index}`));
  });
  return { plan, candidateProviders, resourceQuantities };
}
