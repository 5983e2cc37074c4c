import { describe, expect, it } from 'vitest';
import { firstWorkingProvider, layoutLanes, splitByLocalDate, visibleDayBounds } from './book-columns.ts';

describe('book columns', () => {
  it('cuts a span at local midnight in the clinic zone', () => {
    expect(splitByLocalDate('2026-11-17T03:00:00Z', '2026-11-17T06:00:00Z', 'America/New_York')).toEqual([
      { localDate: '2026-11-16', startMin: 22 * 60, endMin: 24 * 60 },
      { localDate: '2026-11-17', startMin: 0, endMin: 60 },
    ]);
  });

  it('puts overlapping appointments side by side and lets the rest use the full width', () => {
    const lanes = layoutLanes([
      { id: 'a', startMin: 540, endMin: 600 },
      { id: 'b', startMin: 570, endMin: 630 },
      { id: 'c', startMin: 600, endMin: 660 },
      { id: 'd', startMin: 700, endMin: 730 },
    ]);
    const byId = Object.fromEntries(lanes.map((item) => [item.id, [item.lane, item.lanes]]));
    expect(byId).toEqual({ a: [0, 2], b: [1, 2], c: [0, 2], d: [0, 1] });
  });

  it('shows at least 7 AM to 8 PM and widens to whole hours', () => {
    expect(visibleDayBounds([])).toEqual({ dayStartMin: 420, dayEndMin: 1200 });
    expect(visibleDayBounds([{ startMin: 6 * 60 + 30, endMin: 21 * 60 + 15 }])).toEqual({ dayStartMin: 360, dayEndMin: 22 * 60 });
  });
});

describe('the provider a phone’s day, or the week, opens on', () => {
  const providers = [{ id: 'aisha' }, { id: 'daniel' }, { id: 'sofia' }];
  const hours = [{ startMin: 600, endMin: 1140 }];
  const day = '2026-12-07';

  it('is the first provider working that day, never one who is not working', () => {
    const working = new Map([
      ['aisha', new Map()],
      ['daniel', new Map([[day, hours]])],
      ['sofia', new Map([[day, hours]])],
    ]);
    expect(firstWorkingProvider(providers, working, [day])?.id).toBe('daniel');
  });

  it('waits while an earlier provider’s hours are still loading instead of opening on a later one', () => {
    const working = new Map([['sofia', new Map([[day, hours]])]]);
    expect(firstWorkingProvider(providers, working, [day])).toBeUndefined();
  });

  it('is the first provider when nobody works that day', () => {
    const working = new Map(providers.map((provider) => [provider.id, new Map()]));
    expect(firstWorkingProvider(providers, working, [day])?.id).toBe('aisha');
  });

  it('opens the week on the first provider who works any day of it, not on one with no hours that week', () => {
    const week = ['2026-12-07', '2026-12-08', '2026-12-09', '2026-12-10', '2026-12-11', '2026-12-12', '2026-12-13'];
    const working = new Map([
      ['aisha', new Map([['2026-12-14', hours]])],
      ['daniel', new Map([['2026-12-12', hours]])],
      ['sofia', new Map([[day, hours]])],
    ]);
    expect(firstWorkingProvider(providers, working, week)?.id).toBe('daniel');
  });
});
