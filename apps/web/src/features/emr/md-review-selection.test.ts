import { describe, expect, it } from 'vitest';
import { chartsLabel, keepQueued, selectAllState, toggled } from './md-review-selection.ts';

describe('MD Review selection', () => {
  it('drops chosen charts that left the queue', () => {
    expect([...keepQueued(new Set(['a', 'b', 'c']), ['b', 'c', 'd'])]).toEqual(['b', 'c']);
  });

  it('shows select all as checked, indeterminate or empty', () => {
    expect(selectAllState(0, 0)).toEqual({ checked: false, indeterminate: false });
    expect(selectAllState(0, 3)).toEqual({ checked: false, indeterminate: false });
    expect(selectAllState(2, 3)).toEqual({ checked: false, indeterminate: true });
    expect(selectAllState(3, 3)).toEqual({ checked: true, indeterminate: false });
  });

  it('toggles one chart without changing the given selection', () => {
    const selected = new Set(['a']);
    expect([...toggled(selected, 'b')]).toEqual(['a', 'b']);
    expect([...toggled(selected, 'a')]).toEqual([]);
    expect([...selected]).toEqual(['a']);
  });

  it('counts charts in words', () => {
    expect(chartsLabel(1)).toBe('1 chart');
    expect(chartsLabel(12)).toBe('12 charts');
  });
});
