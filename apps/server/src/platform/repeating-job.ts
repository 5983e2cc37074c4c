/** Work this process repeats on a timer: the reminder scan, the membership billing run, the photo file cleanup. */
export interface RepeatingJob {
  /** Runs the work now and then `intervalMs` after each run ends; returns at once. */
  start(): void;
  /** Stops and waits for the run in flight. */
  stop(): Promise<void>;
  readonly running: boolean;
}

/**
 * Runs `run` on a timer in this process. Runs never overlap: the next one is scheduled when the
 * last one ends. A run that fails is passed to `onError` and the next one goes ahead; stopping
 * waits for the run in flight, so a server shuts down after its job, not during it.
 */
export function createRepeatingJob(options: {
  run: () => Promise<void>;
  onError: (error: unknown) => void;
  intervalMs: number;
}): RepeatingJob {
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> | undefined;

  function schedule(delayMs: number): void {
    if (!running) return;
    timer = setTimeout(() => {
      timer = undefined;
      const run = options.run().catch(options.onError);
      inFlight = run;
      void run.finally(() => {
        if (inFlight === run) inFlight = undefined;
        schedule(options.intervalMs);
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
    get running() {
      return running;
    },
  };
}
