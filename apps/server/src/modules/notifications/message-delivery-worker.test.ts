import { describe, expect, it } from 'vitest';
import { defaultRetryBackoff, retryDelayMs } from './message-delivery-worker.ts';

describe('retry backoff', () => {
  it('doubles the wait after each failed attempt, starting at 30 seconds', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt) / 1000)).toEqual([30, 60, 120, 240, 480]);
  });

  it('never waits more than an hour', () => {
    expect(retryDelayMs(8)).toBe(3_600_000);
    expect(retryDelayMs(50)).toBe(3_600_000);
    expect(retryDelayMs(1_000_000)).toBe(3_600_000);
  });

  it('spans a three-hour outage with the default ten attempts', () => {
    const totalMs = Array.from({ length: 9 }, (_, index) => retryDelayMs(index + 1)).reduce((sum, delay) => sum + delay, 0);
    expect(totalMs).toBeGreaterThan(3 * 3_600_000);
  });

  it('takes a custom policy', () => {
    expect(retryDelayMs(3, { baseDelayMs: 10, maxDelayMs: 25 })).toBe(25);
    expect(retryDelayMs(0, defaultRetryBackoff)).toBe(30_000);
  });
});
