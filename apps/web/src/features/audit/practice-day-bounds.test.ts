import { describe, expect, it } from 'vitest';
import { localDateRangeToInstants, nextLocalDate, startOfLocalDate } from './practice-day-bounds.ts';

describe('startOfLocalDate', () => {
  it('gives midnight in New York as an instant in winter and in summer', () => {
    expect(startOfLocalDate('2026-01-15', 'America/New_York').toISOString()).toBe('2026-01-15T05:00:00.000Z');
    expect(startOfLocalDate('2026-07-15', 'America/New_York').toISOString()).toBe('2026-07-15T04:00:00.000Z');
  });

  it('uses the offset in force at midnight on the days clocks change at 02:00', () => {
    expect(startOfLocalDate('2026-03-08', 'America/New_York').toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(startOfLocalDate('2026-11-01', 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('handles half-hour zones', () => {
    expect(startOfLocalDate('2026-01-15', 'Asia/Kolkata').toISOString()).toBe('2026-01-14T18:30:00.000Z');
  });

  it('starts the day when the gap ends where midnight does not exist', () => {
    // Chile moves clocks from 00:00 to 01:00 on the first Sunday of September.
    expect(startOfLocalDate('2026-09-06', 'America/Santiago').toISOString()).toBe('2026-09-06T04:00:00.000Z');
  });

  it('takes the first midnight where midnight happens twice', () => {
    // Cuba moves clocks from 01:00 back to 00:00 on the first Sunday of November.
    expect(startOfLocalDate('2026-11-01', 'America/Havana').toISOString()).toBe('2026-11-01T04:00:00.000Z');
  });

  it('starts the day after a clocks-back change at midnight with its only midnight', () => {
    // Chile moves clocks from 00:00 back to 23:00 on the first Sunday of April.
    expect(startOfLocalDate('2026-04-05', 'America/Santiago').toISOString()).toBe('2026-04-05T04:00:00.000Z');
  });

  it('rejects anything but YYYY-MM-DD', () => {
    expect(() => startOfLocalDate('04/01/2026', 'UTC')).toThrow(RangeError);
  });
});

describe('localDateRangeToInstants', () => {
  it('includes the whole "to" day by ending at the next local midnight', () => {
    expect(localDateRangeToInstants({ from: '2026-03-07', to: '2026-03-08' }, 'America/New_York')).toEqual({
      from: '2026-03-07T05:00:00.000Z',
      to: '2026-03-09T04:00:00.000Z',
    });
  });

  it('leaves out bounds that were not given', () => {
    expect(localDateRangeToInstants({ to: '2026-12-31' }, 'UTC')).toEqual({ to: '2027-01-01T00:00:00.000Z' });
    expect(localDateRangeToInstants({}, 'UTC')).toEqual({});
  });
});

describe('nextLocalDate', () => {
  it('rolls over months and leap days', () => {
    expect(nextLocalDate('2028-02-28')).toBe('2028-02-29');
    expect(nextLocalDate('2026-12-31')).toBe('2027-01-01');
  });
});
