import { createRepeatingJob } from '../../platform/repeating-job.ts';
import type { PhotoFileCleanupLogger, PhotoFileCleanupOptions, PhotoFileCleanupResult } from './photo-file-deletions.ts';

export interface PhotoFileCleanupScheduler {
  /** Runs the cleanup now and then every `intervalMs`; returns at once. */
  start(): void;
  /** Stops and waits for the run in flight. */
  stop(): Promise<void>;
}

/**
 * The photo file cleanup job in every server process, on a timer (as the membership billing
 * run): runs in other processes pass each other by, since each file is claimed with SKIP
 * LOCKED and a lease. See docs/decisions/047.
 */
export function createPhotoFileCleanupScheduler(options: {
  deletePendingPhotoFiles(options: PhotoFileCleanupOptions): Promise<PhotoFileCleanupResult>;
  logger: PhotoFileCleanupLogger & { info(details: object, message: string): void };
  /** Pause between runs; a minute by default (the first retry is due a minute after a failure). */
  intervalMs?: number;
}): PhotoFileCleanupScheduler {
  const job = createRepeatingJob({
    intervalMs: options.intervalMs ?? 60_000,
    run: async () => {
      const result = await options.deletePendingPhotoFiles({ logger: options.logger });
      if (result.claimed > 0) options.logger.info({ ...result }, 'photo file cleanup run');
    },
    onError: (error) => options.logger.error({ err: error }, 'photo file cleanup run failed'),
  });
  return { start: () => job.start(), stop: () => job.stop() };
}
