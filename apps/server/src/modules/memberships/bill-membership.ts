import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { BILLING_RUN_ACTOR, membershipAudit, type MembershipsDependencies } from './membership-dependencies.ts';
import { leaseUntil, membershipPaymentKey, type MembershipPeriods } from './membership-periods.ts';
import { nextDrawOf } from './membership-terms.ts';
import * as repository from './memberships-repository.ts';

type ClaimedWork =
  { kind: 'charge'; paymentId: string; number: number } | { kind: 'settle'; invoiceId: string; number: number } | { kind: 'nothing' };

export interface MembershipBillingResult {
  /** Memberships a run looked at. */
  considered: number;
  paid: number;
  declined: number;
  /** Charges whose outcome the gateway did not confirm: the period is marked for attention. */
  unknown: number;
  /** Periods skipped because the membership was on hold. */
  held: number;
  /** Memberships another run was already working on. */
  busy: number;
  errors: number;
}

/**
 * Billing one membership at a time (decision 030): claims what is due (the row locked with
 * SKIP LOCKED and leased), opens the period or the retry in the claim's transaction, charges
 * after commit and records the outcome. The billing run uses it for everything a batch leaves
 * aside: retries, stale charges, holds, cancellations at period end.
 */
export function createSingleMembershipBilling(deps: MembershipsDependencies, periods: MembershipPeriods) {
  const { database, sales } = deps;
  const { zoneOf, openPeriodWithin, recordOutcomeWithin } = periods;

  /**
   * Claims a membership's due work in one transaction: what a run that died left charging
   * (settled under the same key), a retry after a decline (a new attempt and key), the skip
   * of held draws, a cancellation at period end, or the next period's invoice and attempt.
   * Undefined when another run holds the membership.
   */
  async function claim(practiceId: string, membershipId: string, now: Date, throughDate: string | undefined) {
    return inPractice(database, practiceId, async (tx): Promise<{ work: ClaimedWork; held: number } | undefined> => {
      let membership = await repository.findMembership(tx, practiceId, membershipId, 'update_skip_locked');
      if (!membership) return undefined;
      if (membership.billingLeaseUntil && membership.billingLeaseUntil > now) return undefined;
      const zone = await zoneOf(tx, practiceId, membership.clinicId);
      let held = 0;
      for (let step = 0; step < 1000; step += 1) {
        if (!membership.nextChargeAt || membership.nextChargeAt > now) return { work: { kind: 'nothing' }, held };
        const open = await repository.findOpenPeriod(tx, practiceId, membershipId);
        if (open?.status === 'charging' && open.invoiceId) {
          await repository.updateMembership(tx, practiceId, membershipId, { billingLeaseUntil: leaseUntil(now), updatedAt: now });
          return { work: { kind: 'settle', invoiceId: open.invoiceId, number: open.number }, held };
        }
        if (open && open.invoiceId) {
          const current = membership;
          const payment = await sales.retryMembershipInvoiceWithin(
            tx,
            BILLING_RUN_ACTOR,
            practiceId,
            open.invoiceId,
            current.paymentMethodId,
            (attempt) => membershipPaymentKey(current.id, open.number, attempt),
          );
          await repository.updatePeriod(tx, practiceId, membershipId, open.number, { status: 'charging', nextRetryOn: null });
          await repository.updateMembership(tx, practiceId, membershipId, { billingLeaseUntil: leaseUntil(now), updatedAt: now });
          return { work: { kind: 'charge', paymentId: payment.id, number: open.number }, held };
        }
        if (throughDate && membership.nextDrawOn > throughDate) return { work: { kind: 'nothing' }, held };
        if (membership.status !== 'active' && membership.status !== 'past_due' && membership.status !== 'on_hold') {
          await repository.updateMembership(tx, practiceId, membershipId, { nextChargeAt: null, updatedAt: now });
          return { work: { kind: 'nothing' }, held };
        }
        if (membership.cancelsOn && membership.nextDrawOn >= membership.cancelsOn) {
          await repository.updateMembership(tx, practiceId, membershipId, {
            status: 'cancelled',
            cancelledAt: now,
            heldUntil: null,
            nextChargeAt: null,
            updatedAt: now,
          });
          await recordAudit(
            tx,
            membershipAudit(practiceId, BILLING_RUN_ACTOR, undefined, 'membership.cancelled_at_period_end', membershipId, {
              patientId: membership.patientId,
              cancelsOn: membership.cancelsOn,
            }),
          );
          return { work: { kind: 'nothing' }, held };
        }
        const number = membership.nextPeriod;
        const drawDate = membership.nextDrawOn;
        const following = nextDrawOf(membership, number + 1, zone);
        if (membership.status === 'on_hold' && (membership.heldUntil === null || drawDate < membership.heldUntil)) {
          await repository.insertPeriod(tx, practiceId, {
            membershipId,
            number,
            drawDate,
            status: 'held',
            invoiceId: null,
            amountCents: 0,
            createdAt: now,
            settledAt: now,
          });
          membership = await repository.updateMembership(tx, practiceId, membershipId, { ...following, updatedAt: now });
          held += 1;
          continue;
        }
        if (membership.status === 'on_hold') {
          // The hold ran until this draw: the member is active again and this period is charged.
          membership = await repository.updateMembership(tx, practiceId, membershipId, {
            status: 'active',
            heldUntil: null,
            updatedAt: now,
          });
        }
        const opened = await openPeriodWithin(tx, BILLING_RUN_ACTOR, practiceId, membership, { number, drawDate });
        if (opened.paymentId === null) {
          membership = await repository.updateMembership(tx, practiceId, membershipId, { ...following, updatedAt: now });
          continue;
        }
        await repository.updateMembership(tx, practiceId, membershipId, {
          nextPeriod: following.nextPeriod,
          nextDrawOn: following.nextDrawOn,
          billingLeaseUntil: leaseUntil(now),
          updatedAt: now,
        });
        return { work: { kind: 'charge', paymentId: opened.paymentId, number }, held };
      }
      throw new Error(`membership ${membershipId} had more than 1000 periods to skip in one claim`);
    });
  }

  /**
   * Charges (or settles) what a claim opened, between transactions, then records the outcome.
   * `staff` is who asked, when a person did (settling a payment by hand); the billing run otherwise.
   */
  async function carryOut(practiceId: string, membershipId: string, work: Exclude<ClaimedWork, { kind: 'nothing' }>, staff?: StaffActor) {
    const actor = staff ?? BILLING_RUN_ACTOR;
    try {
      if (work.kind === 'charge') await sales.chargePayment(actor, practiceId, work.paymentId, undefined);
      else await sales.settleStalePayment(actor, practiceId, work.invoiceId, undefined);
    } catch {
      // The outcome is read from the invoice below: an attempt left pending is an unknown outcome.
    }
    return inPractice(database, practiceId, (tx) =>
      recordOutcomeWithin(tx, practiceId, membershipId, work.number, { voidDeclinedEnrolmentAs: staff }),
    );
  }

  /** Bills one membership until nothing more is due by `now` (catch-up after downtime bills each missed period once). */
  async function billMembership(
    practiceId: string,
    membershipId: string,
    now: Date,
    throughDate: string | undefined,
    result: MembershipBillingResult,
  ): Promise<void> {
    for (let round = 0; round < 1000; round += 1) {
      const claimed = await claim(practiceId, membershipId, now, throughDate);
      if (!claimed) {
        result.busy += 1;
        return;
      }
      result.held += claimed.held;
      if (claimed.work.kind === 'nothing') return;
      const recorded = await carryOut(practiceId, membershipId, claimed.work);
      switch (recorded?.outcome) {
        case 'paid':
          result.paid += 1;
          // Another claim only when a later period is due by now too (catch-up after downtime).
          if (!recorded.membership.nextChargeAt || recorded.membership.nextChargeAt > now) return;
          break;
        case 'declined':
        case 'suspended':
          result.declined += 1;
          return;
        case 'unknown':
        case undefined:
          result.unknown += 1;
          return;
      }
    }
  }

  return { billMembership, carryOut };
}

export type SingleMembershipBilling = ReturnType<typeof createSingleMembershipBilling>;
