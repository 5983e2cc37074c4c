import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  type BillingInterval,
  drawDateOfPeriod,
  periodNumberOnOrAfter,
  periodsDueThrough,
  scheduleFor,
  startOfLocalDate,
} from './draw-dates.ts';

/**
 * The reference: walk the calendar a day at a time from the enrolment date and collect every
 * day that is a draw day (the anchor day, or a month's last day when the month is shorter),
 * keeping the first one at least one interval after enrolment and all after it.
 */
function bruteForceDrawDates(enrolledOn: string, interval: BillingInterval, drawDay: number, drawMonth: number, count: number): string[] {
  const enrolled = Temporal.PlainDate.from(enrolledOn);
  const earliest = enrolled.add(interval === 'month' ? { months: 1 } : { years: 1 });
  const dates: string[] = [];
  for (let day = enrolled.add({ days: 1 }); dates.length < count; day = day.add({ days: 1 })) {
    if (interval === 'year' && day.month !== drawMonth) continue;
    const isDrawDay = day.day === drawDay || (day.day === day.daysInMonth && drawDay > day.daysInMonth);
    if (!isDrawDay || Temporal.PlainDate.compare(day, earliest) < 0) continue;
    dates.push(day.toString());
  }
  return dates;
}

const localDate = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2031-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));

describe('draw dates', () => {
  it('bills draw day 31 on the last day of February and April, and on the 31st again after', () => {
    const schedule = scheduleFor({ enrolledOn: '2027-01-31', interval: 'month', drawDay: 31 });
    const dates = [1, 2, 3, 4, 5].map((number) => drawDateOfPeriod(schedule, number));
    expect(dates).toEqual(['2027-02-28', '2027-03-31', '2027-04-30', '2027-05-31', '2027-06-30']);
  });

  it('bills February 29 in a leap year and February 28 in the others, for a yearly plan anchored on the 29th', () => {
    const schedule = scheduleFor({ enrolledOn: '2028-02-29', interval: 'year', drawDay: 29, drawMonth: 2 });
    expect([1, 2, 3, 4].map((number) => drawDateOfPeriod(schedule, number))).toEqual([
      '2029-02-28',
      '2030-02-28',
      '2031-02-28',
      '2032-02-29',
    ]);
  });

  it('never charges twice within one interval: a draw day just after enrolment waits for the next month', () => {
    const schedule = scheduleFor({ enrolledOn: '2027-03-30', interval: 'month', drawDay: 1 });
    expect(drawDateOfPeriod(schedule, 1)).toBe('2027-05-01');
    expect(drawDateOfPeriod(scheduleFor({ enrolledOn: '2027-03-05', interval: 'month', drawDay: 5 }), 1)).toBe('2027-04-05');
  });

  it('lists the periods due through a date, from a period number', () => {
    const schedule = scheduleFor({ enrolledOn: '2027-01-15', interval: 'month', drawDay: 15 });
    expect(periodsDueThrough(schedule, 2, '2027-05-14')).toEqual([
      { number: 2, drawDate: '2027-03-15' },
      { number: 3, drawDate: '2027-04-15' },
    ]);
    expect(periodsDueThrough(schedule, 1, '2027-02-14')).toEqual([]);
  });

  it('finds the first period drawn on or after a date', () => {
    const schedule = scheduleFor({ enrolledOn: '2027-01-31', interval: 'month', drawDay: 31 });
    expect(periodNumberOnOrAfter(schedule, '2027-04-30')).toBe(3);
    expect(periodNumberOnOrAfter(schedule, '2027-05-01')).toBe(4);
    expect(periodNumberOnOrAfter(schedule, '2026-01-01')).toBe(1);
  });

  it('starts a draw day at local midnight, also on the days clocks change', () => {
    expect(startOfLocalDate('2027-03-14', 'America/New_York').toISOString()).toBe('2027-03-14T05:00:00.000Z');
    expect(startOfLocalDate('2027-11-07', 'America/New_York').toISOString()).toBe('2027-11-07T04:00:00.000Z');
    // Santiago moves its clocks at midnight: the day begins at 01:00 local time.
    expect(startOfLocalDate('2027-09-05', 'America/Santiago').toISOString()).toBe('2027-09-05T04:00:00.000Z');
    expect(startOfLocalDate('2027-01-01', 'Pacific/Kiritimati').toISOString()).toBe('2026-12-31T10:00:00.000Z');
  });

  it('matches a day-by-day walk of the calendar for any enrolment date, interval and draw day', () => {
    fc.assert(
      fc.property(
        localDate,
        fc.constantFrom<BillingInterval>('month', 'year'),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 12 }),
        (enrolledOn, interval, drawDay, drawMonth) => {
          const schedule = scheduleFor({ enrolledOn, interval, drawDay, drawMonth });
          const count = interval === 'month' ? 14 : 5;
          const expected = bruteForceDrawDates(enrolledOn, interval, drawDay, drawMonth, count);
          const actual = Array.from({ length: count }, (_, index) => drawDateOfPeriod(schedule, index + 1));
          expect(actual).toEqual(expected);
          for (const [index, date] of actual.entries()) expect(periodNumberOnOrAfter(schedule, date)).toBe(index + 1);
        },
      ),
      { numRuns: 200 },
    );
  });
});
