import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRepeatingJob } from './repeating-job.ts';

describe('a repeating job', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at once, then each interval after the last run ended, and stops', async () => {
    const run = vi.fn(() => Promise.resolve());
    const job = createRepeatingJob({ run, onError: () => undefined, intervalMs: 1_000 });
    job.start();
    expect(job.running).toBe(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    await job.stop();
    expect(job.running).toBe(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('never overlaps runs: a slow run delays the next one', async () => {
    let finish: () => void = () => undefined;
    const run = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    const job = createRepeatingJob({ run, onError: () => undefined, intervalMs: 100 });
    job.start();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2);
    finish();
    await job.stop();
  });

  it('passes a failed run to onError and goes on with the next', async () => {
    const errors: unknown[] = [];
    const run = vi.fn().mockRejectedValueOnce(new Error('database gone')).mockResolvedValue(undefined);
    const job = createRepeatingJob({ run, onError: (error) => errors.push(error), intervalMs: 100 });
    job.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([new Error('database gone')]);
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2);
    await job.stop();
  });

  it('waits for the run in flight when stopped', async () => {
    let finish: () => void = () => undefined;
    let finished = false;
    const job = createRepeatingJob({
      run: () =>
        new Promise<void>((resolve) => {
          finish = () => {
            finished = true;
            resolve();
          };
        }),
      onError: () => undefined,
      intervalMs: 100,
    });
    job.start();
    await vi.advanceTimersByTimeAsync(0);
    const stopped = job.stop();
    let stopReturned = false;
    void stopped.then(() => {
      stopReturned = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopReturned).toBe(false);
    finish();
    await stopped;
    expect(finished).toBe(true);
  });
});
