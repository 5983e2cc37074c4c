import type { MembershipAgreement, SignPaperworkRequest } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import { membershipAudit, type MembershipAgreementRecord, type MembershipsDependencies } from './membership-dependencies.ts';
import { queueAgreementSentWithin } from './membership-notices.ts';
import * as repository from './memberships-repository.ts';
import type { PlanRecord } from './memberships-repository.ts';

type Actor = StaffActor | PatientBillingActor;

function toAgreement(planId: string, agreement: MembershipAgreementRecord): MembershipAgreement {
  return {
    assignmentId: agreement.assignmentId,
    planId,
    name: agreement.name,
    body: agreement.body,
    format: agreement.format,
    templateVersion: agreement.templateVersion,
    status: agreement.status,
    requiresWitnessSignature: agreement.requiresWitnessSignature,
    sentAt: agreement.assignedAt.toISOString(),
    signedAt: agreement.signedAt?.toISOString() ?? null,
    signerName: agreement.signerName,
  };
}

/**
 * The client and plan, checked: a patient reaches only the plans sold online; the plan must have
 * an agreement; and to prepare or sign one (`forEnrolment`), the plan must still be sold.
 */
async function loadSubject(
  deps: MembershipsDependencies,
  tx: Transaction,
  actor: Actor,
  patientId: string,
  planId: string,
  options: { forEnrolment: boolean },
): Promise<PlanRecord & { agreementTemplateId: string }> {
  const { practiceId } = actor;
  if (!(await deps.patients.findPatientSummariesWithin(tx, practiceId, [patientId])).has(patientId)) {
    throw new NotFoundError('Client', 'patientId');
  }
  const plan = await repository.findPlan(tx, practiceId, planId);
  if (!plan || (actor.kind === 'patient' && !plan.soldOnline)) throw new NotFoundError('Membership plan', 'planId');
  if (options.forEnrolment && plan.deactivatedAt) {
    throw new ConflictError(`The ${plan.name} plan has been deactivated and is no longer sold.`, 'plan_inactive', { field: 'planId' });
  }
  const { agreementTemplateId } = plan;
  if (!agreementTemplateId) {
    throw new ValidationError(`The ${plan.name} plan has no agreement to sign.`, { field: 'planId', code: 'plan_has_no_agreement' });
  }
  return { ...plan, agreementTemplateId };
}

/**
 * The copy of the plan's agreement an enrolment would use: one signed and not yet resting
 * under a membership (signed in the portal, or for an enrolment that was declined), else the
 * unsigned one waiting, else none.
 */
async function reusableAgreementWithin(
  deps: MembershipsDependencies,
  tx: Transaction,
  practiceId: string,
  patientId: string,
  templateId: string,
): Promise<MembershipAgreementRecord | undefined> {
  const copies = await deps.agreements.listAgreementsWithin(tx, practiceId, patientId, templateId);
  const inUse = await repository.findAgreementsInUse(
    tx,
    practiceId,
    copies.map((copy) => copy.assignmentId),
  );
  const free = copies.filter((copy) => !inUse.has(copy.assignmentId));
  return free.find((copy) => copy.status === 'signed') ?? free.find((copy) => copy.status !== 'signed');
}

/** The plan's agreement for this client as enrolment would use it, or null when none was sent or signed yet. */
export async function findMembershipAgreement(
  deps: MembershipsDependencies,
  actor: Actor,
  patientId: string,
  planId: string,
  meta: RequestMeta,
): Promise<MembershipAgreement | null> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const plan = await loadSubject(deps, tx, actor, patientId, planId, { forEnrolment: false });
    const found = await reusableAgreementWithin(deps, tx, actor.practiceId, patientId, plan.agreementTemplateId);
    await recordAudit(
      tx,
      membershipAudit(actor.practiceId, actor, meta, 'membership.agreement.read', null, {
        patientId,
        planId,
        assignmentId: found?.assignmentId ?? null,
      }),
    );
    return found ? toAgreement(plan.id, found) : null;
  });
}

/**
 * Prepares the plan's agreement for the client to sign: staff sign it on the spot next, or
 * leave it for the patient to sign in the portal (Become A Member finds it there). Returns
 * the copy enrolment would use when there is one, so preparing twice sends one copy.
 */
export async function prepareMembershipAgreement(
  deps: MembershipsDependencies,
  actor: Actor,
  patientId: string,
  planId: string,
  meta: RequestMeta,
  options: { sendToPortal?: boolean | undefined } = {},
): Promise<MembershipAgreement> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const { practiceId } = actor;
    const plan = await loadSubject(deps, tx, actor, patientId, planId, { forEnrolment: true });
    const agreement =
      (await reusableAgreementWithin(deps, tx, practiceId, patientId, plan.agreementTemplateId)) ??
      (await deps.agreements.openAgreementWithin(tx, practiceId, {
        patientId,
        templateId: plan.agreementTemplateId,
        actorStaffId: actor.kind === 'staff' ? actor.staffId : null,
        now: deps.clock.now(),
      }));
    // Send To Portal: the client is told by email that the copy waits for them (not one already signed).
    const emailed =
      options.sendToPortal === true && actor.kind === 'staff' && agreement.status === 'not_signed'
        ? await queueAgreementSentWithin(deps, tx, practiceId, {
            patientId,
            planName: plan.name,
            agreementName: agreement.name,
            assignmentId: agreement.assignmentId,
          })
        : false;
    await recordAudit(
      tx,
      membershipAudit(practiceId, actor, meta, 'membership.agreement.prepare', null, {
        patientId,
        planId,
        assignmentId: agreement.assignmentId,
        ...(options.sendToPortal ? { sentToPortal: true, emailed } : {}),
      }),
    );
    return toAgreement(plan.id, agreement);
  });
}

/**
 * The client signs the plan's agreement (drawn signature and typed name): on the staff's
 * screen or in the portal. It is then passed to enrolment as `agreementAssignmentId`; an
 * enrolment that is declined leaves it signed and free for the retry.
 */
export async function signMembershipAgreement(
  deps: MembershipsDependencies,
  actor: Actor,
  patientId: string,
  planId: string,
  assignmentId: string,
  input: SignPaperworkRequest,
  meta: RequestMeta,
): Promise<MembershipAgreement> {
  return inPractice(deps.database, actor.practiceId, async (tx) => {
    const { practiceId } = actor;
    const plan = await loadSubject(deps, tx, actor, patientId, planId, { forEnrolment: true });
    const clinics = await deps.clinics.findClinics(tx, practiceId, plan.clinicIds);
    const clinic = plan.clinicIds.map((clinicId) => clinics.get(clinicId)).find((found) => found !== undefined);
    const copies = await deps.agreements.listAgreementsWithin(tx, practiceId, patientId, plan.agreementTemplateId);
    if (!copies.some((copy) => copy.assignmentId === assignmentId)) {
      throw new NotFoundError("This client's copy of the plan's agreement", 'assignmentId');
    }
    const signed = await deps.agreements.signAgreementWithin(tx, practiceId, {
      assignmentId,
      patientId,
      signature: input.signature,
      typedName: input.typedName,
      ip: meta.ip,
      userAgent: meta.userAgent ?? null,
      actorStaffId: actor.kind === 'staff' ? actor.staffId : null,
      occasion: {
        clinicName: clinic?.name ?? '',
        timezone: clinic?.timezone ?? 'UTC',
        appointmentStartsAt: null,
        services: [],
        signedFor: `${plan.name} membership`,
      },
      now: deps.clock.now(),
    });
    await recordAudit(
      tx,
      membershipAudit(practiceId, actor, meta, 'membership.agreement.sign', null, {
        patientId,
        planId,
        assignmentId,
        templateVersion: signed.templateVersion,
        status: signed.status,
      }),
    );
    return toAgreement(plan.id, signed);
  });
}
