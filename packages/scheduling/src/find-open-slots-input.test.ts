import { describe, expect, it } from 'vitest';
import type { AvailabilityQuery } from './availability-types.js';
import { findOpenSlots } from './find-open-slots.js';
import { SchedulingInputError } from './scheduling-input-error.js';
import { at, createTestAvailabilityQuery, createTestSchedule, createTestService } from './testing/availability-test-builders.js';

function fieldAtFault(query: AvailabilityQuery): string | undefined {
  try {
    findOpenSlots(query);
  } catch (error) {
    if (error instanceof SchedulingInputError) return error.field;
    throw error;
  }
  return undefined;
}

describe('findOpenSlots input checks', () => {
  it.each([
    {
      behaviour: 'rejects a wall-clock time that is not HH:MM, naming the rule',
      query: createTestAvailabilityQuery({
        providers: [
          createTestSchedule({ weekly: [{ effectiveFrom: '2024-01-01', rules: [{ weekday: 1, start: '9:00', end: '17:00' }] }] }),
        ],
      }),
      field: 'providers.0.weekly.0.rules.0.start',
    },
    {
      behaviour: 'rejects 24:00 as a start time',
      query: createTestAvailabilityQuery({
        providers: [createTestSchedule({ overrides: [{ localDate: '2024-01-15', intervals: [{ start: '24:00', end: '02:00' }] }] })],
      }),
      field: 'providers.0.overrides.0.intervals.0.start',
    },
    {
      behaviour: 'rejects a local date that is not on the calendar',
      query: createTestAvailabilityQuery({ providers: [createTestSchedule({ overrides: [{ localDate: '2024-02-30', intervals: [] }] })] }),
      field: 'providers.0.overrides.0.localDate',
    },
    {
      behaviour: 'rejects a weekday outside 1–7',
      query: createTestAvailabilityQuery({
        providers: [
          createTestSchedule({ weekly: [{ effectiveFrom: '2024-01-01', rules: [{ weekday: 0 as 1, start: '09:00', end: '17:00' }] }] }),
        ],
      }),
      field: 'providers.0.weekly.0.rules.0.weekday',
    },
    {
      behaviour: 'rejects a service needing a resource the clinic does not list',
      query: createTestAvailabilityQuery({ services: [createTestService({ resourceIds: ['laser'] })] }),
      field: 'services.0.resourceIds.0',
    },
    {
      behaviour: 'rejects an empty service sequence',
      query: createTestAvailabilityQuery({ services: [] }),
      field: 'services',
    },
    {
      behaviour: 'rejects a zero-minute service',
      query: createTestAvailabilityQuery({ services: [createTestService({ durationMinutes: 0 })] }),
      field: 'services.0.durationMinutes',
    },
    {
      behaviour: 'rejects a slot step that is not a whole number of minutes',
      query: createTestAvailabilityQuery({ slotStepMinutes: 7.5 }),
      field: 'slotStepMinutes',
    },
    {
      behaviour: 'rejects an unknown time zone',
      query: createTestAvailabilityQuery({ zone: 'Mars/Olympus_Mons' }),
      field: 'zone',
    },
    {
      behaviour: 'rejects a busy interval that ends before it starts',
      query: createTestAvailabilityQuery({
        providerBusy: [{ providerId: 'provider-a', start: at('2024-01-15T15:00Z'), end: at('2024-01-15T14:00Z') }],
      }),
      field: 'providerBusy.0',
    },
    {
      behaviour: 'rejects a provider listed twice',
      query: createTestAvailabilityQuery({ providers: [createTestSchedule(), createTestSchedule()] }),
      field: 'providers.1.providerId',
    },
    {
      behaviour: 'rejects a range that ends before it starts',
      query: createTestAvailabilityQuery({ range: { from: at('2024-01-16T00:00Z'), to: at('2024-01-15T00:00Z') } }),
      field: 'range',
    },
  ])('$behaviour', ({ query, field }) => {
    expect(fieldAtFault(query)).toBe(field);
  });

  it('returns no slots, rather than failing, when nobody is eligible', () => {
    expect(findOpenSlots(createTestAvailabilityQuery({ services: [createTestService({ eligibleProviderIds: [] })] }))).toEqual([]);
  });
});
