import { createRepeatingJob } from '../../platform/repeating-job.ts';
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
  const job = createRepeatingJob({
    intervalMs: options.intervalMs ?? 5 * 60_000,
    run: async () => {
      const result = await options.billDueMemberships({ logger: options.logger });
      if (result.paid + result.declined + result.unknown + result.held + result.errors > 0) {
        options.logger.info({ ...result }, 'membership billing run');
      }
    },
    onError: (error) => options.logger.error({ err: error }, 'membership billing run failed'),
  });
  return { start: () => job.start(), stop: () => job.stop() };
}
