import type {
  EnrolMembershipInput,
  Membership,
  MembershipDetail,
  MembershipSettings,
  MembershipStatus,
  SignPaperworkRequest,
} from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { createMembershipBilling } from './bill-memberships.ts';
import { enrolMembership } from './enrol-membership.ts';
import { createMembershipActions } from './membership-actions.ts';
import { findMembershipAgreement, prepareMembershipAgreement, signMembershipAgreement } from './membership-agreement.ts';
import { membershipAudit, type MembershipsDependencies } from './membership-dependencies.ts';
import { createMembershipCatalog } from './membership-plans.ts';
import { perksWhilePastDueWithin } from './membership-perks.ts';
import { migrateMembersToCurrentPrice } from './membership-price-changes.ts';
import { describeMembershipDetailWithin, describeMembershipsWithin } from './membership-views.ts';
import * as repository from './memberships-repository.ts';

/** Plans, coupons, enrolment, the members list, hold/resume/cancel/change card, and draw-day billing (docs/decisions/030). */
export function createMembershipsService(deps: MembershipsDependencies) {
  const { database, clock } = deps;
  const billing = createMembershipBilling(deps);
  const catalog = createMembershipCatalog(deps);
  const actions = createMembershipActions(deps, billing);

  return {
    ...catalog,
    ...actions,
    billDueMemberships: billing.billDueMemberships,

    /** A plan's agreement within enrolment, for staff (any client) and for the signed-in patient (`patientId` their own). */
    findAgreement: (actor: StaffActor | PatientBillingActor, patientId: string, planId: string, meta: RequestMeta) =>
      findMembershipAgreement(deps, actor, patientId, planId, meta),
    prepareAgreement: (
      actor: StaffActor | PatientBillingActor,
      patientId: string,
      planId: string,
      meta: RequestMeta,
      options: { sendToPortal?: boolean | undefined } = {},
    ) => prepareMembershipAgreement(deps, actor, patientId, planId, meta, options),
    signAgreement: (
      actor: StaffActor | PatientBillingActor,
      patientId: string,
      planId: string,
      assignmentId: string,
      input: SignPaperworkRequest,
      meta: RequestMeta,
    ) => signMembershipAgreement(deps, actor, patientId, planId, assignmentId, input, meta),
    /** The owner moves a plan's members to its current price from their next period, each emailed. */
    migrateMembersToCurrentPrice: (actor: StaffActor, planId: string, meta: RequestMeta) =>
      migrateMembersToCurrentPrice(deps, actor, planId, meta),

    enrol: (actor: StaffActor, patientId: string, input: EnrolMembershipInput, meta: RequestMeta) =>
      enrolMembership(deps, billing, actor, patientId, input, meta),

    /** The portal's Become A Member: the signed-in patient enrols in a plan sold online. */
    enrolOwn: (patient: PatientBillingActor, input: EnrolMembershipInput, meta: RequestMeta) =>
      enrolMembership(deps, billing, patient, patient.patientId, input, meta),

    /** The patient's own memberships (the portal). */
    async listOwnMemberships(patient: PatientBillingActor, meta: RequestMeta): Promise<Membership[]> {
      return inPractice(database, patient.practiceId, async (tx) => {
        const rows = await repository.listMemberships(tx, patient.practiceId, { patientId: patient.patientId });
        await recordAudit(
          tx,
          membershipAudit(patient.practiceId, patient, meta, 'membership.list_own', null, { patientId: patient.patientId }),
        );
        return describeMembershipsWithin(deps, tx, patient.practiceId, rows);
      });
    },

    /** The plans sold online and not deactivated (the portal's Become A Member). */
    async listPlansSoldOnline(patient: PatientBillingActor) {
      return inPractice(database, patient.practiceId, async (tx) =>
        (await repository.listPlans(tx, patient.practiceId)).filter((plan) => plan.soldOnline && plan.deactivatedAt === null),
      );
    },

    /** Members (never enrolments in progress or declined), with the monthly recurring revenue of active and past-due ones. */
    async listMemberships(
      actor: StaffActor,
      filter: { status?: MembershipStatus | undefined; planId?: string | undefined; patientId?: string | undefined },
      meta: RequestMeta,
    ): Promise<{ items: Membership[]; monthlyRecurringRevenue: { currency: string; amountCents: number }[] }> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const rows = await repository.listMemberships(tx, actor.practiceId, filter);
        const items = await describeMembershipsWithin(deps, tx, actor.practiceId, rows);
        const revenue = new Map<string, number>();
        for (const item of items) {
          if (item.status !== 'active' && item.status !== 'past_due') continue;
          revenue.set(item.currency, (revenue.get(item.currency) ?? 0) + item.monthlyRecurringCents);
        }
        await recordAudit(
          tx,
          membershipAudit(actor.practiceId, actor, meta, 'membership.list', null, {
            filter,
            patientIds: [...new Set(items.map((item) => item.patientId))],
          }),
        );
        return {
          items,
          monthlyRecurringRevenue: [...revenue.entries()].map(([currency, amountCents]) => ({ currency, amountCents })),
        };
      });
    },

    async getSettings(actor: StaffActor): Promise<MembershipSettings> {
      return inPractice(database, actor.practiceId, async (tx) => ({
        retryAfterDays: [...(await repository.findRetryAfterDays(tx, actor.practiceId))],
        perksWhilePastDue: await perksWhilePastDueWithin(tx, actor.practiceId),
      }));
    },

    /**
     * The retry schedule of declined payments from now on (a period already retrying keeps its
     * next date), and whether Past Due members keep their perks (unchanged when left out).
     */
    async updateSettings(actor: StaffActor, input: MembershipSettings, meta: RequestMeta): Promise<MembershipSettings> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const saved = await repository.saveSettings(tx, actor.practiceId, input, clock.now());
        await recordAudit(tx, {
          practiceId: actor.practiceId,
          actorType: 'staff',
          actorId: actor.staffId,
          actorLabel: actor.email,
          action: 'membership_settings.update',
          objectType: 'practice',
          objectId: actor.practiceId,
          ip: meta.ip,
          requestId: meta.requestId,
          details: { retryAfterDays: input.retryAfterDays, perksWhilePastDue: input.perksWhilePastDue ?? null },
        });
        return saved;
      });
    },

    async getMembership(actor: StaffActor, membershipId: string, meta: RequestMeta): Promise<MembershipDetail> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const row = await repository.findMembership(tx, actor.practiceId, membershipId);
        if (!row || row.status === 'enrolling' || row.status === 'declined') throw new NotFoundError('Membership', 'membershipId');
        await recordAudit(
          tx,
          membershipAudit(actor.practiceId, actor, meta, 'membership.read', membershipId, { patientId: row.patientId }),
        );
        return describeMembershipDetailWithin(deps, tx, actor.practiceId, row);
      });
    },
  };
}

export type MembershipsService = ReturnType<typeof createMembershipsService>;
