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
  const intervalMs = options.intervalMs ?? 60_000;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> | undefined;

  function schedule(delayMs: number): void {
    if (!running) return;
    timer = setTimeout(() => {
      timer = undefined;
      const run = options
        .deletePendingPhotoFiles({ logger: options.logger })
        .then((result) => {
          if (result.claimed > 0) options.logger.info({ ...result }, 'photo file cleanup run');
        })
        .catch((error: unknown) => options.logger.error({ err: error }, 'photo file cleanup run failed'));
      inFlight = run;
      void run.finally(() => {
        if (inFlight === run) inFlight = undefined;
        schedule(intervalMs);
      });
    }, delayMs);
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await inFlight;
    },
  };
}
