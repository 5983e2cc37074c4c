import { describe, expect, it } from 'vitest';
import { describeRetrySchedule, retryDaysOf } from './retry-days.ts';

describe('the retry schedule', () => {
  it('sorts the days, whatever order they were typed in', () => {
    expect(
      retryDaysOf([
        { rowId: 1, days: '6' },
        { rowId: 2, days: ' 3 ' },
      ]),
    ).toEqual({ ok: true, retryAfterDays: [3, 6] });
  });

  it('puts a message on each row at fault', () => {
    const result = retryDaysOf([
      { rowId: 1, days: '3' },
      { rowId: 2, days: '3' },
      { rowId: 3, days: '90' },
      { rowId: 4, days: 'x' },
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect([...result.rowErrors]).toEqual([
      [2, 'This day is listed twice.'],
      [3, 'Use a day from 1 to 60 after the draw.'],
      [4, 'Enter a whole number of days.'],
    ]);
  });

  it('says the schedule in a sentence', () => {
    expect(describeRetrySchedule([3, 6])).toContain('tried again 3 and 6 days after the draw date');
    expect(describeRetrySchedule([1])).toContain('tried again 1 day after');
    expect(describeRetrySchedule([])).toBe('A declined payment is not tried again: the member is suspended at once.');
  });
});
