import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDateIn } from './local-date.js';
import { ZONES_WITH_INTERESTING_DATES } from './testing/arbitrary-availability-query.js';

const zones = Object.keys(ZONES_WITH_INTERESTING_DATES);

function localDateByIntl(zone: string, instant: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

describe('localDateIn', () => {
  it('gives the date Intl gives for the zone, around every transition of the zones tested', () => {
    const from = Date.parse('2019-01-01T00:00:00Z');
    const to = Date.parse('2031-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: from / 60_000, max: to / 60_000 }), (zone, minute) => {
        const instant = minute * 60_000;
        expect(localDateIn(zone, instant)).toBe(localDateByIntl(zone, instant));
      }),
      { numRuns: 3_000 },
    );
  });

  it('changes date at local midnight, not UTC midnight', () => {
    expect(localDateIn('America/New_York', Date.parse('2026-03-03T04:59:00Z'))).toBe('2026-03-02');
    expect(localDateIn('America/New_York', Date.parse('2026-03-03T05:00:00Z'))).toBe('2026-03-03');
    expect(localDateIn('Pacific/Kiritimati', Date.parse('2026-03-02T10:00:00Z'))).toBe('2026-03-03');
  });

  it('refuses an unknown zone and a time that is not an instant, naming them', () => {
    expect(() => localDateIn('Nowhere/Atlantis', 0)).toThrow(/zone/);
    expect(() => localDateIn('UTC', Number.NaN)).toThrow(/instant/);
  });
});
