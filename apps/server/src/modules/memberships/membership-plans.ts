import type {
  Coupon,
  CreateCouponInput,
  CreateMembershipPlanInput,
  MembershipPlan,
  UpdateCouponInput,
  UpdateMembershipPlanInput,
} from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { constraintOf, sqlStateOf, type Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { MembershipsDependencies } from './membership-dependencies.ts';
import { checkPerkServicesWithin } from './membership-perks.ts';
import * as repository from './memberships-repository.ts';
import type { CouponRecord, PlanRecord } from './memberships-repository.ts';

export function toPlanResponse(plan: PlanRecord, activeMembers: number): MembershipPlan {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    currency: plan.currency,
    monthlyPriceCents: plan.monthlyPriceCents,
    yearlyPriceCents: plan.yearlyPriceCents,
    signUpFeeCents: plan.signUpFeeCents,
    minimumTermMonths: plan.minimumTermMonths,
    clinicIds: plan.clinicIds,
    soldOnline: plan.soldOnline,
    agreementTemplateId: plan.agreementTemplateId,
    perks: plan.perks,
    activeMembers,
    active: plan.deactivatedAt === null,
    deactivatedAt: plan.deactivatedAt?.toISOString() ?? null,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
    version: plan.version,
  };
}

export function toCouponResponse(coupon: CouponRecord): Coupon {
  return {
    id: coupon.id,
    code: coupon.code,
    percentOff: coupon.percentOff,
    amountOffCents: coupon.amountOffCents,
    duration: coupon.duration,
    durationPayments: coupon.durationPayments,
    maxRedemptions: coupon.maxRedemptions,
    redemptions: coupon.redemptions,
    validFrom: coupon.validFrom,
    validUntil: coupon.validUntil,
    planIds: coupon.planIds,
    active: coupon.deactivatedAt === null,
    deactivatedAt: coupon.deactivatedAt?.toISOString() ?? null,
    createdAt: coupon.createdAt.toISOString(),
    updatedAt: coupon.updatedAt.toISOString(),
    version: coupon.version,
  };
}

function staffAudit(
  actor: StaffActor,
  meta: RequestMeta,
  action: string,
  objectType: string,
  objectId: string,
  details: Record<string, unknown>,
) {
  return {
    practiceId: actor.practiceId,
    actorType: 'staff' as const,
    actorId: actor.staffId,
    actorLabel: actor.email,
    action,
    objectType,
    objectId,
    ip: meta.ip,
    requestId: meta.requestId,
    details,
  };
}

function duplicateName(error: unknown): never {
  if (sqlStateOf(error) === '23505' && constraintOf(error) === 'membership_plans_name_key') {
    throw new ConflictError('Another plan already has this name.', 'plan_name_taken', { field: 'name' });
  }
  throw error;
}

/** Plans and coupon codes (Settings → Memberships): owners and admins write, staff read. */
export function createMembershipCatalog(deps: MembershipsDependencies) {
  const { database, clock, clinics, agreements } = deps;

  async function checkClinics(tx: Transaction, practiceId: string, clinicIds: readonly string[]): Promise<void> {
    const found = await clinics.findClinics(tx, practiceId, clinicIds);
    const missing = clinicIds.findIndex((clinicId) => !found.has(clinicId));
    if (missing >= 0) throw new NotFoundError('Clinic', `clinicIds[${missing}]`);
  }

  async function checkAgreement(tx: Transaction, practiceId: string, templateId: string | null | undefined): Promise<void> {
    if (!templateId) return;
    const template = await agreements.findAgreementTemplateWithin(tx, practiceId, templateId);
    if (!template?.isConsent) {
      throw new ValidationError('The agreement must be one of the practice’s consent templates.', {
        field: 'agreementTemplateId',
        code: 'agreement_not_consent',
      });
    }
    // Members sign their agreement alone, in the portal or at the desk, and enrol at once: a
    // consent that waits for a witness would leave them unable to enrol.
    if (template.requiresWitnessSignature) {
      throw new ValidationError(
        'This consent needs a witness’s signature, and a membership agreement is signed without one. Choose a consent that does not need a witness, or turn its witness requirement off in Settings → Forms.',
        { field: 'agreementTemplateId', code: 'agreement_requires_witness' },
      );
    }
  }

  async function checkPlans(tx: Transaction, practiceId: string, planIds: readonly string[]): Promise<void> {
    for (const [index, planId] of planIds.entries()) {
      if (!(await repository.findPlan(tx, practiceId, planId))) throw new NotFoundError('Membership plan', `planIds[${index}]`);
    }
  }

  return {
    async listPlans(actor: StaffActor): Promise<MembershipPlan[]> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const [plans, counts] = [
          await repository.listPlans(tx, actor.practiceId),
          await repository.countLiveMembersByPlan(tx, actor.practiceId),
        ];
        return plans.map((plan) => toPlanResponse(plan, counts.get(plan.id) ?? 0));
      });
    },

    async createPlan(actor: StaffActor, input: CreateMembershipPlanInput, meta: RequestMeta): Promise<MembershipPlan> {
      return inPractice(database, actor.practiceId, async (tx) => {
        await checkClinics(tx, actor.practiceId, input.clinicIds);
        await checkAgreement(tx, actor.practiceId, input.agreementTemplateId);
        await checkPerkServicesWithin(deps, tx, actor.practiceId, input.perks);
        const now = clock.now();
        const plan = await repository
          .insertPlan(
            tx,
            actor.practiceId,
            {
              name: input.name,
              description: input.description ?? null,
              currency: input.currency ?? 'USD',
              monthlyPriceCents: input.monthlyPriceCents ?? null,
              yearlyPriceCents: input.yearlyPriceCents ?? null,
              signUpFeeCents: input.signUpFeeCents ?? 0,
              minimumTermMonths: input.minimumTermMonths ?? 0,
              soldOnline: input.soldOnline,
              agreementTemplateId: input.agreementTemplateId ?? null,
              perks: input.perks ?? {},
              createdAt: now,
              createdBy: actor.staffId,
              updatedAt: now,
            },
            input.clinicIds,
          )
          .catch(duplicateName);
        await recordAudit(tx, staffAudit(actor, meta, 'membership_plan.create', 'membership_plan', plan.id, { name: plan.name }));
        return toPlanResponse(plan, 0);
      });
    },

    /**
     * Changes a plan for new members; existing members keep the price they enrolled at.
     * `active: false` deactivates it (no longer sold; its members keep billing, perks and
     * price, docs/decisions/044) and `active: true` sells it again. `expectedVersion` (If-Match)
     * refuses a stale edit with 412.
     */
    async updatePlan(
      actor: StaffActor,
      planId: string,
      input: UpdateMembershipPlanInput,
      meta: RequestMeta,
      expectedVersion?: number,
    ): Promise<MembershipPlan> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const plan = await repository.findPlan(tx, actor.practiceId, planId, { forUpdate: true });
        if (!plan) throw new NotFoundError('Membership plan', 'planId');
        if (expectedVersion !== undefined && expectedVersion !== plan.version) throw new PreconditionFailedError();
        const now = clock.now();
        const monthly = input.monthlyPriceCents === undefined ? plan.monthlyPriceCents : input.monthlyPriceCents;
        const yearly = input.yearlyPriceCents === undefined ? plan.yearlyPriceCents : input.yearlyPriceCents;
        if (monthly === null && yearly === null) {
          throw new ValidationError('A plan keeps a monthly price, a yearly price or both.', {
            field: 'monthlyPriceCents',
            code: 'plan_needs_price',
          });
        }
        if (input.clinicIds) await checkClinics(tx, actor.practiceId, input.clinicIds);
        const { clinicIds, active, ...fields } = input;
        const wasActive = plan.deactivatedAt === null;
        // A plan sold again is checked like a new choice: its consent may have gained a
        // witness requirement while the plan was deactivated (a deactivated plan does not block that).
        const reactivated = active === true && !wasActive;
        await checkAgreement(
          tx,
          actor.practiceId,
          input.agreementTemplateId === undefined && reactivated ? plan.agreementTemplateId : input.agreementTemplateId,
        );
        await checkPerkServicesWithin(deps, tx, actor.practiceId, input.perks);
        const activeChange = active === undefined || active === wasActive ? {} : { deactivatedAt: active ? null : now };
        await repository
          .updatePlan(tx, actor.practiceId, planId, {
            ...(fields.name !== undefined ? { name: fields.name } : {}),
            ...(fields.description !== undefined ? { description: fields.description } : {}),
            ...(fields.currency !== undefined ? { currency: fields.currency } : {}),
            monthlyPriceCents: monthly,
            yearlyPriceCents: yearly,
            ...(fields.signUpFeeCents !== undefined ? { signUpFeeCents: fields.signUpFeeCents } : {}),
            ...(fields.minimumTermMonths !== undefined ? { minimumTermMonths: fields.minimumTermMonths } : {}),
            ...(fields.soldOnline !== undefined ? { soldOnline: fields.soldOnline } : {}),
            ...(fields.agreementTemplateId !== undefined ? { agreementTemplateId: fields.agreementTemplateId } : {}),
            ...(fields.perks !== undefined ? { perks: fields.perks } : {}),
            ...activeChange,
            updatedAt: now,
          })
          .catch(duplicateName);
        if (clinicIds) await repository.replacePlanClinics(tx, actor.practiceId, planId, clinicIds);
        const changed = Object.keys(input).filter((key) => key !== 'active');
        if (changed.length > 0) {
          await recordAudit(tx, staffAudit(actor, meta, 'membership_plan.update', 'membership_plan', planId, { changed }));
        }
        if (active !== undefined) {
          await recordAudit(
            tx,
            staffAudit(actor, meta, active ? 'membership_plan.reactivate' : 'membership_plan.deactivate', 'membership_plan', planId, {
              name: plan.name,
              wasActive,
            }),
          );
        }
        const updated = await repository.findPlan(tx, actor.practiceId, planId);
        if (!updated) throw new Error(`plan ${planId} vanished during update`);
        const counts = await repository.countLiveMembersByPlan(tx, actor.practiceId);
        return toPlanResponse(updated, counts.get(planId) ?? 0);
      });
    },

    async listCoupons(actor: StaffActor): Promise<Coupon[]> {
      return inPractice(database, actor.practiceId, async (tx) =>
        (await repository.listCoupons(tx, actor.practiceId)).map(toCouponResponse),
      );
    },

    async createCoupon(actor: StaffActor, input: CreateCouponInput, meta: RequestMeta): Promise<Coupon> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const planIds = input.planIds ?? [];
        await checkPlans(tx, actor.practiceId, planIds);
        const now = clock.now();
        const coupon = await repository.insertCoupon(
          tx,
          actor.practiceId,
          {
            code: input.code,
            percentOff: input.percentOff ?? null,
            amountOffCents: input.amountOffCents ?? null,
            duration: input.duration,
            durationPayments: input.durationPayments ?? null,
            maxRedemptions: input.maxRedemptions ?? null,
            validFrom: input.validFrom ?? null,
            validUntil: input.validUntil ?? null,
            createdAt: now,
            createdBy: actor.staffId,
            updatedAt: now,
          },
          planIds,
        );
        if (!coupon) throw new ConflictError('Another coupon already has this code.', 'coupon_code_taken', { field: 'code' });
        await recordAudit(tx, staffAudit(actor, meta, 'membership_coupon.create', 'membership_coupon', coupon.id, { code: coupon.code }));
        return toCouponResponse(coupon);
      });
    },

    /**
     * Changes what may safely change after redemptions: valid dates, the redemption limit
     * (never below the redemptions so far), the plans it applies to, and whether enrolment
     * accepts it. The code, discount and duration never change: members who redeemed the
     * coupon keep the discount they enrolled with.
     */
    async updateCoupon(
      actor: StaffActor,
      couponId: string,
      input: UpdateCouponInput,
      meta: RequestMeta,
      expectedVersion?: number,
    ): Promise<Coupon> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const coupon = await repository.findCoupon(tx, actor.practiceId, couponId, { forUpdate: true });
        if (!coupon) throw new NotFoundError('Coupon', 'couponId');
        if (expectedVersion !== undefined && expectedVersion !== coupon.version) throw new PreconditionFailedError();
        const validFrom = input.validFrom === undefined ? coupon.validFrom : input.validFrom;
        const validUntil = input.validUntil === undefined ? coupon.validUntil : input.validUntil;
        if (validFrom && validUntil && validUntil < validFrom) {
          throw new ValidationError(`Must be on or after the valid-from date (${validFrom}).`, {
            field: 'validUntil',
            code: 'coupon_dates_reversed',
          });
        }
        if (input.maxRedemptions != null && input.maxRedemptions < coupon.redemptions) {
          throw new ConflictError(
            `This coupon has been redeemed ${coupon.redemptions} times: the limit cannot go below that.`,
            'max_redemptions_below_used',
            { field: 'maxRedemptions' },
          );
        }
        if (input.planIds) await checkPlans(tx, actor.practiceId, input.planIds);
        const wasActive = coupon.deactivatedAt === null;
        const now = clock.now();
        await repository.updateCoupon(tx, actor.practiceId, couponId, {
          ...(input.validFrom !== undefined ? { validFrom: input.validFrom } : {}),
          ...(input.validUntil !== undefined ? { validUntil: input.validUntil } : {}),
          ...(input.maxRedemptions !== undefined ? { maxRedemptions: input.maxRedemptions } : {}),
          ...(input.active === undefined || input.active === wasActive ? {} : { deactivatedAt: input.active ? null : now }),
          updatedAt: now,
        });
        if (input.planIds) await repository.replaceCouponPlans(tx, actor.practiceId, couponId, input.planIds);
        const changed = Object.keys(input).filter((key) => key !== 'active');
        if (changed.length > 0) {
          await recordAudit(
            tx,
            staffAudit(actor, meta, 'membership_coupon.update', 'membership_coupon', couponId, { code: coupon.code, changed }),
          );
        }
        if (input.active !== undefined) {
          await recordAudit(
            tx,
            staffAudit(
              actor,
              meta,
              input.active ? 'membership_coupon.reactivate' : 'membership_coupon.deactivate',
              'membership_coupon',
              couponId,
              { code: coupon.code, wasActive },
            ),
          );
        }
        const updated = await repository.findCoupon(tx, actor.practiceId, couponId);
        if (!updated) throw new Error(`coupon ${couponId} vanished during update`);
        return toCouponResponse(updated);
      });
    },
  };
}
