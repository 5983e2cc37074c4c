import { describe, expect, it } from 'vitest';
import { addDays, formatMinutes, isoWeekday, localToday, startOfWeek, wallClockOf, zonedInstant } from './clinic-time.ts';

describe('clinic time', () => {
  it('places an instant on the clinic wall clock, not the process zone', () => {
    expect(wallClockOf('2026-11-16T15:30:00Z', 'America/New_York')).toEqual({ localDate: '2026-11-16', minutes: 10 * 60 + 30 });
    expect(wallClockOf('2026-11-16T03:00:00Z', 'America/Los_Angeles')).toEqual({ localDate: '2026-11-15', minutes: 19 * 60 });
    expect(wallClockOf('2026-11-16T03:00:00Z', 'Asia/Kolkata')).toEqual({ localDate: '2026-11-16', minutes: 8 * 60 + 30 });
  });

  it('turns a wall-clock time back into the instant, on both sides of a DST change', () => {
    expect(zonedInstant('2026-03-07', 9 * 60, 'America/New_York').toISOString()).toBe('2026-03-07T14:00:00.000Z');
    expect(zonedInstant('2026-03-09', 9 * 60, 'America/New_York').toISOString()).toBe('2026-03-09T13:00:00.000Z');
  });

  it('moves a time skipped by spring-forward forward by the gap', () => {
    expect(zonedInstant('2026-03-08', 2 * 60 + 30, 'America/New_York').toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('takes the first of a repeated time when clocks go back', () => {
    expect(zonedInstant('2026-11-01', 60 + 30, 'America/New_York').toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('does calendar arithmetic on local dates', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(startOfWeek('2026-11-22')).toBe('2026-11-16');
    expect(localToday('Pacific/Kiritimati', new Date('2026-11-16T23:00:00Z'))).toBe('2026-11-17');
  });

  it('labels minutes from midnight as a 12-hour time', () => {
    expect(formatMinutes(0)).toBe('12:00 AM');
    expect(formatMinutes(13 * 60 + 5)).toBe('1:05 PM');
  });
});
