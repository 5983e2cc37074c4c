import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import type { BillingActor } from '../billing/index.ts';
import { startOfLocalDate } from './draw-dates.ts';
import { BILLING_RUN_ACTOR, DECLINED_ENROLMENT_REASON, membershipAudit, type MembershipsDependencies } from './membership-dependencies.ts';
import { queueMembershipNoticeWithin } from './membership-notices.ts';
import { grantPeriodPerksWithin } from './membership-perks.ts';
import { addDays, discountCentsFor } from './membership-terms.ts';
import * as repository from './memberships-repository.ts';
import type { MembershipRecord, PeriodRecord } from './memberships-repository.ts';

/** How long a billing run holds a membership it is charging; a run that died lets go when it ends. */
export const BILLING_LEASE_SECONDS = 120;

/** The key sent to the gateway for a membership period's nth attempt: a new key only after a definite decline. */
export function membershipPaymentKey(membershipId: string, number: number, attempt: number): string {
  return `membership:${membershipId}:period-${number}:attempt-${attempt}`;
}

export function leaseUntil(now: Date): Date {
  return new Date(now.getTime() + BILLING_LEASE_SECONDS * 1000);
}

/** What one period's charge came to, as the membership records it. */
export type PeriodOutcome = 'paid' | 'declined' | 'suspended' | 'unknown';

/** A period's invoice line: the plan's fee for the month or year from its draw date. */
export function periodLines(membership: MembershipRecord, planName: string, number: number, drawDate: string) {
  const what = membership.interval === 'month' ? 'monthly' : 'yearly';
  return [{ description: `${planName} membership, ${what} fee from ${drawDate}`.slice(0, 300), amountCents: membership.priceCents }];
}

/** A period's coupon discount, when the coupon still applies to it. */
export function discountOf(membership: MembershipRecord, couponCode: string | undefined, number: number) {
  const amountCents = discountCentsFor(membership, number);
  return amountCents > 0 ? { description: `Coupon ${couponCode ?? ''}`.trim(), amountCents } : undefined;
}

/**
 * One membership period at a time: opening it (its invoice and first card attempt) and
 * recording its outcome from the invoice. Enrolment, the billing run (both paths) and staff
 * actions share these, so a period ends the same way whoever charged it.
 */
export function createMembershipPeriods(deps: MembershipsDependencies) {
  const { clock, sales, clinics } = deps;

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

  return { zoneOf, openPeriodWithin, recordOutcomeWithin };
}

export type MembershipPeriods = ReturnType<typeof createMembershipPeriods>;
