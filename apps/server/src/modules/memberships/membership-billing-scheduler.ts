import type { MembershipBillingResult } from './bill-memberships.ts';

export interface MembershipBillingLogger {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface MembershipBillingScheduler {
  /** Bills what is due now and then every `intervalMs`; returns at once. */
  start(): void;
  /** Stops and waits for the run in flight. */
  stop(): Promise<void>;
}

/**
 * The billing run in every server process, on a timer (as the reminder scan): runs in other
 * processes pass each other by, since each membership is claimed with SKIP LOCKED and a lease.
 */
export function createMembershipBillingScheduler(options: {
  billDueMemberships(options: { logger?: MembershipBillingLogger }): Promise<MembershipBillingResult>;
  logger: MembershipBillingLogger;
  /** Pause between runs; five minutes by default. */
  intervalMs?: number;
}): MembershipBillingScheduler {
  const intervalMs = options.intervalMs ?? 5 * 60_000;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<unknown> | undefined;

  function schedule(delayMs: number): void {
    if (!running) return;
    timer = setTimeout(() => {
      timer = undefined;
      const run = options
        .billDueMemberships({ logger: options.logger })
        .then((result) => {
          if (result.paid + result.declined + result.unknown + result.held + result.errors > 0) {
            options.logger.info({ ...result }, 'membership billing run');
          }
        })
        .catch((error: unknown) => options.logger.error({ err: error }, 'membership billing run failed'));
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
