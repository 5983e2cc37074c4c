import { describe, expect, it } from 'vitest';
import { fileDeletionRetryDelayMs } from './photo-file-deletions.ts';

describe('the wait before a file the store refused is tried again', () => {
  it('doubles from a minute after each failed attempt and stays at an hour, however many attempts fail', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7, 8, 50, 10_000].map((attempts) => fileDeletionRetryDelayMs(attempts) / 60_000);
    expect(minutes).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
  });
});
