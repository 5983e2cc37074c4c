import type { ScheduleRule } from '@glowdesk/contracts';
import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../../../shared/api/api-problem.ts';
import {
  checkPeriods,
  copyMondayToWeekdays,
  emptyPeriod,
  nextInterval,
  periodsFromRules,
  placeRuleProblems,
  rulesFromPeriods,
} from './weekly-hours.ts';

const rule = (
  weekday: number,
  start: string,
  end: string,
  effectiveFrom = '2026-01-05',
  effectiveTo: string | null = null,
): ScheduleRule => ({
  id: `${weekday}-${start}-${effectiveFrom}`,
  clinicId: 'clinic',
  weekday,
  start,
  end,
  effectiveFrom,
  effectiveTo,
});

describe('weekly hours', () => {
  it('groups rules into periods by their dates, intervals in time order', () => {
    const periods = periodsFromRules([
      rule(1, '14:00', '18:00'),
      rule(1, '09:00', '13:00'),
      rule(6, '10:00', '14:00', '2026-06-01', '2026-08-31'),
    ]);
    expect(periods).toHaveLength(2);
    expect(periods[0]?.days[0]).toEqual([
      { start: '09:00', end: '13:00' },
      { start: '14:00', end: '18:00' },
    ]);
    expect(periods[1]).toMatchObject({ effectiveFrom: '2026-06-01', effectiveTo: '2026-08-31' });
    expect(periods[1]?.days[5]).toEqual([{ start: '10:00', end: '14:00' }]);
  });

  it('round-trips periods into the rule list the API replaces', () => {
    const periods = periodsFromRules([rule(1, '09:00', '13:00'), rule(3, '14:00', '24:00')]);
    const { rules, origins } = rulesFromPeriods(periods);
    expect(rules).toEqual([
      { weekday: 1, start: '09:00', end: '13:00', effectiveFrom: '2026-01-05', effectiveTo: null },
      { weekday: 3, start: '14:00', end: '24:00', effectiveFrom: '2026-01-05', effectiveTo: null },
    ]);
    expect(origins).toEqual([
      { period: 0, weekday: 0 },
      { period: 0, weekday: 2 },
    ]);
  });

  it("places the server's overlap problem on the weekday row it names", () => {
    const period = emptyPeriod('2026-07-01');
    period.days[1] = [
      { start: '09:00', end: '13:00' },
      { start: '12:00', end: '18:00' },
    ];
    const { origins } = rulesFromPeriods([period]);
    const problem = new ApiProblem({
      status: 400,
      code: 'overlapping_rules',
      detail: 'rules[1]: Overlaps rules[0] (Tuesday 09:00–13:00).',
      field: 'rules[1]',
      errors: [{ field: 'rules[1]', message: 'Overlaps rules[0] (Tuesday 09:00–13:00).', code: 'overlapping_rules' }],
    });
    const { placed, unplaced } = placeRuleProblems(problem, origins);
    expect(unplaced).toEqual([]);
    expect(placed.get(0)?.days.get(1)).toBe('These hours overlap 9:00 AM – 1:00 PM on Tuesday. Intervals on one day must not overlap.');
  });

  it('keeps problems it cannot place for the form alert', () => {
    const problem = new ApiProblem({
      status: 400,
      code: 'provider_not_at_clinic',
      detail: 'Sofia does not work at SoHo.',
      field: 'clinicId',
    });
    expect(placeRuleProblems(problem, []).unplaced).toEqual(['Sofia does not work at SoHo.']);
  });

  it('refuses an interval that ends before it starts, naming the day', () => {
    const period = emptyPeriod('2026-07-01');
    period.days[4] = [{ start: '17:00', end: '09:00' }];
    expect(checkPeriods([period]).get(0)?.days.get(4)).toContain('the end must be after the start');
  });

  it('accepts midnight as the end of a day', () => {
    const period = emptyPeriod('2026-07-01');
    period.days[4] = [{ start: '18:00', end: '24:00' }];
    expect(checkPeriods([period]).size).toBe(0);
  });

  it('copies Monday to the other weekdays, leaving the weekend', () => {
    const period = emptyPeriod('2026-07-01');
    period.days[0] = [{ start: '09:00', end: '12:00' }];
    period.days[5] = [{ start: '10:00', end: '14:00' }];
    const copied = copyMondayToWeekdays(period);
    expect(copied.days.slice(0, 5).every((day) => day.length === 1 && day[0]?.start === '09:00')).toBe(true);
    expect(copied.days[5]).toEqual([{ start: '10:00', end: '14:00' }]);
  });

  it('suggests the next interval after a lunch break', () => {
    expect(nextInterval([])).toEqual({ start: '09:00', end: '17:00' });
    expect(nextInterval([{ start: '09:00', end: '12:00' }])).toEqual({ start: '13:00', end: '17:00' });
    expect(nextInterval([{ start: '09:00', end: '21:30' }])).toEqual({ start: '22:30', end: '24:00' });
  });
});
