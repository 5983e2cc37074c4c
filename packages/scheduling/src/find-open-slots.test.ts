import { describe, expect, it } from 'vitest';
import type { AvailabilityQuery, IsoWeekday, ProviderSchedule } from './availability-types.js';
import { findOpenSlots } from './find-open-slots.js';
import {
  at,
  createTestAvailabilityQuery,
  createTestSchedule,
  createTestService,
  EVERY_WEEKDAY,
  slotStarts,
  toIsoInstants,
  weeklyRules,
} from './testing/availability-test-builders.js';

interface SlotScenario {
  behaviour: string;
  query: AvailabilityQuery;
  expectedStarts: string[];
}

const FRIDAY: IsoWeekday = 5;
const SATURDAY: IsoWeekday = 6;
const SUNDAY: IsoWeekday = 7;

function scheduleWith(rules: ProviderSchedule['weekly'][number]['rules'], overrides: ProviderSchedule['overrides'] = []) {
  return createTestSchedule({ weekly: [{ effectiveFrom: '2020-01-01', rules }], overrides });
}

/** One provider on `rules`, a service of `durationMinutes`, slots every `stepMinutes`, in `zone`. */
function scenarioQuery(options: {
  zone: string;
  rules: ProviderSchedule['weekly'][number]['rules'];
  overrides?: ProviderSchedule['overrides'];
  from: string;
  to: string;
  durationMinutes: number;
  stepMinutes: number;
}): AvailabilityQuery {
  return createTestAvailabilityQuery({
    zone: options.zone,
    providers: [scheduleWith(options.rules, options.overrides)],
    range: { from: at(options.from), to: at(options.to) },
    services: [createTestService({ durationMinutes: options.durationMinutes })],
    slotStepMinutes: options.stepMinutes,
  });
}

function expectStarts(scenarios: SlotScenario[]): void {
  it.each(scenarios)('$behaviour', ({ query, expectedStarts }) => {
    expect(slotStarts(findOpenSlots(query))).toEqual(expectedStarts);
  });
}

describe('findOpenSlots across daylight-saving changes', () => {
  describe('America/New_York', () => {
    expectStarts([
      {
        behaviour: 'keeps 09:00–12:00 local on both sides of the spring-forward',
        query: scenarioQuery({
          zone: 'America/New_York',
          rules: weeklyRules(EVERY_WEEKDAY, '09:00', '12:00'),
          from: '2024-03-09T00:00Z',
          to: '2024-03-11T00:00Z',
          durationMinutes: 60,
          stepMinutes: 60,
        }),
        expectedStarts: [
          '2024-03-09T14:00:00Z',
          '2024-03-09T15:00:00Z',
          '2024-03-09T16:00:00Z',
          '2024-03-10T13:00:00Z',
          '2024-03-10T14:00:00Z',
          '2024-03-10T15:00:00Z',
        ],
      },
      {
        behaviour: 'offers no start in the skipped hour and counts the spring-forward night in real time',
        query: scenarioQuery({
          zone: 'America/New_York',
          rules: weeklyRules([SUNDAY], '00:00', '05:00'),
          from: '2024-03-10T00:00Z',
          to: '2024-03-11T00:00Z',
          durationMinutes: 30,
          stepMinutes: 30,
        }),
        // 00:00, 00:30, 01:00, 01:30 EST, then 03:00 … 04:30 EDT: nothing at 02:xx.
        expectedStarts: [
          '2024-03-10T05:00:00Z',
          '2024-03-10T05:30:00Z',
          '2024-03-10T06:00:00Z',
          '2024-03-10T06:30:00Z',
          '2024-03-10T07:00:00Z',
          '2024-03-10T07:30:00Z',
          '2024-03-10T08:00:00Z',
          '2024-03-10T08:30:00Z',
        ],
      },
      {
        behaviour: 'starts a working interval that begins in the skipped hour when the clocks show the later time',
        query: scenarioQuery({
          zone: 'America/New_York',
          rules: weeklyRules([SUNDAY], '02:30', '04:00'),
          from: '2024-03-10T00:00Z',
          to: '2024-03-11T00:00Z',
          durationMinutes: 30,
          stepMinutes: 30,
        }),
        // 02:30 does not exist and resolves to 03:30 EDT; 03:30–04:00 EDT fits one slot.
        expectedStarts: ['2024-03-10T07:30:00Z'],
      },
      {
        behaviour: 'offers both occurrences of the repeated hour on the fall-back night',
        query: scenarioQuery({
          zone: 'America/New_York',
          rules: weeklyRules([SUNDAY], '00:00', '03:00'),
          from: '2024-11-03T00:00Z',
          to: '2024-11-04T00:00Z',
          durationMinutes: 30,
          stepMinutes: 30,
        }),
        // 00:00–01:30 EDT, then 01:00–02:30 EST: four real hours of work.
        expectedStarts: [
          '2024-11-03T04:00:00Z',
          '2024-11-03T04:30:00Z',
          '2024-11-03T05:00:00Z',
          '2024-11-03T05:30:00Z',
          '2024-11-03T06:00:00Z',
          '2024-11-03T06:30:00Z',
          '2024-11-03T07:00:00Z',
          '2024-11-03T07:30:00Z',
        ],
      },
      {
        behaviour: 'ends a working interval at the first occurrence of an end time in the repeated hour',
        query: scenarioQuery({
          zone: 'America/New_York',
          rules: weeklyRules([SUNDAY], '00:00', '01:30'),
          from: '2024-11-03T00:00Z',
          to: '2024-11-04T00:00Z',
          durationMinutes: 30,
          stepMinutes: 30,
        }),
        expectedStarts: ['2024-11-03T04:00:00Z', '2024-11-03T04:30:00Z', '2024-11-03T05:00:00Z'],
      },
      {
        behaviour: 'starts a working interval at the first occurrence of a start time in the repeated hour and runs it in real time',
        query: scenarioQuery({
          zone: 'America/New_York',
          rules: weeklyRules([SUNDAY], '01:30', '03:00'),
          from: '2024-11-03T00:00Z',
          to: '2024-11-04T00:00Z',
          durationMinutes: 30,
          stepMinutes: 30,
        }),
        // 01:30 EDT, then 01:00, 01:30, 02:00, 02:30 EST.
        expectedStarts: [
          '2024-11-03T05:30:00Z',
          '2024-11-03T06:00:00Z',
          '2024-11-03T06:30:00Z',
          '2024-11-03T07:00:00Z',
          '2024-11-03T07:30:00Z',
        ],
      },
      {
        behaviour: 'keeps 09:00–11:00 local on both sides of the fall-back',
        query: scenarioQuery({
          zone: 'America/New_York',
          rules: weeklyRules(EVERY_WEEKDAY, '09:00', '11:00'),
          from: '2024-11-02T00:00Z',
          to: '2024-11-04T00:00Z',
          durationMinutes: 60,
          stepMinutes: 60,
        }),
        expectedStarts: ['2024-11-02T13:00:00Z', '2024-11-02T14:00:00Z', '2024-11-03T14:00:00Z', '2024-11-03T15:00:00Z'],
      },
    ]);
  });

  describe('Europe/London', () => {
    expectStarts([
      {
        behaviour: 'keeps 09:00–10:00 local on both sides of the spring-forward',
        query: scenarioQuery({
          zone: 'Europe/London',
          rules: weeklyRules(EVERY_WEEKDAY, '09:00', '10:00'),
          from: '2024-03-30T00:00Z',
          to: '2024-04-01T00:00Z',
          durationMinutes: 60,
          stepMinutes: 60,
        }),
        expectedStarts: ['2024-03-30T09:00:00Z', '2024-03-31T08:00:00Z'],
      },
      {
        behaviour: 'skips 01:00–02:00 local on the spring-forward night',
        query: scenarioQuery({
          zone: 'Europe/London',
          rules: weeklyRules([SUNDAY], '00:00', '03:00'),
          from: '2024-03-30T12:00Z',
          to: '2024-03-31T12:00Z',
          durationMinutes: 30,
          stepMinutes: 30,
        }),
        // 00:00 and 00:30 GMT, then 02:00 and 02:30 BST.
        expectedStarts: ['2024-03-31T00:00:00Z', '2024-03-31T00:30:00Z', '2024-03-31T01:00:00Z', '2024-03-31T01:30:00Z'],
      },
      {
        behaviour: 'offers both occurrences of 01:00 and 01:30 on the fall-back night',
        query: scenarioQuery({
          zone: 'Europe/London',
          rules: weeklyRules([SUNDAY], '00:30', '02:30'),
          from: '2024-10-26T12:00Z',
          to: '2024-10-27T12:00Z',
          durationMinutes: 30,
          stepMinutes: 30,
        }),
        // 00:30, 01:00, 01:30 BST, then 01:00, 01:30, 02:00 GMT.
        expectedStarts: [
          '2024-10-26T23:30:00Z',
          '2024-10-27T00:00:00Z',
          '2024-10-27T00:30:00Z',
          '2024-10-27T01:00:00Z',
          '2024-10-27T01:30:00Z',
          '2024-10-27T02:00:00Z',
        ],
      },
    ]);
  });

  describe('Australia/Sydney', () => {
    expectStarts([
      {
        behaviour: 'offers both occurrences of 02:00 when daylight saving ends in April',
        query: scenarioQuery({
          zone: 'Australia/Sydney',
          rules: weeklyRules([SUNDAY], '01:00', '04:00'),
          from: '2024-04-06T00:00Z',
          to: '2024-04-07T00:00Z',
          durationMinutes: 60,
          stepMinutes: 60,
        }),
        // 01:00 and 02:00 AEDT, then 02:00 and 03:00 AEST.
        expectedStarts: ['2024-04-06T14:00:00Z', '2024-04-06T15:00:00Z', '2024-04-06T16:00:00Z', '2024-04-06T17:00:00Z'],
      },
      {
        behaviour: 'skips 02:00 local when daylight saving starts in October',
        query: scenarioQuery({
          zone: 'Australia/Sydney',
          rules: weeklyRules([SUNDAY], '01:00', '04:00'),
          from: '2024-10-05T00:00Z',
          to: '2024-10-06T00:00Z',
          durationMinutes: 60,
          stepMinutes: 60,
        }),
        // 01:00 AEST, then 03:00 AEDT.
        expectedStarts: ['2024-10-05T15:00:00Z', '2024-10-05T16:00:00Z'],
      },
      {
        behaviour: 'keeps 09:00–10:00 local on both sides of the October spring-forward',
        query: scenarioQuery({
          zone: 'Australia/Sydney',
          rules: weeklyRules(EVERY_WEEKDAY, '09:00', '10:00'),
          from: '2024-10-04T00:00Z',
          to: '2024-10-07T00:00Z',
          durationMinutes: 60,
          stepMinutes: 60,
        }),
        expectedStarts: ['2024-10-04T23:00:00Z', '2024-10-05T22:00:00Z', '2024-10-06T22:00:00Z'],
      },
    ]);
  });
});

describe('findOpenSlots in a half-hour zone', () => {
  expectStarts([
    {
      behaviour: 'aligns 30-minute slots to Asia/Kolkata wall-clock, half past the UTC hour',
      query: scenarioQuery({
        zone: 'Asia/Kolkata',
        rules: weeklyRules([1], '09:00', '11:00'),
        from: '2024-01-15T00:00Z',
        to: '2024-01-16T00:00Z',
        durationMinutes: 60,
        stepMinutes: 30,
      }),
      expectedStarts: ['2024-01-15T03:30:00Z', '2024-01-15T04:00:00Z', '2024-01-15T04:30:00Z'],
    },
    {
      behaviour: 'aligns a 45-minute step to multiples of 45 minutes after local midnight, not UTC midnight',
      query: scenarioQuery({
        zone: 'Asia/Kolkata',
        rules: weeklyRules([1], '09:00', '11:00'),
        from: '2024-01-15T00:00Z',
        to: '2024-01-16T00:00Z',
        durationMinutes: 60,
        stepMinutes: 45,
      }),
      // 09:00 and 09:45 IST; 10:30 would end after 11:00.
      expectedStarts: ['2024-01-15T03:30:00Z', '2024-01-15T04:15:00Z'],
    },
  ]);
});

describe('findOpenSlots with date overrides', () => {
  expectStarts([
    {
      behaviour: "replaces the spring-forward day's weekly hours with its override",
      query: scenarioQuery({
        zone: 'America/New_York',
        rules: weeklyRules([SUNDAY], '12:00', '14:00'),
        overrides: [{ localDate: '2024-03-10', intervals: [{ start: '08:00', end: '10:00' }] }],
        from: '2024-03-10T00:00Z',
        to: '2024-03-18T00:00Z',
        durationMinutes: 60,
        stepMinutes: 60,
      }),
      expectedStarts: ['2024-03-10T12:00:00Z', '2024-03-10T13:00:00Z', '2024-03-17T16:00:00Z', '2024-03-17T17:00:00Z'],
    },
    {
      behaviour: 'gives a day off on the fall-back day when its override has no intervals',
      query: scenarioQuery({
        zone: 'America/New_York',
        rules: weeklyRules(EVERY_WEEKDAY, '09:00', '10:00'),
        overrides: [{ localDate: '2024-11-03', intervals: [] }],
        from: '2024-11-02T00:00Z',
        to: '2024-11-05T00:00Z',
        durationMinutes: 60,
        stepMinutes: 60,
      }),
      expectedStarts: ['2024-11-02T13:00:00Z', '2024-11-04T14:00:00Z'],
    },
    {
      behaviour: 'lets an override run past midnight into a day that keeps its weekly hours',
      query: scenarioQuery({
        zone: 'America/New_York',
        rules: weeklyRules([SATURDAY], '09:00', '10:00'),
        overrides: [{ localDate: '2024-01-12', intervals: [{ start: '22:00', end: '02:00' }] }],
        from: '2024-01-12T00:00Z',
        to: '2024-01-14T00:00Z',
        durationMinutes: 60,
        stepMinutes: 60,
      }),
      expectedStarts: [
        '2024-01-13T03:00:00Z',
        '2024-01-13T04:00:00Z',
        '2024-01-13T05:00:00Z',
        '2024-01-13T06:00:00Z',
        '2024-01-13T14:00:00Z',
      ],
    },
    {
      behaviour: 'keeps a shift that runs past midnight into a date overridden as a day off',
      query: scenarioQuery({
        zone: 'America/New_York',
        rules: weeklyRules([FRIDAY, SATURDAY], '22:00', '02:00'),
        overrides: [{ localDate: '2024-01-13', intervals: [] }],
        from: '2024-01-12T00:00Z',
        to: '2024-01-15T00:00Z',
        durationMinutes: 60,
        stepMinutes: 60,
      }),
      // Friday night's shift belongs to Friday; only Saturday night's is cancelled.
      expectedStarts: ['2024-01-13T03:00:00Z', '2024-01-13T04:00:00Z', '2024-01-13T05:00:00Z', '2024-01-13T06:00:00Z'],
    },
    {
      behaviour: 'ends an override at the next midnight when it ends at 24:00',
      query: scenarioQuery({
        zone: 'America/New_York',
        rules: [],
        overrides: [{ localDate: '2024-01-12', intervals: [{ start: '20:00', end: '24:00' }] }],
        from: '2024-01-12T00:00Z',
        to: '2024-01-14T00:00Z',
        durationMinutes: 60,
        stepMinutes: 60,
      }),
      expectedStarts: ['2024-01-13T01:00:00Z', '2024-01-13T02:00:00Z', '2024-01-13T03:00:00Z', '2024-01-13T04:00:00Z'],
    },
  ]);
});

describe('findOpenSlots around midnight', () => {
  expectStarts([
    {
      behaviour: 'offers slots that cross midnight inside a 22:00–02:00 shift',
      query: scenarioQuery({
        zone: 'America/New_York',
        rules: weeklyRules([FRIDAY], '22:00', '02:00'),
        from: '2024-01-12T00:00Z',
        to: '2024-01-14T00:00Z',
        durationMinutes: 60,
        stepMinutes: 30,
      }),
      // Friday 22:00 … Saturday 01:00 local.
      expectedStarts: [
        '2024-01-13T03:00:00Z',
        '2024-01-13T03:30:00Z',
        '2024-01-13T04:00:00Z',
        '2024-01-13T04:30:00Z',
        '2024-01-13T05:00:00Z',
        '2024-01-13T05:30:00Z',
        '2024-01-13T06:00:00Z',
      ],
    },
    {
      behaviour: 'offers no slot across midnight when the schedule stops at 24:00 and resumes after 00:00',
      query: scenarioQuery({
        zone: 'America/New_York',
        rules: [
          { weekday: FRIDAY, start: '20:00', end: '24:00' },
          { weekday: SATURDAY, start: '00:30', end: '02:00' },
        ],
        from: '2024-01-12T00:00Z',
        to: '2024-01-14T00:00Z',
        durationMinutes: 60,
        stepMinutes: 30,
      }),
      // Friday 20:00 … 23:00, then Saturday 00:30 and 01:00; never 23:30.
      expectedStarts: [
        '2024-01-13T01:00:00Z',
        '2024-01-13T01:30:00Z',
        '2024-01-13T02:00:00Z',
        '2024-01-13T02:30:00Z',
        '2024-01-13T03:00:00Z',
        '2024-01-13T03:30:00Z',
        '2024-01-13T04:00:00Z',
        '2024-01-13T05:30:00Z',
        '2024-01-13T06:00:00Z',
      ],
    },
    {
      behaviour: 'joins a shift ending at 24:00 with one starting at 00:00 the next day',
      query: scenarioQuery({
        zone: 'America/New_York',
        rules: [
          { weekday: FRIDAY, start: '22:00', end: '24:00' },
          { weekday: SATURDAY, start: '00:00', end: '01:00' },
        ],
        from: '2024-01-12T00:00Z',
        to: '2024-01-14T00:00Z',
        durationMinutes: 60,
        stepMinutes: 30,
      }),
      expectedStarts: [
        '2024-01-13T03:00:00Z',
        '2024-01-13T03:30:00Z',
        '2024-01-13T04:00:00Z',
        '2024-01-13T04:30:00Z',
        '2024-01-13T05:00:00Z',
      ],
    },
  ]);
});

describe('findOpenSlots with buffers', () => {
  const mondayMorning = scheduleWith(weeklyRules([1], '09:00', '12:00'));
  const bufferedService = createTestService({ durationMinutes: 60, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 });

  it('keeps the buffers before and after a service inside working hours', () => {
    const query = createTestAvailabilityQuery({
      providers: [mondayMorning],
      services: [bufferedService],
      slotStepMinutes: 15,
    });

    const slots = findOpenSlots(query);

    // 09:15 … 10:45 local: the buffers take 09:00–09:15 and 11:45–12:00.
    expect(slotStarts(slots)).toEqual([
      '2024-01-15T14:15:00Z',
      '2024-01-15T14:30:00Z',
      '2024-01-15T14:45:00Z',
      '2024-01-15T15:00:00Z',
      '2024-01-15T15:15:00Z',
      '2024-01-15T15:30:00Z',
      '2024-01-15T15:45:00Z',
    ]);
  });

  it('refuses a start whose buffer would overlap the provider’s busy time', () => {
    const query = createTestAvailabilityQuery({
      providers: [mondayMorning],
      services: [bufferedService],
      slotStepMinutes: 15,
      providerBusy: [{ providerId: 'provider-a', start: at('2024-01-15T16:00Z'), end: at('2024-01-15T16:30Z') }],
    });

    const slots = findOpenSlots(query);

    // 10:00 would end at 11:00 but its after-buffer reaches 11:15, into the 11:00 booking.
    expect(slotStarts(slots)).toEqual(['2024-01-15T14:15:00Z', '2024-01-15T14:30:00Z', '2024-01-15T14:45:00Z']);
  });

  it('runs the patient’s services back to back while buffers block only the provider', () => {
    const query = createTestAvailabilityQuery({
      providers: [mondayMorning],
      services: [
        createTestService({ serviceId: 'consultation', durationMinutes: 30, bufferAfterMinutes: 15 }),
        createTestService({ serviceId: 'peel', durationMinutes: 30, bufferBeforeMinutes: 10 }),
      ],
      providerBusy: [{ providerId: 'provider-a', start: at('2024-01-15T15:00Z'), end: at('2024-01-15T16:00Z') }],
    });

    const slots = findOpenSlots(query);

    expect(slots.map((slot) => toIsoInstants([slot.start, slot.end]))).toEqual([
      ['2024-01-15T14:00:00Z', '2024-01-15T15:00:00Z'],
      ['2024-01-15T16:00:00Z', '2024-01-15T17:00:00Z'],
    ]);
  });

  it('lets a later service’s before-buffer reach back before the visit starts', () => {
    const query = createTestAvailabilityQuery({
      providers: [mondayMorning],
      services: [
        createTestService({ serviceId: 'numbing', durationMinutes: 15 }),
        createTestService({ serviceId: 'filler', durationMinutes: 30, bufferBeforeMinutes: 30 }),
      ],
      slotStepMinutes: 15,
    });

    const slots = findOpenSlots(query);

    // The filler's preparation starts 15 minutes before the numbing does, so 09:15 is first.
    expect(slotStarts(slots)[0]).toBe('2024-01-15T14:15:00Z');
  });
});

describe('findOpenSlots with resources', () => {
  const mondayMorning = scheduleWith(weeklyRules([1], '09:00', '11:00'));
  const laser = { resourceId: 'laser', quantity: 1 };
  const room = { resourceId: 'room', quantity: 3 };
  const laserClaim = (start: string, end: string) => ({ resourceId: 'laser', start: at(start), end: at(end) });
  const roomClaim = (start: string, end: string) => ({ resourceId: 'room', start: at(start), end: at(end) });

  it('runs two laser segments of one sequence back to back on a single laser', () => {
    const query = createTestAvailabilityQuery({
      providers: [mondayMorning],
      resources: [laser],
      services: [
        createTestService({ serviceId: 'laser-face', durationMinutes: 30, resourceIds: ['laser'] }),
        createTestService({ serviceId: 'laser-neck', durationMinutes: 30, resourceIds: ['laser'] }),
      ],
      slotStepMinutes: 30,
    });

    expect(slotStarts(findOpenSlots(query))).toEqual(['2024-01-15T14:00:00Z', '2024-01-15T14:30:00Z', '2024-01-15T15:00:00Z']);
  });

  it('needs the laser only during its own segment, not during the consultation before it', () => {
    const query = createTestAvailabilityQuery({
      providers: [mondayMorning],
      resources: [laser, room],
      resourceBusy: [laserClaim('2024-01-15T14:00Z', '2024-01-15T14:30Z')],
      services: [
        createTestService({ serviceId: 'consultation', durationMinutes: 30, resourceIds: ['room'] }),
        createTestService({ serviceId: 'laser', durationMinutes: 30, resourceIds: ['laser'] }),
      ],
      slotStepMinutes: 30,
    });

    expect(slotStarts(findOpenSlots(query))).toEqual(['2024-01-15T14:00:00Z', '2024-01-15T14:30:00Z', '2024-01-15T15:00:00Z']);
  });

  it('refuses a start whose laser segment overlaps another booking on a laser of quantity 1', () => {
    const query = createTestAvailabilityQuery({
      providers: [mondayMorning],
      resources: [laser, room],
      resourceBusy: [laserClaim('2024-01-15T15:00Z', '2024-01-15T15:30Z')],
      services: [
        createTestService({ serviceId: 'consultation', durationMinutes: 30, resourceIds: ['room'] }),
        createTestService({ serviceId: 'laser', durationMinutes: 30, resourceIds: ['laser'] }),
      ],
      slotStepMinutes: 30,
    });

    // 09:30 would use the laser 10:00–10:30; 10:00 uses it 10:30–11:00.
    expect(slotStarts(findOpenSlots(query))).toEqual(['2024-01-15T14:00:00Z', '2024-01-15T15:00:00Z']);
  });

  it('claims the resources of every segment, each listed once in order of first need', () => {
    const query = createTestAvailabilityQuery({
      providers: [mondayMorning],
      resources: [laser, room],
      services: [
        createTestService({ serviceId: 'consultation', durationMinutes: 20, resourceIds: ['room'] }),
        createTestService({ serviceId: 'laser', durationMinutes: 20, resourceIds: ['laser'] }),
        createTestService({ serviceId: 'mask', durationMinutes: 20, resourceIds: ['room'] }),
      ],
    });

    expect(findOpenSlots(query)[0]?.resourceIds).toEqual(['room', 'laser']);
  });

  describe('of quantity 2', () => {
    const twoChairs = { resourceId: 'room', quantity: 2 };
    const chairQuery = (claims: ReturnType<typeof roomClaim>[], resourceIds = ['room']) =>
      createTestAvailabilityQuery({
        providers: [mondayMorning],
        resources: [twoChairs],
        resourceBusy: claims,
        services: [createTestService({ resourceIds })],
      });

    it('stays free while two claims that follow each other never use both units at once', () => {
      const query = chairQuery([roomClaim('2024-01-15T14:00Z', '2024-01-15T14:30Z'), roomClaim('2024-01-15T14:30Z', '2024-01-15T15:00Z')]);

      expect(slotStarts(findOpenSlots(query))).toEqual(['2024-01-15T14:00:00Z', '2024-01-15T15:00:00Z']);
    });

    it('is full where two claims overlap at some moment of the segment', () => {
      const query = chairQuery([
        roomClaim('2024-01-15T14:00Z', '2024-01-15T14:30Z'),
        roomClaim('2024-01-15T14:30Z', '2024-01-15T15:00Z'),
        roomClaim('2024-01-15T14:15Z', '2024-01-15T14:45Z'),
      ]);

      expect(slotStarts(findOpenSlots(query))).toEqual(['2024-01-15T15:00:00Z']);
    });

    it('is full during two simultaneous claims and free again after them', () => {
      const query = chairQuery([roomClaim('2024-01-15T15:00Z', '2024-01-15T16:00Z'), roomClaim('2024-01-15T15:00Z', '2024-01-15T16:00Z')]);

      expect(slotStarts(findOpenSlots(query))).toEqual(['2024-01-15T14:00:00Z']);
    });

    it('needs two free units for a service that lists the resource twice', () => {
      const query = chairQuery([roomClaim('2024-01-15T14:00Z', '2024-01-15T15:00Z')], ['room', 'room']);

      expect(slotStarts(findOpenSlots(query))).toEqual(['2024-01-15T15:00:00Z']);
    });
  });
});

describe('findOpenSlots within notice, horizon and range', () => {
  it('applies the minimum notice across midnight', () => {
    const now = at('2024-01-16T04:30Z'); // Monday 23:30 in New York
    const query = createTestAvailabilityQuery({
      now,
      minimumNoticeMinutes: 120,
      range: { from: now, to: now + 12 * 3_600_000 },
      providers: [scheduleWith(weeklyRules(EVERY_WEEKDAY, '00:00', '03:00'))],
      services: [createTestService({ durationMinutes: 30 })],
      slotStepMinutes: 30,
    });

    // Tuesday 01:30, 02:00, 02:30 local.
    expect(slotStarts(findOpenSlots(query))).toEqual(['2024-01-16T06:30:00Z', '2024-01-16T07:00:00Z', '2024-01-16T07:30:00Z']);
  });

  it('offers nothing that starts after the booking horizon', () => {
    const query = createTestAvailabilityQuery({
      now: at('2024-01-15T12:00Z'),
      bookingHorizonDays: 2,
      range: { from: at('2024-01-15T00:00Z'), to: at('2024-01-25T00:00Z') },
      providers: [scheduleWith(weeklyRules(EVERY_WEEKDAY, '09:00', '10:00'))],
    });

    expect(slotStarts(findOpenSlots(query))).toEqual(['2024-01-15T14:00:00Z', '2024-01-16T14:00:00Z']);
  });

  it('counts the horizon in local calendar days, so it ends at the same wall-clock time after a DST change', () => {
    const query = createTestAvailabilityQuery({
      now: at('2024-03-09T15:00Z'), // Saturday 10:00 EST
      bookingHorizonDays: 1, // until Sunday 10:00 EDT, 23 real hours later
      range: { from: at('2024-03-09T00:00Z'), to: at('2024-03-12T00:00Z') },
      providers: [scheduleWith(weeklyRules(EVERY_WEEKDAY, '09:00', '11:00'))],
      slotStepMinutes: 30,
    });

    expect(slotStarts(findOpenSlots(query))).toEqual([
      '2024-03-09T15:00:00Z',
      '2024-03-10T13:00:00Z',
      '2024-03-10T13:30:00Z',
      '2024-03-10T14:00:00Z',
    ]);
  });

  it('offers no visit that would run past the end of the range', () => {
    const query = createTestAvailabilityQuery({
      range: { from: at('2024-01-15T14:00Z'), to: at('2024-01-15T16:30Z') },
    });

    expect(slotStarts(findOpenSlots(query))).toEqual(['2024-01-15T14:00:00Z', '2024-01-15T15:00:00Z']);
  });
});

describe('findOpenSlots choosing providers', () => {
  const morning = weeklyRules([1], '09:00', '12:00');
  const providerA = createTestSchedule({ providerId: 'provider-a', weekly: [{ effectiveFrom: '2020-01-01', rules: morning }] });
  const providerB = createTestSchedule({ providerId: 'provider-b', weekly: [{ effectiveFrom: '2020-01-01', rules: morning }] });
  const bothProvidersQuery = (overrides: Partial<AvailabilityQuery> = {}) =>
    createTestAvailabilityQuery({
      providers: [providerA, providerB],
      services: [createTestService({ eligibleProviderIds: ['provider-a', 'provider-b'] })],
      providerBusy: [{ providerId: 'provider-b', start: at('2024-01-15T14:00Z'), end: at('2024-01-15T15:00Z') }],
      ...overrides,
    });

  it('lists every provider who could take each slot', () => {
    const slots = findOpenSlots(bothProvidersQuery());

    expect(slots.map((slot) => [toIsoInstants([slot.start])[0], slot.providerIds])).toEqual([
      ['2024-01-15T14:00:00Z', ['provider-a']],
      ['2024-01-15T15:00:00Z', ['provider-a', 'provider-b']],
      ['2024-01-15T16:00:00Z', ['provider-a', 'provider-b']],
    ]);
  });

  it('offers only the chosen provider’s slots when a providerId is given', () => {
    const slots = findOpenSlots(bothProvidersQuery({ providerId: 'provider-b' }));

    expect(slots.map((slot) => [toIsoInstants([slot.start])[0], slot.providerIds])).toEqual([
      ['2024-01-15T15:00:00Z', ['provider-b']],
      ['2024-01-15T16:00:00Z', ['provider-b']],
    ]);
  });

  it('needs one provider eligible for every service of the sequence', () => {
    const slots = findOpenSlots(
      bothProvidersQuery({
        providerBusy: [],
        services: [
          createTestService({ serviceId: 'consultation', durationMinutes: 30, eligibleProviderIds: ['provider-a', 'provider-b'] }),
          createTestService({ serviceId: 'botox', durationMinutes: 30, eligibleProviderIds: ['provider-b'] }),
        ],
      }),
    );

    expect(new Set(slots.flatMap((slot) => slot.providerIds))).toEqual(new Set(['provider-b']));
  });

  it('never splits a sequence between two providers', () => {
    const slots = findOpenSlots(
      bothProvidersQuery({
        providerBusy: [
          { providerId: 'provider-a', start: at('2024-01-15T15:00Z'), end: at('2024-01-15T17:00Z') },
          { providerId: 'provider-b', start: at('2024-01-15T14:00Z'), end: at('2024-01-15T15:00Z') },
          { providerId: 'provider-b', start: at('2024-01-15T16:00Z'), end: at('2024-01-15T17:00Z') },
        ],
        services: [
          createTestService({ serviceId: 'consultation', eligibleProviderIds: ['provider-a', 'provider-b'] }),
          createTestService({ serviceId: 'facial', eligibleProviderIds: ['provider-a', 'provider-b'] }),
        ],
      }),
    );

    // provider-a is free 09:00–10:00 and provider-b 10:00–11:00, but neither for two hours.
    expect(slots).toEqual([]);
  });
});
