import { describe, expect, it } from 'vitest';
import { describeOffset, offsetDraftOf, offsetMinutesOf, offsetProblems, offsetsToSave } from './reminder-offsets.ts';

describe('reminder offsets', () => {
  it('shows the defaults in hours, as the practice speaks of them', () => {
    expect(offsetDraftOf(2880)).toEqual({ amount: 48, unit: 'hours' });
    expect(offsetDraftOf(120)).toEqual({ amount: 2, unit: 'hours' });
    expect(describeOffset(2880)).toBe('48 hours before');
    expect(describeOffset(60)).toBe('1 hour before');
  });

  it('uses days beyond two days and minutes for parts of an hour', () => {
    expect(offsetDraftOf(7 * 1440)).toEqual({ amount: 7, unit: 'days' });
    expect(offsetDraftOf(90)).toEqual({ amount: 90, unit: 'minutes' });
    expect(describeOffset(3 * 1440)).toBe('3 days before');
  });

  it('reads typed amounts as whole numbers only', () => {
    expect(offsetMinutesOf({ amount: '3', unit: 'days' })).toBe(4320);
    expect(offsetMinutesOf({ amount: '', unit: 'hours' })).toBeUndefined();
    expect(offsetMinutesOf({ amount: '1.5', unit: 'hours' })).toBeUndefined();
    expect(offsetMinutesOf({ amount: 0, unit: 'hours' })).toBeUndefined();
  });

  it('refuses times outside 15 minutes to 14 days, and the same time twice', () => {
    expect(
      offsetProblems([
        { amount: 10, unit: 'minutes' },
        { amount: 15, unit: 'days' },
        { amount: 2, unit: 'hours' },
        { amount: 120, unit: 'minutes' },
        { amount: '', unit: 'hours' },
      ]),
    ).toEqual([
      'A reminder goes at least 15 minutes before the start.',
      'A reminder goes at most 14 days before the start.',
      undefined,
      'Already listed: 2 hours before. Each reminder time must be different.',
      'Enter a whole number greater than 0.',
    ]);
  });

  it('saves valid times largest first', () => {
    expect(
      offsetsToSave([
        { amount: 2, unit: 'hours' },
        { amount: 2, unit: 'days' },
        { amount: 30, unit: 'minutes' },
      ]),
    ).toEqual([2880, 120, 30]);
    expect(offsetsToSave([{ amount: 5, unit: 'minutes' }])).toBeUndefined();
  });
});
