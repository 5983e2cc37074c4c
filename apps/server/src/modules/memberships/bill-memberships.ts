import { asPlatform } from '../../platform/tenancy.ts';
import { createMembershipBatchBilling, type BillingLogger } from './bill-membership-batches.ts';
import { createSingleMembershipBilling, type MembershipBillingResult } from './bill-membership.ts';
import type { MembershipsDependencies } from './membership-dependencies.ts';
import { createMembershipPeriods } from './membership-periods.ts';
import * as repository from './memberships-repository.ts';

export type { MembershipBillingResult } from './bill-membership.ts';

/**
 * Charges one billing batch has at the gateway at once by default, for a gateway that takes
 * one charge per request (decision 046): enough to keep it busy, few enough for its rate limit.
 */
export const DEFAULT_BILLING_CONCURRENCY = 8;

/** Memberships of one practice claimed, invoiced, charged and recorded together by default. */
export const DEFAULT_BILLING_BATCH_SIZE = 250;

/**
 * Due memberships a run lists at a time, earliest due first. Large enough that a page holds full
 * batches of many practices (100 practices with 200 due each), small enough to hold as ids.
 */
const DEFAULT_DUE_PAGE_SIZE = 20_000;

/**
 * Each practice's batches taken in turn (the first of each, then the second…), so batches billed
 * at once are of different practices and do not queue for one practice's invoice-number counter.
 */
function interleaved<T>(lists: readonly (readonly T[])[]): T[] {
  const rounds = Math.max(0, ...lists.map((list) => list.length));
  return Array.from({ length: rounds }, (_, round) => lists.flatMap((list) => list.slice(round, round + 1))).flat();
}

/** Batches of different practices (or of one practice's next memberships) a run works on at once by default. */
export const DEFAULT_BATCHES_AT_ONCE = 4;

/**
 * Membership billing: finds memberships with a draw or retry due and bills each practice's in
 * batches: claims them (rows locked with SKIP LOCKED and leased, so runs in other processes
 * pass them by), opens the periods' invoices and card attempts in the claim's transaction under
 * each period's unique key, charges after commit with one idempotency key per membership,
 * period and attempt, and records the outcomes, set-based. Memberships with other work due
 * (retries, stale charges, holds, cancellations) are billed one at a time. See
 * docs/decisions/016, 030, 037 and 046.
 */
export function createMembershipBilling(deps: MembershipsDependencies) {
  const { database, clock } = deps;
  const periods = createMembershipPeriods(deps);
  const single = createSingleMembershipBilling(deps, periods);
  const { billBatch } = createMembershipBatchBilling(deps, periods, single);
  const { openPeriodWithin, recordOutcomeWithin } = periods;
  const { billMembership, carryOut } = single;

  /** One billing run: every membership with a draw or retry due by `now` (the clock's now by default). */
  async function billDueMemberships(
    options: {
      now?: Date;
      throughDate?: string | undefined;
      /** Bill only these practices (tests sharing one database); every practice by default. */
      practiceIds?: readonly string[] | undefined;
      pageSize?: number;
      /** Memberships of one practice billed together (claimed, invoiced, charged and recorded as a batch). */
      batchSize?: number;
      /** Batches billed at once (each holds a connection while it claims or records). */
      batchesAtOnce?: number;
      /** Charges a batch has at the gateway at once, each under its own idempotency key. */
      concurrency?: number;
      logger?: BillingLogger;
    } = {},
  ): Promise<MembershipBillingResult> {
    const now = options.now ?? clock.now();
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_BILLING_CONCURRENCY));
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BILLING_BATCH_SIZE));
    const batchesAtOnce = Math.max(1, Math.floor(options.batchesAtOnce ?? DEFAULT_BATCHES_AT_ONCE));
    const result: MembershipBillingResult = { considered: 0, paid: 0, declined: 0, unknown: 0, held: 0, busy: 0, errors: 0 };
    const seen = new Set<string>();
    for (;;) {
      const due = await asPlatform(database, (tx) =>
        repository.listDueMemberships(tx, {
          now,
          throughDate: options.throughDate,
          practiceIds: options.practiceIds,
          limit: options.pageSize ?? DEFAULT_DUE_PAGE_SIZE,
        }),
      );
      const fresh = due.filter((row) => !seen.has(row.id));
      if (fresh.length === 0) return result;
      for (const row of fresh) seen.add(row.id);
      result.considered += fresh.length;
      const byPractice = new Map<string, string[]>();
      for (const row of fresh) {
        const ids = byPractice.get(row.practiceId);
        if (ids) ids.push(row.id);
        else byPractice.set(row.practiceId, [row.id]);
      }
      const batches = interleaved(
        [...byPractice].map(([practiceId, ids]) =>
          Array.from({ length: Math.ceil(ids.length / batchSize) }, (_, index) => ({
            practiceId,
            ids: ids.slice(index * batchSize, (index + 1) * batchSize),
          })),
        ),
      );
      let next = 0;
      const worker = async () => {
        while (next < batches.length) {
          const batch = batches[next];
          next += 1;
          if (batch) {
            await billBatch(
              batch.practiceId,
              batch.ids,
              now,
              { throughDate: options.throughDate, concurrency, logger: options.logger },
              result,
            );
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(batchesAtOnce, batches.length) }, worker));
    }
  }

  return { billDueMemberships, billMembership, openPeriodWithin, recordOutcomeWithin, carryOut };
}

export type MembershipBillingRun = ReturnType<typeof createMembershipBilling>;
