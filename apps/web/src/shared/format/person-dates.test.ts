import { describe, expect, it } from 'vitest';
import { describeBirthDate, formatCalendarDate } from './person-dates.ts';

describe('dates for people', () => {
  it('writes a date of birth with the month spelled, never as ISO', () => {
    expect(describeBirthDate('1982-04-21')).toBe('born Apr 21, 1982');
    expect(describeBirthDate(null)).toBeNull();
  });

  it('keeps the calendar day whatever the zone (the first of the year stays the first)', () => {
    expect(formatCalendarDate('2000-01-01')).toBe('Jan 1, 2000');
  });
});
