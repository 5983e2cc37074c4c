import { describe, expect, it } from 'vitest';
import type { ProviderSchedule } from './availability-types.js';
import { expandWorkingIntervals, worksThroughout } from './expand-working-intervals.js';
import { at, createTestSchedule, EVERY_WEEKDAY, weeklyRules } from './testing/availability-test-builders.js';

const HOUR = 3_600_000;

function scheduleWith(rules: ProviderSchedule['weekly'][number]['rules'], overrides: ProviderSchedule['overrides'] = []) {
  return createTestSchedule({ weekly: [{ effectiveFrom: '2020-01-01', rules }], overrides });
}

describe('expandWorkingIntervals', () => {
  it('gives the fall-back night’s 00:00–08:00 shift nine real hours and shows both offsets', () => {
    const [interval, ...others] = expandWorkingIntervals(
      scheduleWith(weeklyRules([7], '00:00', '08:00')),
      'America/New_York',
      at('2024-11-03T00:00Z'),
      at('2024-11-04T00:00Z'),
    );

    expect(others).toEqual([]);
    expect(interval).toEqual({
      start: at('2024-11-03T04:00Z'),
      end: at('2024-11-03T13:00Z'),
      localDate: '2024-11-03',
      localStart: '2024-11-03T00:00-04:00',
      localEnd: '2024-11-03T08:00-05:00',
      source: 'weekly',
    });
    expect(((interval?.end ?? 0) - (interval?.start ?? 0)) / HOUR).toBe(9);
  });

  it('gives the spring-forward night’s 00:00–08:00 shift seven real hours', () => {
    const [interval] = expandWorkingIntervals(
      scheduleWith(weeklyRules([7], '00:00', '08:00')),
      'America/New_York',
      at('2024-03-10T00:00Z'),
      at('2024-03-11T00:00Z'),
    );

    expect(((interval?.end ?? 0) - (interval?.start ?? 0)) / HOUR).toBe(7);
  });

  it('moves a start inside the skipped hour forward by the length of the gap', () => {
    const [interval] = expandWorkingIntervals(
      scheduleWith(weeklyRules([7], '02:30', '04:00')),
      'America/New_York',
      at('2024-03-10T00:00Z'),
      at('2024-03-11T00:00Z'),
    );

    expect(interval?.localStart).toBe('2024-03-10T03:30-04:00');
  });

  it('shows an overnight shift on the local date it starts', () => {
    const intervals = expandWorkingIntervals(
      scheduleWith(weeklyRules([5], '22:00', '02:00')),
      'America/New_York',
      at('2024-01-13T05:00Z'),
      at('2024-01-13T06:00Z'),
    );

    expect(intervals).toEqual([
      {
        start: at('2024-01-13T03:00Z'),
        end: at('2024-01-13T07:00Z'),
        localDate: '2024-01-12',
        localStart: '2024-01-12T22:00-05:00',
        localEnd: '2024-01-13T02:00-05:00',
        source: 'weekly',
      },
    ]);
  });

  it('applies a weekly schedule only from its effectiveFrom to its effectiveTo, both inclusive', () => {
    const schedule = createTestSchedule({
      weekly: [{ effectiveFrom: '2024-01-10', effectiveTo: '2024-01-12', rules: weeklyRules(EVERY_WEEKDAY, '09:00', '10:00') }],
    });

    const intervals = expandWorkingIntervals(schedule, 'America/New_York', at('2024-01-08T00:00Z'), at('2024-01-16T00:00Z'));

    expect(intervals.map((interval) => interval.localDate)).toEqual(['2024-01-10', '2024-01-11', '2024-01-12']);
  });

  it('adds up weekly schedules whose effective dates overlap', () => {
    const schedule = createTestSchedule({
      weekly: [
        { effectiveFrom: '2024-01-01', rules: weeklyRules([1], '09:00', '12:00') },
        { effectiveFrom: '2024-01-15', effectiveTo: '2024-01-15', rules: weeklyRules([1], '14:00', '16:00') },
      ],
    });

    const intervals = expandWorkingIntervals(schedule, 'America/New_York', at('2024-01-15T00:00Z'), at('2024-01-16T00:00Z'));

    expect(intervals.map((interval) => interval.localStart)).toEqual(['2024-01-15T09:00-05:00', '2024-01-15T14:00-05:00']);
  });

  it('replaces the weekly rules of an overridden date and marks its intervals as overrides', () => {
    const schedule = scheduleWith(weeklyRules(EVERY_WEEKDAY, '09:00', '17:00'), [
      {
        localDate: '2024-01-15',
        intervals: [
          { start: '07:00', end: '11:00' },
          { start: '12:00', end: '13:00' },
        ],
      },
    ]);

    const intervals = expandWorkingIntervals(schedule, 'Asia/Kolkata', at('2024-01-14T18:30Z'), at('2024-01-15T18:30Z'));

    expect(intervals.map(({ localStart, localEnd, source }) => ({ localStart, localEnd, source }))).toEqual([
      { localStart: '2024-01-15T07:00+05:30', localEnd: '2024-01-15T11:00+05:30', source: 'override' },
      { localStart: '2024-01-15T12:00+05:30', localEnd: '2024-01-15T13:00+05:30', source: 'override' },
    ]);
  });

  it('returns whole intervals that overlap the window, without clipping them', () => {
    const intervals = expandWorkingIntervals(
      scheduleWith(weeklyRules(EVERY_WEEKDAY, '09:00', '17:00')),
      'Europe/London',
      at('2024-01-15T12:00Z'),
      at('2024-01-15T12:01Z'),
    );

    expect(intervals.map((interval) => [interval.start, interval.end])).toEqual([[at('2024-01-15T09:00Z'), at('2024-01-15T17:00Z')]]);
  });
});

describe('worksThroughout', () => {
  const dayShift = scheduleWith(weeklyRules(EVERY_WEEKDAY, '09:00', '17:00'));

  it('is true for a window inside a shift, including one that ends as the shift ends', () => {
    expect(worksThroughout(dayShift, 'UTC', at('2024-01-15T09:00Z'), at('2024-01-15T10:00Z'))).toBe(true);
    expect(worksThroughout(dayShift, 'UTC', at('2024-01-15T16:00Z'), at('2024-01-15T17:00Z'))).toBe(true);
  });

  it('is false for a window that starts before the shift or runs past its end', () => {
    expect(worksThroughout(dayShift, 'UTC', at('2024-01-15T08:45Z'), at('2024-01-15T09:15Z'))).toBe(false);
    expect(worksThroughout(dayShift, 'UTC', at('2024-01-15T16:45Z'), at('2024-01-15T17:15Z'))).toBe(false);
  });

  it('reads the shift in the clinic’s zone', () => {
    // 09:00–17:00 in New York is 14:00–22:00 UTC in January.
    expect(worksThroughout(dayShift, 'America/New_York', at('2024-01-15T14:00Z'), at('2024-01-15T15:00Z'))).toBe(true);
    expect(worksThroughout(dayShift, 'America/New_York', at('2024-01-15T09:00Z'), at('2024-01-15T10:00Z'))).toBe(false);
  });

  it('joins a shift past midnight written as two rules into one stretch', () => {
    const overnight = scheduleWith([...weeklyRules([1], '20:00', '24:00'), ...weeklyRules([2], '00:00', '04:00')]);
    // Monday 2024-01-15 23:00 to Tuesday 01:00.
    expect(worksThroughout(overnight, 'UTC', at('2024-01-15T23:00Z'), at('2024-01-16T01:00Z'))).toBe(true);
    expect(worksThroughout(overnight, 'UTC', at('2024-01-16T03:00Z'), at('2024-01-16T05:00Z'))).toBe(false);
  });

  it('is false across a gap between two shifts of the same day', () => {
    const split = scheduleWith([...weeklyRules([1], '09:00', '12:00'), ...weeklyRules([1], '13:00', '17:00')]);
    expect(worksThroughout(split, 'UTC', at('2024-01-15T11:30Z'), at('2024-01-15T13:30Z'))).toBe(false);
    expect(worksThroughout(split, 'UTC', at('2024-01-15T13:00Z'), at('2024-01-15T14:00Z'))).toBe(true);
  });

  it('follows a date override instead of the weekly rules', () => {
    const dayOff = scheduleWith(weeklyRules(EVERY_WEEKDAY, '09:00', '17:00'), [{ localDate: '2024-01-15', intervals: [] }]);
    expect(worksThroughout(dayOff, 'UTC', at('2024-01-15T10:00Z'), at('2024-01-15T11:00Z'))).toBe(false);
  });

  it('counts the fall-back night’s 00:00–08:00 shift as nine real hours', () => {
    const night = scheduleWith(weeklyRules([7], '00:00', '08:00'));
    expect(worksThroughout(night, 'America/New_York', at('2024-11-03T04:00Z'), at('2024-11-03T13:00Z'))).toBe(true);
    expect(worksThroughout(night, 'America/New_York', at('2024-11-03T04:00Z'), at('2024-11-03T13:30Z'))).toBe(false);
  });

  it('refuses a window that ends before it starts, naming the field', () => {
    expect(() => worksThroughout(dayShift, 'UTC', at('2024-01-15T10:00Z'), at('2024-01-15T09:00Z'))).toThrow(/to/);
  });
});
