import { describe, expect, it } from 'vitest';
import { describeNoShowFee, keepNoShowRange } from './no-show-range.ts';

describe('the No Shows date range', () => {
  it('keeps a range of up to 93 days as chosen', () => {
    expect(keepNoShowRange({ from: '2026-01-01', to: '2026-04-03' }, 'from')).toEqual({ from: '2026-01-01', to: '2026-04-03' });
  });

  it('drags the end along when the start moves more than 93 days before it', () => {
    expect(keepNoShowRange({ from: '2025-06-01', to: '2026-03-01' }, 'from')).toEqual({ from: '2025-06-01', to: '2025-09-01' });
  });

  it('drags the start along when the end moves more than 93 days after it', () => {
    expect(keepNoShowRange({ from: '2026-01-01', to: '2026-12-31' }, 'to')).toEqual({ from: '2026-09-30', to: '2026-12-31' });
  });
});

describe('the no-show fee badge', () => {
  it('says charged once the fee invoice is paid, not requested', () => {
    expect(describeNoShowFee('paid').label).toBe('Fee charged');
    expect(describeNoShowFee('unpaid').label).toBe('Fee not paid');
    expect(describeNoShowFee('refunded').label).toBe('Fee refunded');
    expect(describeNoShowFee(undefined).label).toBe('Fee requested');
  });
});
