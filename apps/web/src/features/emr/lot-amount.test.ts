import { describe, expect, it } from 'vitest';
import { amountLabel, formatLotAmount, injectableAmountOf, parseLotAmount, totalsByLot } from './lot-amount.ts';

describe('lot amounts', () => {
  it('show the amount with its lot’s unit', () => {
    expect(formatLotAmount(20, 'units')).toBe('20 units');
    expect(formatLotAmount(1, 'units')).toBe('1 unit');
    expect(formatLotAmount(0.55, 'mL')).toBe('0.55 mL');
    expect(formatLotAmount(1, 'mL')).toBe('1 mL');
    expect(amountLabel('mL')).toBe('mL');
    expect(amountLabel('units')).toBe('Units');
    expect(amountLabel(undefined)).toBe('Units');
  });

  it('read whole units from a units lot and mL to 2 decimals from an mL lot', () => {
    expect(parseLotAmount('20', 'units')).toBe(20);
    expect(parseLotAmount(2.5, 'units')).toBeUndefined();
    expect(parseLotAmount('0.55', 'mL')).toBe(0.55);
    expect(parseLotAmount(0.555, 'mL')).toBeUndefined();
    expect(parseLotAmount('', 'mL')).toBeUndefined();
    expect(parseLotAmount(0, 'mL')).toBeUndefined();
    expect(parseLotAmount(-1, 'units')).toBeUndefined();
    expect(parseLotAmount('abc', 'units')).toBeUndefined();
  });

  it('send units for a units lot and milliliters for an mL lot', () => {
    expect(injectableAmountOf('20', 'units')).toEqual({ units: 20 });
    expect(injectableAmountOf(0.55, 'mL')).toEqual({ milliliters: 0.55 });
    expect(injectableAmountOf(4, undefined)).toEqual({ units: 4 });
  });

  it('total each lot exactly in its own unit, leaving out entries its lot does not take', () => {
    const units = { toxin: 'units', filler: 'mL' } as const;
    const totals = totalsByLot(
      [
        { lotId: 'toxin', amount: 4 },
        { lotId: 'toxin', amount: '6' },
        { lotId: 'toxin', amount: 1.5 },
        { lotId: 'filler', amount: 0.1 },
        { lotId: 'filler', amount: '0.2' },
        { lotId: 'filler', amount: 0.555 },
        { lotId: null, amount: 5 },
        { lotId: 'unknown', amount: 5 },
        { lotId: 'filler', amount: '' },
      ],
      (lotId) => (lotId in units ? units[lotId as keyof typeof units] : undefined),
    );
    expect([...totals]).toEqual([
      ['toxin', 10],
      ['filler', 0.3],
    ]);
  });
});
