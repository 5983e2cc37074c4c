import type { Membership, MembershipDetail, MembershipStatus } from '@glowdesk/contracts';
import type { Transaction } from '../../platform/database.ts';
import type { MembershipsDependencies } from './membership-dependencies.ts';
import { drawDateOfPeriod, periodNumberOnOrAfter } from './draw-dates.ts';
import { paymentsRemainingInTerm, scheduleOf } from './membership-terms.ts';
import * as repository from './memberships-repository.ts';
import type { MembershipRecord } from './memberships-repository.ts';

/** The monthly price as recurring revenue counts it: a yearly price over twelve, rounded half up. */
export function monthlyRecurringCentsOf(membership: Pick<MembershipRecord, 'interval' | 'priceCents'>): number {
  return membership.interval === 'month' ? membership.priceCents : Math.floor((2 * membership.priceCents + 12) / 24);
}

function memberStatusOf(membership: MembershipRecord): MembershipStatus {
  switch (membership.status) {
    case 'active':
    case 'past_due':
    case 'suspended':
    case 'on_hold':
    case 'cancelled':
      return membership.status;
    case 'enrolling':
    case 'declined':
      throw new Error(`membership ${membership.id} is not a member (${membership.status})`);
    default: {
      const unreachable: never = membership.status;
      throw new Error(`unknown membership status ${String(unreachable)}`);
    }
  }
}

/** The next day a payment is due, or null when none will be charged. */
function nextDrawDateOf(membership: MembershipRecord): string | null {
  if (membership.status === 'cancelled' || membership.status === 'suspended') return null;
  if (membership.cancelsOn && membership.nextDrawOn >= membership.cancelsOn) return null;
  if (membership.status === 'on_hold') {
    if (membership.heldUntil === null) return null;
    if (membership.nextDrawOn >= membership.heldUntil) return membership.nextDrawOn;
    const schedule = scheduleOf(membership);
    return drawDateOfPeriod(schedule, periodNumberOnOrAfter(schedule, membership.heldUntil));
  }
  return membership.nextDrawOn;
}

/** Memberships as the API shows them, with the names and cards they need, read in the caller's transaction. */
export async function describeMembershipsWithin(
  deps: MembershipsDependencies,
  tx: Transaction,
  practiceId: string,
  rows: readonly MembershipRecord[],
): Promise<Membership[]> {
  const patientIds = [...new Set(rows.map((row) => row.patientId))];
  const [patients, plans, coupons, attention] = [
    await deps.patients.findPatientSummariesWithin(tx, practiceId, patientIds),
    new Map((await repository.listPlans(tx, practiceId)).map((plan) => [plan.id, plan])),
    new Map((await repository.listCoupons(tx, practiceId)).map((coupon) => [coupon.id, coupon])),
    await repository.membershipsNeedingAttention(
      tx,
      practiceId,
      rows.map((row) => row.id),
    ),
  ];
  const described: Membership[] = [];
  for (const row of rows) {
    const patient = patients.get(row.patientId);
    const card = await deps.cards.findPaymentMethodWithin(tx, practiceId, row.patientId, row.paymentMethodId);
    const coupon = row.couponId ? coupons.get(row.couponId) : undefined;
    described.push({
      id: row.id,
      patientId: row.patientId,
      patientName: patient ? `${patient.firstName} ${patient.lastName}` : 'Unknown client',
      planId: row.planId,
      planName: plans.get(row.planId)?.name ?? 'Membership',
      clinicId: row.clinicId,
      status: memberStatusOf(row),
      interval: row.interval,
      priceCents: row.priceCents,
      currency: row.currency,
      monthlyRecurringCents: monthlyRecurringCentsOf(row),
      drawDay: row.drawDay,
      drawMonth: row.interval === 'year' ? row.drawMonth : null,
      enrolledOn: row.enrolledOn,
      nextDrawDate: nextDrawDateOf(row),
      minimumTerm: {
        months: Math.max(0, monthsBetween(row.enrolledOn, row.minimumTermEndsOn)),
        endsOn: row.minimumTermEndsOn,
        paymentsRemaining: row.status === 'cancelled' ? 0 : paymentsRemainingInTerm(row),
      },
      heldUntil: row.heldUntil,
      cancelsOn: row.cancelsOn,
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
      paymentMethod: { id: row.paymentMethodId, brand: card?.brand ?? 'card', last4: card?.last4 ?? '0000' },
      coupon: coupon
        ? { code: coupon.code, percentOff: row.discountPercent, amountOffCents: row.discountAmountCents, payments: row.discountPayments }
        : null,
      needsAttention: attention.has(row.id),
      createdAt: row.createdAt.toISOString(),
      version: row.version,
    });
  }
  return described;
}

function monthsBetween(from: string, to: string): number {
  const [fromYear, fromMonth] = from.split('-').map(Number) as [number, number];
  const [toYear, toMonth] = to.split('-').map(Number) as [number, number];
  return (toYear - fromYear) * 12 + (toMonth - fromMonth);
}

/** One membership with its periods and each period's payment attempts. */
export async function describeMembershipDetailWithin(
  deps: MembershipsDependencies,
  tx: Transaction,
  practiceId: string,
  row: MembershipRecord,
): Promise<MembershipDetail> {
  const [membership] = await describeMembershipsWithin(deps, tx, practiceId, [row]);
  if (!membership) throw new Error(`membership ${row.id} could not be described`);
  const periods = await repository.listPeriods(tx, practiceId, [row.id]);
  const invoices = await deps.sales.membershipInvoicesWithin(
    tx,
    practiceId,
    periods.flatMap((period) => (period.invoiceId ? [period.invoiceId] : [])),
  );
  return {
    ...membership,
    periods: periods.map((period) => ({
      number: period.number,
      drawDate: period.drawDate,
      status: period.status,
      amountCents: period.amountCents,
      invoiceId: period.invoiceId,
      failedAttempts: period.failedAttempts,
      nextRetryOn: period.nextRetryOn,
      payments: (period.invoiceId ? (invoices.get(period.invoiceId)?.payments ?? []) : []).map((payment) => ({
        id: payment.id,
        attempt: payment.attempt,
        status: payment.status,
        amountCents: payment.amountCents,
        failureCode: payment.failureCode,
        createdAt: payment.createdAt.toISOString(),
      })),
    })),
  };
}
