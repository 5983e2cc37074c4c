import { recordAudit, recordAudits } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { Transaction } from '../../platform/database.ts';
import { asPlatform, inPractice } from '../../platform/tenancy.ts';
import type { BillingActor } from '../billing/index.ts';
import { BILLING_RUN_ACTOR, DECLINED_ENROLMENT_REASON, membershipAudit, type MembershipsDependencies } from './membership-dependencies.ts';
import { addDays, discountCentsFor, nextDrawOf } from './membership-terms.ts';
import * as repository from './memberships-repository.ts';
import type { MembershipRecord, PeriodRecord } from './memberships-repository.ts';
import { startOfLocalDate } from './draw-dates.ts';
import { queueMembershipNoticeWithin, queueMembershipNoticesWithin } from './membership-notices.ts';
import { grantPeriodPerksWithin, grantPlanPerksWithin, planGrantsPerks } from './membership-perks.ts';

/** How long a billing run holds a membership it is charging; a run that died lets go when it ends. */
export const BILLING_LEASE_SECONDS = 120;

/**
 * Charges one billing batch has at the gateway at once by default: enough to keep the gateway
 * busy, few enough to leave the process's pool to its requests (the simulated gateway uses it).
 */
export const DEFAULT_BILLING_CONCURRENCY = 8;

/** Memberships of one practice claimed, invoiced, charged and recorded together by default. */
export const DEFAULT_BILLING_BATCH_SIZE = 250;

/** Batches of different practices (or of one practice's next memberships) a run works on at once. */
const BATCHES_AT_ONCE = 2;

/** One period a batch opened: its membership, number and card attempt. */
interface BatchCharge {
  membershipId: string;
  number: number;
  paymentId: string;
}

/** The key sent to the gateway for a membership period's nth attempt: a new key only after a definite decline. */
export function membershipPaymentKey(membershipId: string, number: number, attempt: number): string {
  return `membership:${membershipId}:period-${number}:attempt-${attempt}`;
}

export function leaseUntil(now: Date): Date {
  return new Date(now.getTime() + BILLING_LEASE_SECONDS * 1000);
}

/** What one period's charge came to, as the membership records it. */
export type PeriodOutcome = 'paid' | 'declined' | 'suspended' | 'unknown';

type ClaimedWork =
  { kind: 'charge'; paymentId: string; number: number } | { kind: 'settle'; invoiceId: string; number: number } | { kind: 'nothing' };

type BillingLogger = { error(details: object, message: string): void };

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

function periodLines(membership: MembershipRecord, planName: string, number: number, drawDate: string) {
  const what = membership.interval === 'month' ? 'monthly' : 'yearly';
  return [{ description: `${planName} membership, ${what} fee from ${drawDate}`.slice(0, 300), amountCents: membership.priceCents }];
}

function discountOf(membership: MembershipRecord, couponCode: string | undefined, number: number) {
  const amountCents = discountCentsFor(membership, number);
  return amountCents > 0 ? { description: `Coupon ${couponCode ?? ''}`.trim(), amountCents } : undefined;
}

/**
 * Membership billing: finds memberships with a draw or retry due and bills each practice's in
 * batches: claims them (rows locked with SKIP LOCKED and leased, so runs in other processes
 * pass them by), opens the periods' invoices and card attempts in the claim's transaction under
 * each period's unique key, charges after commit with one idempotency key per membership,
 * period and attempt, and records the outcomes, set-based. Memberships with other work due
 * (retries, stale charges, holds, cancellations) are billed one at a time. See
 * docs/decisions/016, 030 and 037.
 */
export function createMembershipBilling(deps: MembershipsDependencies) {
  const { database, clock, sales, clinics } = deps;

  async function zoneOf(tx: Transaction, practiceId: string, clinicId: string): Promise<string> {
    const clinic = (await clinics.findClinics(tx, practiceId, [clinicId])).get(clinicId);
    if (!clinic) throw new Error(`clinic ${clinicId} of a membership was not found`);
    return clinic.timezone;
  }

  async function planNameOf(tx: Transaction, practiceId: string, planId: string): Promise<string> {
    return (await repository.findPlanName(tx, practiceId, planId)) ?? 'Membership';
  }

  /** Opens period `number` of a membership: its invoice, card attempt and row, in the caller's transaction. */
  async function openPeriodWithin(
    tx: Transaction,
    actor: BillingActor,
    practiceId: string,
    membership: MembershipRecord,
    period: { number: number; drawDate: string; extraLines?: { description: string; amountCents: number }[] },
  ): Promise<{ period: PeriodRecord; paymentId: string | null }> {
    const [planName, couponCodes] = await Promise.all([
      planNameOf(tx, practiceId, membership.planId),
      repository.findCouponCodes(tx, practiceId, membership.couponId ? [membership.couponId] : []),
    ]);
    const opened = await sales.openMembershipInvoiceWithin(tx, actor, {
      practiceId,
      patientId: membership.patientId,
      clinicId: membership.clinicId,
      currency: membership.currency,
      lines: [...periodLines(membership, planName, period.number, period.drawDate), ...(period.extraLines ?? [])],
      discount: discountOf(membership, membership.couponId ? couponCodes.get(membership.couponId) : undefined, period.number),
      paymentMethodId: membership.paymentMethodId,
      idempotencyKey: membershipPaymentKey(membership.id, period.number, 1),
    });
    const paid = opened.pendingPayment === null;
    const now = clock.now();
    const row = await repository.insertPeriod(tx, practiceId, {
      membershipId: membership.id,
      number: period.number,
      drawDate: period.drawDate,
      status: paid ? 'paid' : 'charging',
      invoiceId: opened.invoice.id,
      amountCents: opened.invoice.totalCents,
      createdAt: now,
      settledAt: paid ? now : null,
    });
    // The membership row is locked, so only a broken invariant reaches this.
    if (!row) throw new Error(`period ${period.number} of membership ${membership.id} exists already`);
    if (paid) await grantPeriodPerksWithin(deps, tx, actor, practiceId, membership, row, await zoneOf(tx, practiceId, membership.clinicId));
    return { period: row, paymentId: opened.pendingPayment?.id ?? null };
  }

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
   * Records a period's outcome from its invoice (the source of truth, whoever charged it):
   * paid; declined (a retry on the practice's schedule, Past Due, or Suspended after the
   * last); or unknown (marked for attention, never charged again automatically). An
   * enrolment's first period, declined, leaves a `declined` row that is never a member.
   */
  async function recordOutcomeWithin(
    tx: Transaction,
    practiceId: string,
    membershipId: string,
    number: number,
    options: { voidDeclinedEnrolmentAs?: BillingActor | undefined } = {},
  ): Promise<{ outcome: PeriodOutcome; membership: MembershipRecord; period: PeriodRecord } | undefined> {
    const membership = await repository.findMembership(tx, practiceId, membershipId, 'update');
    const period = await repository.findPeriod(tx, practiceId, membershipId, number);
    if (!membership || !period?.invoiceId) return undefined;
    const now = clock.now();
    if (period.status !== 'charging') {
      const released = await repository.updateMembership(tx, practiceId, membershipId, { billingLeaseUntil: null, updatedAt: now });
      return { outcome: period.status === 'paid' ? 'paid' : 'unknown', membership: released, period };
    }
    const state = (await sales.membershipInvoicesWithin(tx, practiceId, [period.invoiceId])).get(period.invoiceId);
    if (!state) throw new Error(`invoice ${period.invoiceId} of a membership period was not found`);
    const latest = state.payments.at(-1);
    const zone = await zoneOf(tx, practiceId, membership.clinicId);
    const audit = (action: string, details: Record<string, unknown>) =>
      recordAudit(
        tx,
        membershipAudit(practiceId, BILLING_RUN_ACTOR, undefined, action, membershipId, {
          patientId: membership.patientId,
          period: number,
          invoiceId: period.invoiceId,
          ...details,
        }),
      );

    if (state.invoice.amountPaidCents >= state.invoice.totalCents) {
      const paid = await repository.updatePeriod(tx, practiceId, membershipId, number, {
        status: 'paid',
        nextRetryOn: null,
        settledAt: now,
      });
      const updated = await repository.updateMembership(tx, practiceId, membershipId, {
        status:
          membership.status === 'enrolling' || membership.status === 'past_due' || membership.status === 'suspended'
            ? 'active'
            : membership.status,
        nextChargeAt: membership.status === 'cancelled' ? null : startOfLocalDate(membership.nextDrawOn, zone),
        billingLeaseUntil: null,
        updatedAt: now,
      });
      await audit('membership.payment_succeeded', { amountCents: period.amountCents });
      await grantPeriodPerksWithin(deps, tx, BILLING_RUN_ACTOR, practiceId, updated, paid, zone);
      await queueMembershipNoticeWithin(
        deps,
        tx,
        practiceId,
        updated,
        membership.status === 'enrolling'
          ? { kind: 'enrolled', amountCents: period.amountCents }
          : { kind: 'renewed', number, amountCents: period.amountCents, drawDate: period.drawDate },
      );
      return { outcome: 'paid', membership: updated, period: paid };
    }

    if (!latest || latest.status === 'pending') {
      const attention = await repository.updatePeriod(tx, practiceId, membershipId, number, { status: 'attention' });
      const updated = await repository.updateMembership(tx, practiceId, membershipId, {
        nextChargeAt: null,
        billingLeaseUntil: null,
        updatedAt: now,
      });
      await audit('membership.payment_unconfirmed', { paymentId: latest?.id ?? null });
      return { outcome: 'unknown', membership: updated, period: attention };
    }

    const failedAttempts = period.failedAttempts + 1;
    if (membership.status === 'enrolling') {
      const failed = await repository.updatePeriod(tx, practiceId, membershipId, number, {
        status: 'failed',
        failedAttempts,
        settledAt: now,
      });
      const updated = await repository.updateMembership(tx, practiceId, membershipId, {
        status: 'declined',
        nextChargeAt: null,
        billingLeaseUntil: null,
        updatedAt: now,
      });
      if (membership.couponId) await repository.releaseCoupon(tx, practiceId, membership.couponId);
      // Nothing was enrolled, so nothing is owed: the invoice is voided by whoever settled the
      // first payment (the staff member or the patient's enrolment), or by the run that did.
      await sales.voidDeclinedEnrolmentInvoiceWithin(
        tx,
        options.voidDeclinedEnrolmentAs ?? BILLING_RUN_ACTOR,
        practiceId,
        period.invoiceId,
        DECLINED_ENROLMENT_REASON,
      );
      await audit('membership.enrolment_declined', { paymentId: latest.id, failureCode: latest.failureCode });
      return { outcome: 'declined', membership: updated, period: failed };
    }

    const retryAfterDays = await repository.findRetryAfterDays(tx, practiceId);
    const retryDelay = retryAfterDays[failedAttempts - 1];
    if (retryDelay !== undefined && membership.status !== 'cancelled') {
      const nextRetryOn = addDays(period.drawDate, retryDelay);
      const retrying = await repository.updatePeriod(tx, practiceId, membershipId, number, {
        status: 'retrying',
        failedAttempts,
        nextRetryOn,
      });
      const updated = await repository.updateMembership(tx, practiceId, membershipId, {
        status: membership.status === 'on_hold' ? 'on_hold' : 'past_due',
        nextChargeAt: startOfLocalDate(nextRetryOn, zone),
        billingLeaseUntil: null,
        updatedAt: now,
      });
      await audit('membership.payment_declined', { paymentId: latest.id, failureCode: latest.failureCode, nextRetryOn });
      await queueMembershipNoticeWithin(deps, tx, practiceId, updated, {
        kind: 'payment_failed',
        number,
        attempt: latest.attempt,
        amountCents: period.amountCents,
        nextRetryOn,
      });
      return { outcome: 'declined', membership: updated, period: retrying };
    }
    const failed = await repository.updatePeriod(tx, practiceId, membershipId, number, {
      status: 'failed',
      failedAttempts,
      nextRetryOn: null,
      settledAt: now,
    });
    const updated = await repository.updateMembership(tx, practiceId, membershipId, {
      status: membership.status === 'cancelled' ? 'cancelled' : 'suspended',
      nextChargeAt: null,
      billingLeaseUntil: null,
      updatedAt: now,
    });
    await audit('membership.suspended', { paymentId: latest.id, failureCode: latest.failureCode });
    if (updated.status === 'suspended') {
      await queueMembershipNoticeWithin(deps, tx, practiceId, updated, { kind: 'suspended', number, amountCents: period.amountCents });
    }
    return { outcome: 'suspended', membership: updated, period: failed };
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
      /** Charges a batch has at the gateway at once, each under its own idempotency key. */
      concurrency?: number;
      logger?: BillingLogger;
    } = {},
  ): Promise<MembershipBillingResult> {
    const now = options.now ?? clock.now();
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_BILLING_CONCURRENCY));
    const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BILLING_BATCH_SIZE));
    const result: MembershipBillingResult = { considered: 0, paid: 0, declined: 0, unknown: 0, held: 0, busy: 0, errors: 0 };
    const seen = new Set<string>();
    for (;;) {
      const due = await asPlatform(database, (tx) =>
        repository.listDueMemberships(tx, {
          now,
          throughDate: options.throughDate,
          practiceIds: options.practiceIds,
          limit: options.pageSize ?? 2000,
        }),
      );
      const fresh = due.filter((row) => !seen.has(row.id));
      if (fresh.length === 0) return result;
      for (const row of fresh) seen.add(row.id);
      result.considered += fresh.length;
      const byPractice = new Map<string, string[]>();
      for (const row of fresh) byPractice.set(row.practiceId, [...(byPractice.get(row.practiceId) ?? []), row.id]);
      const batches = [...byPractice].flatMap(([practiceId, ids]) =>
        Array.from({ length: Math.ceil(ids.length / batchSize) }, (_, index) => ({
          practiceId,
          ids: ids.slice(index * batchSize, (index + 1) * batchSize),
        })),
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
      await Promise.all(Array.from({ length: Math.min(BATCHES_AT_ONCE, batches.length) }, worker));
    }
  }

  return { billDueMemberships, billMembership, openPeriodWithin, recordOutcomeWithin, carryOut };
}

export type MembershipBillingRun = ReturnType<typeof createMembershipBilling>;
