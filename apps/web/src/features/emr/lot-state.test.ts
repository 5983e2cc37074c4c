import { describe, expect, it } from 'vitest';
import { formatLocalDay, lotStateOf } from './lot-state.ts';

const lot = { expiresOn: '2027-03-31', quantityOnHand: 10, recalls: [] };
const recall = { id: '00000000-0000-4000-8000-000000000001', recalledAt: '2026-12-07T15:00:00.000Z', patientCount: 2 };

describe('lotStateOf', () => {
  it('keeps a lot usable through its expiry date and flags it expired the day after', () => {
    expect(lotStateOf(lot, '2027-03-31')).toEqual({ label: 'In stock', tone: 'in_stock' });
    expect(lotStateOf(lot, '2027-04-01')).toEqual({ label: 'Expired', tone: 'unusable' });
  });

  it('flags an empty lot out of stock, and both flags when it is also expired', () => {
    expect(lotStateOf({ ...lot, quantityOnHand: 0 }, '2026-12-07')).toEqual({ label: 'Out of stock', tone: 'unusable' });
    expect(lotStateOf({ ...lot, quantityOnHand: 0 }, '2028-01-01')).toEqual({ label: 'Expired · Out of stock', tone: 'unusable' });
  });

  it('says a lot was recalled when it can still be charted', () => {
    expect(lotStateOf({ ...lot, recalls: [recall] }, '2026-12-07')).toEqual({ label: 'Recalled', tone: 'recalled' });
  });
});

describe('formatLocalDay', () => {
  it('writes the local date itself, whatever the zone', () => {
    expect(formatLocalDay('2099-06-30')).toBe('Jun 30, 2099');
    expect(formatLocalDay('2027-01-01')).toBe('Jan 1, 2027');
  });
});
