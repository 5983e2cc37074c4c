import { describe, expect, it } from 'vitest';
import { addDaysToLocalDate, formatLocalDate, formatWallClock, isoWeekdayOf, localDateToday } from './clinic-dates.ts';

describe('clinic dates', () => {
  it("takes today from the clinic's zone, not the browser's", () => {
    const instant = new Date('2026-03-08T03:30:00Z');
    expect(localDateToday('America/Los_Angeles', instant)).toBe('2026-03-07');
    expect(localDateToday('Asia/Kolkata', instant)).toBe('2026-03-08');
  });

  it('adds days across month ends and DST changes without drifting', () => {
    expect(addDaysToLocalDate('2026-03-07', 1)).toBe('2026-03-08');
    expect(addDaysToLocalDate('2026-03-08', 1)).toBe('2026-03-09');
    expect(addDaysToLocalDate('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDaysToLocalDate('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('numbers weekdays Monday 1 to Sunday 7', () => {
    expect(isoWeekdayOf('2026-07-06')).toBe(1);
    expect(isoWeekdayOf('2026-07-12')).toBe(7);
  });

  it('formats wall-clock values for people', () => {
    expect(formatLocalDate('2026-07-03')).toBe('Fri, Jul 3, 2026');
    expect(formatWallClock('09:00')).toBe('9:00 AM');
    expect(formatWallClock('13:30')).toBe('1:30 PM');
    expect(formatWallClock('00:00')).toBe('12:00 AM');
    expect(formatWallClock('24:00')).toBe('midnight');
  });
});
