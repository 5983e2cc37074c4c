import type { EnrolMembershipInput, MembershipDetail } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import { constraintOf, sqlStateOf } from '../../platform/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { MembershipBillingRun } from './bill-memberships.ts';
import { leaseUntil } from './membership-periods.ts';
import { ENROLMENT_VOID_ACTOR, membershipAudit, type MembershipsDependencies } from './membership-dependencies.ts';
import { MembershipPaymentDeclinedError, MembershipPaymentPendingError } from './membership-errors.ts';
import { addMonths, localToday, nextDrawOf } from './membership-terms.ts';
import { describeMembershipDetailWithin } from './membership-views.ts';
import { scheduleFor } from './draw-dates.ts';
import * as repository from './memberships-repository.ts';
import type { CouponRecord, PlanRecord } from './memberships-repository.ts';

function couponProblem(message: string, code: string): ValidationError {
  return new ValidationError(message, { field: 'couponCode', code });
}

function checkCoupon(coupon: CouponRecord | undefined, plan: PlanRecord, today: string): CouponRecord {
  if (!coupon) throw new NotFoundError('Coupon code', 'couponCode');
  if (coupon.validFrom && today < coupon.validFrom)
    throw couponProblem(`This coupon is valid from ${coupon.validFrom}.`, 'coupon_not_yet_valid');
  if (coupon.deactivatedAt) throw couponProblem('This coupon has been deactivated and is no longer accepted.', 'coupon_inactive');
  if (coupon.validUntil && today > coupon.validUntil) throw couponProblem(`This coupon expired on ${coupon.validUntil}.`, 'coupon_expired');
  if (coupon.planIds.length > 0 && !coupon.planIds.includes(plan.id)) {
    throw couponProblem(`This coupon does not apply to the ${plan.name} plan.`, 'coupon_not_for_plan');
  }
  if (coupon.maxRedemptions !== null && coupon.redemptions >= coupon.maxRedemptions) {
    throw couponProblem('This coupon has been used as many times as it allows.', 'coupon_exhausted');
  }
  return coupon;
}

/** The reason on a declined enrolment's voided invoice (the billing run's own words for staff enrolments). */

/**
 * Enrols a patient (the staff's Membership Plan form). One transaction checks every rule,
 * writes the membership `enrolling`, its enrolment period (0) with the first payment's
 * invoice (the interval's price less the coupon, plus the sign-up fee) and card attempt, and
 * counts the coupon; the card is charged after it commits. Paid: the member is Active (201).
 * Declined: the row becomes `declined` (never a member), the coupon is given back, the
 * invoice is voided (by the staff member who enrolled, or by the system for a patient's own
 * enrolment in the portal), and the caller gets 402. Unknown: 503, the period is marked for attention.
 */
export async function enrolMembership(
  deps: MembershipsDependencies,
  billing: MembershipBillingRun,
  actor: StaffActor | PatientBillingActor,
  patientId: string,
  input: EnrolMembershipInput,
  meta: RequestMeta,
): Promise<MembershipDetail> {
  const { database, clock, clinics, cards, patients, agreements } = deps;
  const practiceId = actor.practiceId;
  const opened = await inPractice(database, practiceId, async (tx) => {
    if (!(await patients.findPatientSummariesWithin(tx, practiceId, [patientId])).has(patientId)) {
      throw new NotFoundError('Client', 'patientId');
    }
    const plan = await repository.findPlan(tx, practiceId, input.planId);
    // A patient sees only the plans sold online.
    if (!plan || (actor.kind === 'patient' && !plan.soldOnline)) throw new NotFoundError('Membership plan', 'planId');
    // Its members keep billing; nobody new joins (docs/decisions/044).
    if (plan.deactivatedAt) {
      throw new ConflictError(`The ${plan.name} plan has been deactivated and is no longer sold.`, 'plan_inactive', { field: 'planId' });
    }
    const priceCents = input.interval === 'month' ? plan.monthlyPriceCents : plan.yearlyPriceCents;
    if (priceCents === null) {
      throw new ValidationError(`The ${plan.name} plan has no ${input.interval === 'month' ? 'monthly' : 'yearly'} price.`, {
        field: 'interval',
        code: 'interval_not_offered',
      });
    }
    if (input.interval === 'month' && input.drawMonth !== undefined) {
      throw new ValidationError('A monthly membership draws every month; drawMonth is for yearly ones.', {
        field: 'drawMonth',
        code: 'draw_month_for_yearly_only',
      });
    }
    const clinicId = input.clinicId ?? (plan.clinicIds.length === 1 ? plan.clinicIds[0] : undefined);
    if (!clinicId) {
      throw new ValidationError('This plan is sold at several clinics: choose the one the membership belongs to.', {
        field: 'clinicId',
        code: 'clinic_required',
      });
    }
    if (!plan.clinicIds.includes(clinicId)) {
      throw new ValidationError('This plan is not sold at that clinic.', { field: 'clinicId', code: 'plan_not_sold_at_clinic' });
    }
    const clinic = (await clinics.findClinics(tx, practiceId, [clinicId])).get(clinicId);
    if (!clinic) throw new NotFoundError('Clinic', 'clinicId');
    const card = await cards.findPaymentMethodWithin(tx, practiceId, patientId, input.paymentMethodId);
    if (!card) throw new NotFoundError('Payment method of this client', 'paymentMethodId');
    if (plan.agreementTemplateId) {
      if (!input.agreementAssignmentId) {
        throw new ValidationError('This plan has an agreement: the client signs it before enrolling.', {
          field: 'agreementAssignmentId',
          code: 'agreement_required',
        });
      }
      const signed = await agreements.findConsentAssignmentWithin(tx, practiceId, input.agreementAssignmentId);
      if (!signed || signed.patientId !== patientId || signed.templateId !== plan.agreementTemplateId) {
        throw new NotFoundError("This client's copy of the plan's agreement", 'agreementAssignmentId');
      }
      if (!signed.signed) {
        throw new ValidationError('The agreement is not signed yet.', { field: 'agreementAssignmentId', code: 'agreement_not_signed' });
      }
      if ((await repository.findAgreementsInUse(tx, practiceId, [input.agreementAssignmentId])).size > 0) {
        throw new ConflictError(
          'This signed agreement belongs to another membership: the client signs the agreement again.',
          'agreement_in_use',
          {
            field: 'agreementAssignmentId',
          },
        );
      }
    }
    const today = localToday(clock, clinic.timezone);
    const coupon = input.couponCode
      ? checkCoupon(await repository.findCouponByCode(tx, practiceId, input.couponCode), plan, today)
      : undefined;
    if (coupon && !(await repository.redeemCoupon(tx, practiceId, coupon.id))) {
      throw couponProblem('This coupon has been used as many times as it allows.', 'coupon_exhausted');
    }

    const schedule = scheduleFor({ enrolledOn: today, interval: input.interval, drawDay: input.drawDay, drawMonth: input.drawMonth });
    const now = clock.now();
    const firstDraw = nextDrawOf(schedule, 1, clinic.timezone);
    let membership;
    try {
      membership = await repository.insertMembership(tx, practiceId, {
        patientId,
        planId: plan.id,
        clinicId,
        status: 'enrolling',
        interval: input.interval,
        priceCents,
        currency: plan.currency,
        drawDay: schedule.drawDay,
        drawMonth: schedule.drawMonth,
        firstDrawMonth: schedule.firstDrawMonth,
        enrolledOn: today,
        minimumTermEndsOn: addMonths(today, plan.minimumTermMonths),
        paymentMethodId: card.id,
        couponId: coupon?.id ?? null,
        discountPercent: coupon?.percentOff ?? null,
        discountAmountCents: coupon?.amountOffCents ?? null,
        discountPayments: coupon
          ? coupon.duration === 'once'
            ? 1
            : coupon.duration === 'repeating'
              ? coupon.durationPayments
              : null
          : null,
        agreementAssignmentId: input.agreementAssignmentId ?? null,
        nextPeriod: firstDraw.nextPeriod,
        nextDrawOn: firstDraw.nextDrawOn,
        // Billing settles the first payment if this request stops before recording it.
        nextChargeAt: now,
        billingLeaseUntil: leaseUntil(now),
        enrolledBy: actor.kind === 'staff' ? actor.staffId : null,
        createdAt: now,
        updatedAt: now,
      });
    } catch (error) {
      if (sqlStateOf(error) === '23505' && constraintOf(error) === 'memberships_one_live_per_plan') {
        throw new ConflictError('This client already holds this plan.', 'already_member', { field: 'planId' });
      }
      if (sqlStateOf(error) === '23505' && constraintOf(error) === 'memberships_one_per_agreement') {
        throw new ConflictError('This signed agreement belongs to another membership.', 'agreement_in_use', {
          field: 'agreementAssignmentId',
        });
      }
      throw error;
    }
    const signUpLines = plan.signUpFeeCents > 0 ? [{ description: `${plan.name} sign-up fee`, amountCents: plan.signUpFeeCents }] : [];
    const { period, paymentId } = await billing.openPeriodWithin(tx, actor, practiceId, membership, {
      number: 0,
      drawDate: today,
      extraLines: signUpLines,
    });
    await recordAudit(
      tx,
      membershipAudit(practiceId, actor, meta, 'membership.enrol', membership.id, {
        patientId,
        planId: plan.id,
        interval: input.interval,
        drawDay: input.drawDay,
        couponId: coupon?.id ?? null,
        invoiceId: period.invoiceId,
      }),
    );
    if (paymentId === null) {
      // Nothing to charge (a 100% coupon, no sign-up fee): a member at once.
      await repository.updateMembership(tx, practiceId, membership.id, {
        status: 'active',
        nextChargeAt: firstDraw.nextChargeAt,
        billingLeaseUntil: null,
        updatedAt: now,
      });
    }
    return { membershipId: membership.id, paymentId };
  });

  if (opened.paymentId !== null) {
    try {
      await deps.sales.chargePayment(actor, practiceId, opened.paymentId, meta);
    } catch {
      // Read below from the invoice: an attempt left pending is an unknown outcome.
    }
    // A declined enrolment leaves no invoice owing: the staff member voids it, or for a patient's
    // own enrolment the system does.
    const recorded = await inPractice(database, practiceId, (tx) =>
      billing.recordOutcomeWithin(tx, practiceId, opened.membershipId, 0, {
        voidDeclinedEnrolmentAs: actor.kind === 'staff' ? actor : ENROLMENT_VOID_ACTOR,
      }),
    );
    const invoiceId = recorded?.period.invoiceId ?? null;
    if (recorded?.outcome === 'declined' || recorded?.outcome === 'suspended') {
      throw new MembershipPaymentDeclinedError('The card was declined, so nothing was enrolled. Use another card.', {
        invoiceId,
        membershipId: opened.membershipId,
      });
    }
    if (recorded?.outcome !== 'paid') {
      throw new MembershipPaymentPendingError(
        'The payment gateway did not confirm the first payment. The enrolment waits for it and is never charged twice; check the invoice in Sales.',
        { invoiceId, membershipId: opened.membershipId },
      );
    }
  }
  return inPractice(database, practiceId, async (tx) => {
    const row = await repository.findMembership(tx, practiceId, opened.membershipId);
    if (!row) throw new Error(`membership ${opened.membershipId} vanished after enrolment`);
    return describeMembershipDetailWithin(deps, tx, practiceId, row);
  });
}
