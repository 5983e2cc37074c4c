import { describe, expect, it } from 'vitest';
import { openSlotsByDay } from './open-slots-by-day.ts';

const options = { providerId: 'ana', timeZone: 'America/New_York', nowMs: Date.parse('2026-12-07T15:00:00Z') };

describe('openSlotsByDay', () => {
  it('groups the provider’s slots by the clinic’s local date, soonest first, with wall-clock minutes', () => {
    const days = openSlotsByDay(
      [
        { start: '2026-12-08T14:30:00Z', providerIds: ['ana'] },
        { start: '2026-12-08T04:00:00Z', providerIds: ['ana', 'ben'] },
        { start: '2026-12-07T16:00:00Z', providerIds: ['ana'] },
      ],
      options,
    );
    expect([...days.keys()]).toEqual(['2026-12-07', '2026-12-08']);
    // 04:00Z on Dec 8 is 11 PM on Dec 7 in New York.
    expect(days.get('2026-12-07')).toEqual([
      { start: '2026-12-07T16:00:00Z', minutes: 11 * 60 },
      { start: '2026-12-08T04:00:00Z', minutes: 23 * 60 },
    ]);
    expect(days.get('2026-12-08')).toEqual([{ start: '2026-12-08T14:30:00Z', minutes: 9 * 60 + 30 }]);
  });

  it('leaves out slots already begun and slots other providers hold', () => {
    const days = openSlotsByDay(
      [
        { start: '2026-12-07T14:45:00Z', providerIds: ['ana'] },
        { start: '2026-12-07T17:00:00Z', providerIds: ['ben'] },
      ],
      options,
    );
    expect(days.size).toBe(0);
  });
});
