import { describe, expect, it } from 'vitest';
import { formatPrice, formatVisitTime } from './booking-format.ts';

describe('formatVisitTime', () => {
  it('shows the visit on the clinic’s clock and names its zone, whatever zone the browser is in', () => {
    expect(formatVisitTime('2026-12-08T15:30:00Z', '2026-12-08T16:15:00Z', 'America/New_York')).toEqual({
      day: 'Tuesday, December 8, 2026',
      time: '10:30 AM – 11:15 AM EST',
    });
    expect(formatVisitTime('2026-12-08T03:00:00Z', '2026-12-08T03:30:00Z', 'America/Los_Angeles').day).toBe('Monday, December 7, 2026');
  });
});

describe('formatPrice', () => {
  it('writes cents in the practice’s currency, and says when the clinic quotes the price', () => {
    expect(formatPrice(45_000, 'USD')).toBe('$450.00');
    expect(formatPrice(null, 'USD')).toBe('Price at consultation');
    expect(formatPrice(0, 'USD')).toBe('Free');
  });
});
