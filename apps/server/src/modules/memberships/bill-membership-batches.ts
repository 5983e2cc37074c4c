import { recordAudits } from '../../platform/audit/audit-log.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { type SingleMembershipBilling, type MembershipBillingResult } from './bill-membership.ts';
import { startOfLocalDate } from './draw-dates.ts';
import { BILLING_RUN_ACTOR, membershipAudit, type MembershipsDependencies } from './membership-dependencies.ts';
import { queueMembershipNoticesWithin } from './membership-notices.ts';
import { grantPlanPerksWithin, planGrantsPerks } from './membership-perks.ts';
import { discountOf, leaseUntil, membershipPaymentKey, periodLines, type MembershipPeriods } from './membership-periods.ts';
import { discountCentsFor, nextDrawOf } from './membership-terms.ts';
import * as repository from './memberships-repository.ts';
import type { MembershipRecord, PeriodRecord } from './memberships-repository.ts';

/** One period a batch opened: its membership, number and card attempt. */
interface BatchCharge {
  membershipId: string;
  number: number;
  paymentId: string;
}

export type BillingLogger = { error(details: object, message: string): void };

/**
 * Billing a practice's due memberships in batches (decision 037): claimed, invoiced, charged
 * and recorded set-based, a batch at a time. What a batch cannot take goes to the
 * one-membership path.
 */
export function createMembershipBatchBilling(deps: MembershipsDependencies, periods: MembershipPeriods, single: SingleMembershipBilling) {
  const { database, clock, sales, clinics } = deps;
  const { recordOutcomeWithin } = periods;
  const { billMembership } = single;

  /**
   * Claims a batch of one practice's due memberships in one transaction, set-based: locks
   * them (`FOR UPDATE SKIP LOCKED`; one locked or leased elsewhere is busy), and for each one
   * whose next draw is simply due (active, nothing open, not ending, a card on file, something
   * to pay) opens the period's invoice and first card attempt through sales, inserts the
   * periods (their primary key keeps each one once), and moves the members to their next draw
   * under the run's lease. The others (retries, stale charges, held or ending memberships,
   * periods with nothing to pay) are left to `billMembership`, one at a time.
   */
  async function claimBatch(practiceId: string, membershipIds: readonly string[], now: Date, throughDate: string | undefined) {
    return inPractice(database, practiceId, async (tx) => {
      const locked = await repository.lockMembershipsSkippingLocked(tx, practiceId, membershipIds);
      let busy = membershipIds.length - locked.length;
      const due = locked.filter((membership) => {
        if (membership.billingLeaseUntil && membership.billingLeaseUntil > now) {
          busy += 1;
          return false;
        }
        return membership.nextChargeAt !== null && membership.nextChargeAt <= now;
      });
      const dueIds = due.map((membership) => membership.id);
      const [open, cards] = [
        await repository.membershipsWithOpenPeriods(tx, practiceId, dueIds),
        await deps.cards.findPaymentMethodsWithin(
          tx,
          practiceId,
          due.map((membership) => membership.paymentMethodId),
        ),
      ];
      const simple = (membership: MembershipRecord) =>
        membership.status === 'active' &&
        !open.has(membership.id) &&
        !(throughDate && membership.nextDrawOn > throughDate) &&
        !(membership.cancelsOn && membership.nextDrawOn >= membership.cancelsOn) &&
        cards.get(membership.paymentMethodId)?.patientId === membership.patientId &&
        membership.priceCents - discountCentsFor(membership, membership.nextPeriod) > 0;
      const batch = due.filter(simple);
      const individually = due.filter((membership) => !simple(membership)).map((membership) => membership.id);
      if (batch.length === 0) return { charges: [] as BatchCharge[], individually, busy };

      const [clinicsById, plans, couponCodes] = [
        await clinics.findClinics(tx, practiceId, [...new Set(batch.map((membership) => membership.clinicId))]),
        await repository.findPlanSummaries(
          tx,
          practiceId,
          batch.map((membership) => membership.planId),
        ),
        await repository.findCouponCodes(tx, practiceId, [
          ...new Set(batch.flatMap((membership) => (membership.couponId ? [membership.couponId] : []))),
        ]),
      ];
      const opened = await sales.openMembershipInvoicesWithin(
        tx,
        BILLING_RUN_ACTOR,
        practiceId,
        batch.map((membership) => ({
          practiceId,
          patientId: membership.patientId,
          clinicId: membership.clinicId,
          currency: membership.currency,
          lines: periodLines(membership, plans.get(membership.planId)?.name ?? 'Membership', membership.nextPeriod, membership.nextDrawOn),
          discount: discountOf(membership, membership.couponId ? couponCodes.get(membership.couponId) : undefined, membership.nextPeriod),
          paymentMethodId: membership.paymentMethodId,
          idempotencyKey: membershipPaymentKey(membership.id, membership.nextPeriod, 1),
        })),
      );
      const stamp = clock.now();
      const charges = batch.map((membership, index): BatchCharge => {
        const paymentId = opened[index]?.pendingPayment?.id;
        if (!paymentId) throw new Error(`period ${membership.nextPeriod} of membership ${membership.id} was opened without a card attempt`);
        return { membershipId: membership.id, number: membership.nextPeriod, paymentId };
      });
      const inserted = await repository.insertPeriods(
        tx,
        practiceId,
        batch.map((membership, index) => ({
          membershipId: membership.id,
          number: membership.nextPeriod,
          drawDate: membership.nextDrawOn,
          status: 'charging' as const,
          invoiceId: opened[index]?.invoice.id ?? null,
          amountCents: opened[index]?.invoice.totalCents ?? 0,
          createdAt: stamp,
          settledAt: null,
        })),
      );
      // The memberships are locked, so only a broken invariant reaches this (and rolls the batch back).
      if (inserted !== batch.length) throw new Error(`${batch.length - inserted} periods of a billing batch existed already`);
      await repository.advanceMemberships(
        tx,
        practiceId,
        batch.map((membership) => {
          const zone = clinicsById.get(membership.clinicId)?.timezone;
          if (!zone) throw new Error(`clinic ${membership.clinicId} of a membership was not found`);
          const following = nextDrawOf(membership, membership.nextPeriod + 1, zone);
          return { id: membership.id, nextPeriod: following.nextPeriod, nextDrawOn: following.nextDrawOn };
        }),
        leaseUntil(now),
        stamp,
      );
      return { charges, individually, busy };
    });
  }

  /**
   * Records a batch's outcomes in one transaction, reading them from the invoices: the periods
   * paid set-based (periods, members' next charge, audit events, perks, receipts); any other
   * outcome (a decline, an unknown) through `recordOutcomeWithin`, one membership at a time.
   * Answers the tallies and the members paid whose next draw is due by `now` too (catch-up).
   */
  async function recordBatch(practiceId: string, charges: readonly BatchCharge[], now: Date) {
    return inPractice(database, practiceId, async (tx) => {
      const stamp = clock.now();
      const membershipsById = new Map(
        (
          await repository.lockMemberships(
            tx,
            practiceId,
            charges.map((charge) => charge.membershipId),
          )
        ).map((membership) => [membership.id, membership]),
      );
      const periods = new Map(
        (await repository.findPeriods(tx, practiceId, charges)).map((period) => [`${period.membershipId}:${period.number}`, period]),
      );
      const states = await sales.membershipInvoicesWithin(
        tx,
        practiceId,
        [...periods.values()].flatMap((period) => (period.invoiceId ? [period.invoiceId] : [])),
      );
      const paid: { membership: MembershipRecord; period: PeriodRecord }[] = [];
      const others: BatchCharge[] = [];
      for (const charge of charges) {
        const membership = membershipsById.get(charge.membershipId);
        const period = periods.get(`${charge.membershipId}:${charge.number}`);
        const invoice = period?.invoiceId ? states.get(period.invoiceId)?.invoice : undefined;
        if (
          membership &&
          period?.status === 'charging' &&
          invoice &&
          invoice.amountPaidCents >= invoice.totalCents &&
          membership.status !== 'enrolling'
        ) {
          paid.push({ membership, period });
        } else {
          others.push(charge);
        }
      }
      const tally = { paid: paid.length, declined: 0, unknown: 0, stillDue: [] as string[] };
      if (paid.length > 0) {
        const clinicsById = await clinics.findClinics(tx, practiceId, [...new Set(paid.map(({ membership }) => membership.clinicId))]);
        const zoneOf = (membership: MembershipRecord) => {
          const zone = clinicsById.get(membership.clinicId)?.timezone;
          if (!zone) throw new Error(`clinic ${membership.clinicId} of a membership was not found`);
          return zone;
        };
        await repository.markPeriodsPaid(
          tx,
          practiceId,
          paid.map(({ period }) => period),
          stamp,
        );
        const updated = new Map(
          (
            await repository.settleMembershipsPaid(
              tx,
              practiceId,
              paid.map(({ membership }) => ({
                id: membership.id,
                status: membership.status === 'past_due' || membership.status === 'suspended' ? 'active' : membership.status,
                nextChargeAt: membership.status === 'cancelled' ? null : startOfLocalDate(membership.nextDrawOn, zoneOf(membership)),
              })),
              stamp,
            )
          ).map((membership) => [membership.id, membership]),
        );
        await recordAudits(
          tx,
          paid.map(({ membership, period }) =>
            membershipAudit(practiceId, BILLING_RUN_ACTOR, undefined, 'membership.payment_succeeded', membership.id, {
              patientId: membership.patientId,
              period: period.number,
              invoiceId: period.invoiceId,
              amountCents: period.amountCents,
            }),
          ),
        );
        const plans = await repository.findPlanSummaries(
          tx,
          practiceId,
          paid.map(({ membership }) => membership.planId),
        );
        const notices = [];
        for (const { membership, period } of paid) {
          const current = updated.get(membership.id) ?? membership;
          const plan = plans.get(membership.planId);
          if (plan && planGrantsPerks(plan.perks)) {
            await grantPlanPerksWithin(
              deps,
              tx,
              BILLING_RUN_ACTOR,
              practiceId,
              current,
              { ...period, status: 'paid' },
              zoneOf(current),
              plan,
            );
          }
          notices.push({
            membership: current,
            notice: { kind: 'renewed' as const, number: period.number, amountCents: period.amountCents, drawDate: period.drawDate },
          });
          if (current.nextChargeAt && current.nextChargeAt <= now) tally.stillDue.push(current.id);
        }
        await queueMembershipNoticesWithin(deps, tx, practiceId, notices);
      }
      for (const charge of others) {
        const recorded = await recordOutcomeWithin(tx, practiceId, charge.membershipId, charge.number);
        switch (recorded?.outcome) {
          case 'paid':
            tally.paid += 1;
            if (recorded.membership.nextChargeAt && recorded.membership.nextChargeAt <= now) tally.stillDue.push(charge.membershipId);
            break;
          case 'declined':
          case 'suspended':
            tally.declined += 1;
            break;
          case 'unknown':
          case undefined:
            tally.unknown += 1;
            break;
        }
      }
      return tally;
    });
  }

  /**
   * Bills a batch of one practice's due memberships: claims the simply due ones together,
   * charges their attempts through sales (`concurrency` at the gateway at once, each under its
   * own key), records the outcomes together, and goes round again for members with another
   * period due (catch-up after downtime bills each missed period once, in order). Memberships
   * with other work due are billed one at a time by `billMembership`.
   */
  async function billBatch(
    practiceId: string,
    membershipIds: readonly string[],
    now: Date,
    options: { throughDate: string | undefined; concurrency: number; logger?: BillingLogger | undefined },
    result: MembershipBillingResult,
  ): Promise<void> {
    let pending = [...membershipIds];
    for (let round = 0; round < 1000 && pending.length > 0; round += 1) {
      let claimed: Awaited<ReturnType<typeof claimBatch>>;
      try {
        claimed = await claimBatch(practiceId, pending, now, options.throughDate);
      } catch (error) {
        result.errors += pending.length;
        options.logger?.error({ err: error, practiceId, memberships: pending.length }, 'a batch of memberships could not be billed');
        return;
      }
      result.busy += claimed.busy;
      pending = [];
      if (claimed.charges.length > 0) {
        try {
          await sales.chargeMembershipPayments(
            BILLING_RUN_ACTOR,
            practiceId,
            claimed.charges.map((charge) => charge.paymentId),
            { concurrency: options.concurrency },
          );
        } catch {
          // The outcomes are read from the invoices below: an attempt left pending is an unknown outcome.
        }
        try {
          const recorded = await recordBatch(practiceId, claimed.charges, now);
          result.paid += recorded.paid;
          result.declined += recorded.declined;
          result.unknown += recorded.unknown;
          pending = recorded.stillDue;
        } catch (error) {
          // The periods stay charging under the run's lease; a later run settles them under the same keys.
          result.errors += claimed.charges.length;
          options.logger?.error(
            { err: error, practiceId, memberships: claimed.charges.length },
            'a billing batch was charged but not recorded',
          );
        }
      }
      for (const membershipId of claimed.individually) {
        try {
          await billMembership(practiceId, membershipId, now, options.throughDate, result);
        } catch (error) {
          result.errors += 1;
          options.logger?.error({ err: error, membershipId, practiceId }, 'membership could not be billed');
        }
      }
    }
  }

  return { billBatch };
}
