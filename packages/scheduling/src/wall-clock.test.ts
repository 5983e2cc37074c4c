import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { SchedulingInputError } from './scheduling-input-error.js';
import { epochDayOfLocalDate, localDateOfEpochDay } from './wall-clock.js';

const EPOCH = Temporal.PlainDate.from('1970-01-01');
const FIRST_DAY = Temporal.PlainDate.from('0000-01-01').since(EPOCH).days;
const LAST_DAY = Temporal.PlainDate.from('9999-12-31').since(EPOCH).days;

describe('epochDayOfLocalDate and localDateOfEpochDay', () => {
  it('count days from 1970-01-01 as Temporal does, for every date of years 0000–9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_DAY, max: LAST_DAY }), (epochDay) => {
        const date = EPOCH.add({ days: epochDay }).toString();
        expect(localDateOfEpochDay(epochDay)).toBe(date);
        expect(epochDayOfLocalDate(date, 'date')).toBe(epochDay);
      }),
      { numRuns: 5_000 },
    );
  });

  it('agree with Temporal around leap days, century years and the epoch', () => {
    for (const date of [
      '1970-01-01',
      '1969-12-31',
      '2000-02-29',
      '2000-03-01',
      '1900-02-28',
      '1900-03-01',
      '2024-02-29',
      '2026-11-01',
      '0000-01-01',
      '9999-12-31',
    ]) {
      const epochDay = Temporal.PlainDate.from(date).since(EPOCH).days;
      expect(epochDayOfLocalDate(date, 'date')).toBe(epochDay);
      expect(localDateOfEpochDay(epochDay)).toBe(date);
    }
  });

  it('writes days outside years 0000–9999 as Temporal writes them', () => {
    expect(localDateOfEpochDay(FIRST_DAY - 1)).toBe(EPOCH.add({ days: FIRST_DAY - 1 }).toString());
    expect(localDateOfEpochDay(LAST_DAY + 1)).toBe('+010000-01-01');
  });

  it('refuses dates that are not on the calendar, naming the field', () => {
    for (const date of ['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '2026-01-32']) {
      expect(() => epochDayOfLocalDate(date, 'rules.0.effectiveFrom')).toThrow(SchedulingInputError);
      expect(() => epochDayOfLocalDate(date, 'rules.0.effectiveFrom')).toThrow(/rules\.0\.effectiveFrom.*not a calendar date/);
    }
  });

  it('refuses text that is not YYYY-MM-DD', () => {
    for (const text of ['2026-1-01', '26-01-01', '2026/01/01', '2026-01-01T00:00', '']) {
      expect(() => epochDayOfLocalDate(text, 'localDate')).toThrow(/expected 'YYYY-MM-DD'/);
    }
  });
});
