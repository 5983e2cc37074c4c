import type { Transaction } from '../../platform/database.ts';
import { enqueueMessage, enqueueMessages } from '../notifications/index.ts';
import { formatMoney } from '../sales/index.ts';
import type { MembershipsDependencies } from './membership-dependencies.ts';
import * as repository from './memberships-repository.ts';
import type { MembershipRecord } from './memberships-repository.ts';

/** What a member is told by email, each once (the outbox's dedupe key). */
export type MembershipNotice =
  | { kind: 'enrolled'; amountCents: number }
  | { kind: 'renewed'; number: number; amountCents: number; drawDate: string }
  | { kind: 'payment_failed'; number: number; attempt: number; amountCents: number; nextRetryOn: string }
  | { kind: 'suspended'; number: number; amountCents: number }
  | { kind: 'on_hold'; until: string | null }
  | { kind: 'cancelled'; effectiveOn: string | null }
  | { kind: 'price_changed'; changeId: string; oldPriceCents: number; newPriceCents: number; effectiveOn: string };

function dedupeKeyOf(membership: MembershipRecord, notice: MembershipNotice, version: number): string {
  switch (notice.kind) {
    case 'enrolled':
      return `membership:${membership.id}:enrolled`;
    case 'renewed':
      return `membership:${membership.id}:period-${notice.number}:paid`;
    case 'payment_failed':
      return `membership:${membership.id}:period-${notice.number}:attempt-${notice.attempt}:failed`;
    case 'suspended':
      return `membership:${membership.id}:period-${notice.number}:suspended`;
    case 'on_hold':
    case 'cancelled':
      // A membership can be held and resumed more than once: each change has its own version.
      return `membership:${membership.id}:${notice.kind}:v${version}`;
    case 'price_changed':
      return `membership:${membership.id}:price-change:${notice.changeId}`;
  }
}

/** The portal page where the patient puts another card on a membership (the web app's portal route). */
export function updateCardLink(portalHome: string, membershipId: string): string {
  return `${portalHome}/memberships/${encodeURIComponent(membershipId)}/card`;
}

function wordingOf(
  notice: MembershipNotice,
  facts: {
    firstName: string;
    planName: string;
    clinicName: string;
    currency: string;
    nextDrawOn: string;
    priceCents: number;
    /** Where the patient updates the membership's card, when the practice's portal has an address. */
    updateCardUrl: string | undefined;
  },
): { subject: string; body: string } {
  const money = (cents: number) => formatMoney(cents, facts.currency);
  const greeting = `Hi ${facts.firstName},\n\n`;
  const signOff = `\n\n${facts.clinicName}`;
  switch (notice.kind) {
    case 'enrolled':
      return {
        subject: `Welcome to ${facts.planName}`,
        body: `${greeting}welcome to your ${facts.planName} membership. We charged ${money(notice.amountCents)} to your card today; your next payment of ${money(facts.priceCents)} is on ${facts.nextDrawOn}.${signOff}`,
      };
    case 'renewed':
      return {
        subject: `${facts.planName}: payment received`,
        body: `${greeting}we charged ${money(notice.amountCents)} to your card for your ${facts.planName} membership (the payment due on ${notice.drawDate}). Thank you.${signOff}`,
      };
    case 'payment_failed':
      return {
        subject: `${facts.planName}: your payment did not go through`,
        body: `${greeting}we could not charge ${money(notice.amountCents)} to your card for your ${facts.planName} membership. We will try again on ${notice.nextRetryOn}. ${
          facts.updateCardUrl
            ? `To use another card, update it here and we will charge it at once:\n${facts.updateCardUrl}\n\nOr call us.`
            : 'To use another card, add it in the patient portal or call us.'
        }${signOff}`,
      };
    case 'suspended':
      return {
        subject: `${facts.planName}: membership suspended`,
        body: `${greeting}we tried several times to charge ${money(notice.amountCents)} for your ${facts.planName} membership and could not, so the membership is suspended. ${
          facts.updateCardUrl
            ? `To pick it up again, update your card here and we will charge it at once:\n${facts.updateCardUrl}\n\nOr call us.`
            : 'Call us or add another card in the patient portal to pick it up again.'
        }${signOff}`,
      };
    case 'on_hold':
      return {
        subject: `${facts.planName}: membership on hold`,
        body: `${greeting}your ${facts.planName} membership is on hold ${notice.until ? `until ${notice.until}` : 'until you ask us to resume it'}. Nothing is charged while it is on hold.${signOff}`,
      };
    case 'price_changed':
      return {
        subject: `${facts.planName}: your membership price is changing`,
        body: `${greeting}the price of your ${facts.planName} membership changes from ${money(notice.oldPriceCents)} to ${money(notice.newPriceCents)}, starting with the payment on ${notice.effectiveOn}. Payments before then stay as they were. If you have questions, or would rather cancel, call us.${signOff}`,
      };
    case 'cancelled':
      return {
        subject: `${facts.planName}: membership cancelled`,
        body: `${greeting}your ${facts.planName} membership is cancelled${notice.effectiveOn ? ` and ends on ${notice.effectiveOn}; nothing more is charged` : ''}. Payments already made are not refunded.${signOff}`,
      };
  }
}

/**
 * Queues a member's email in the caller's transaction; a client without an email address is
 * not written to. True when the email was queued.
 */
export async function queueMembershipNoticeWithin(
  deps: MembershipsDependencies,
  tx: Transaction,
  practiceId: string,
  membership: MembershipRecord,
  notice: MembershipNotice,
): Promise<boolean> {
  const patient = (await deps.patients.findPatientSummariesWithin(tx, practiceId, [membership.patientId])).get(membership.patientId);
  if (!patient?.email) return false;
  const planName = await repository.findPlanName(tx, practiceId, membership.planId);
  const clinic = (await deps.clinics.findClinics(tx, practiceId, [membership.clinicId])).get(membership.clinicId);
  const asksForCard = notice.kind === 'payment_failed' || notice.kind === 'suspended';
  const portalHome = asksForCard ? await deps.portalLinks(tx, practiceId) : undefined;
  const wording = wordingOf(notice, {
    firstName: patient.firstName,
    planName: planName ?? 'Membership',
    clinicName: clinic?.name ?? 'Your clinic',
    currency: membership.currency,
    nextDrawOn: membership.nextDrawOn,
    priceCents: membership.priceCents,
    updateCardUrl: portalHome ? updateCardLink(portalHome, membership.id) : undefined,
  });
  await enqueueMessage(tx, practiceId, {
    channel: 'email',
    to: patient.email,
    subject: wording.subject,
    textBody: wording.body,
    patientId: membership.patientId,
    dedupeKey: dedupeKeyOf(membership, notice, membership.version),
  });
  return true;
}

/**
 * Queues many members' emails of one practice in the caller's transaction with a few
 * statements (a billing batch's receipts): the clients, plans and clinics read once, the
 * messages inserted together, each once under its dedupe key as `queueMembershipNoticeWithin`.
 * A client without an email address is not written to.
 */
export async function queueMembershipNoticesWithin(
  deps: MembershipsDependencies,
  tx: Transaction,
  practiceId: string,
  notices: readonly { membership: MembershipRecord; notice: MembershipNotice }[],
): Promise<void> {
  if (notices.length === 0) return;
  const memberships = notices.map((entry) => entry.membership);
  const [patients, plans, clinics] = [
    await deps.patients.findPatientSummariesWithin(
      tx,
      practiceId,
      memberships.map((membership) => membership.patientId),
    ),
    await repository.findPlanSummaries(
      tx,
      practiceId,
      memberships.map((membership) => membership.planId),
    ),
    await deps.clinics.findClinics(tx, practiceId, [...new Set(memberships.map((membership) => membership.clinicId))]),
  ];
  const asksForCard = notices.some(({ notice }) => notice.kind === 'payment_failed' || notice.kind === 'suspended');
  const portalHome = asksForCard ? await deps.portalLinks(tx, practiceId) : undefined;
  const messages = notices.flatMap(({ membership, notice }) => {
    const patient = patients.get(membership.patientId);
    if (!patient?.email) return [];
    const wording = wordingOf(notice, {
      firstName: patient.firstName,
      planName: plans.get(membership.planId)?.name ?? 'Membership',
      clinicName: clinics.get(membership.clinicId)?.name ?? 'Your clinic',
      currency: membership.currency,
      nextDrawOn: membership.nextDrawOn,
      priceCents: membership.priceCents,
      updateCardUrl:
        portalHome && (notice.kind === 'payment_failed' || notice.kind === 'suspended')
          ? updateCardLink(portalHome, membership.id)
          : undefined,
    });
    return [
      {
        channel: 'email' as const,
        to: patient.email,
        subject: wording.subject,
        textBody: wording.body,
        patientId: membership.patientId,
        dedupeKey: dedupeKeyOf(membership, notice, membership.version),
      },
    ];
  });
  await enqueueMessages(tx, practiceId, messages);
}

/**
 * Send To Portal: tells the client by email that the plan's agreement waits to be signed in the
 * portal's Become A Member, with a link when the practice's portal has an address. Once per
 * copy of the agreement (the outbox's dedupe key); a client without an email address is not
 * written to. True when the email was queued.
 */
export async function queueAgreementSentWithin(
  deps: MembershipsDependencies,
  tx: Transaction,
  practiceId: string,
  request: { patientId: string; planName: string; agreementName: string; assignmentId: string },
): Promise<boolean> {
  const patient = (await deps.patients.findPatientSummariesWithin(tx, practiceId, [request.patientId])).get(request.patientId);
  if (!patient?.email) return false;
  const portalHome = await deps.portalLinks(tx, practiceId);
  const where = portalHome
    ? `Sign it in the patient portal, under Become A Member:\n${portalHome}/memberships`
    : 'Sign it in the patient portal, under Become A Member.';
  await enqueueMessage(tx, practiceId, {
    channel: 'email',
    to: patient.email,
    subject: `${request.planName}: your membership agreement is waiting to be signed`,
    textBody: `Hi ${patient.firstName},\n\nthe ${request.planName} membership agreement (${request.agreementName}) is waiting for your signature. ${where}\n\nOnce it is signed, you can join the plan.`,
    patientId: request.patientId,
    dedupeKey: `membership-agreement:${request.assignmentId}:sent-to-portal`,
  });
  return true;
}
