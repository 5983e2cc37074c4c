import { describe, expect, it } from 'vitest';
import { groupOpenTimes } from './group-open-times.ts';

const slot = (start: string, providerIds = ['p1']) => ({ start, providerIds });
const nowMs = Date.parse('2026-11-16T15:00:00Z');
const noFilters = { nowMs, partOfDay: 'any' as const, weekdays: new Set<number>() };

describe('open times by day', () => {
  it('groups by the clinic’s local date, soonest first, and drops times already begun', () => {
    const days = groupOpenTimes(
      [slot('2026-11-17T16:00:00Z'), slot('2026-11-16T14:45:00Z'), slot('2026-11-16T20:30:00Z'), slot('2026-11-17T03:30:00Z')],
      'America/New_York',
      noFilters,
    );
    expect(days.map((day) => [day.localDate, day.times.map((time) => time.startMin)])).toEqual([
      // 03:30Z on the 17th is 10:30 PM on the 16th in New York.
      ['2026-11-16', [15 * 60 + 30, 22 * 60 + 30]],
      ['2026-11-17', [11 * 60]],
    ]);
  });

  it('keeps only the part of the day and the weekdays asked for', () => {
    const slots = [slot('2026-11-16T15:00:00Z'), slot('2026-11-16T19:00:00Z'), slot('2026-11-17T19:00:00Z'), slot('2026-11-18T23:00:00Z')];
    const afternoons = groupOpenTimes(slots, 'America/New_York', { ...noFilters, partOfDay: 'afternoon' });
    expect(afternoons.map((day) => day.localDate)).toEqual(['2026-11-16', '2026-11-17']);
    // 2026-11-17 is a Tuesday (ISO weekday 2).
    const tuesdays = groupOpenTimes(slots, 'America/New_York', { ...noFilters, weekdays: new Set([2]) });
    expect(tuesdays.map((day) => day.localDate)).toEqual(['2026-11-17']);
  });

  it('leaves out a slot nobody can take', () => {
    expect(groupOpenTimes([slot('2026-11-17T16:00:00Z', [])], 'UTC', noFilters)).toEqual([]);
  });
});
