import type { MembershipDetail } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import type { MembershipBillingRun } from './bill-memberships.ts';
import { periodNumberOnOrAfter } from './draw-dates.ts';
import { membershipAudit, type MembershipsDependencies } from './membership-dependencies.ts';
import { MembershipPaymentDeclinedError, MembershipPaymentPendingError } from './membership-errors.ts';
import { leaseUntil } from './membership-periods.ts';
import { addDays, localToday, nextDrawOf, scheduleOf } from './membership-terms.ts';
import { queueMembershipNoticeWithin } from './membership-notices.ts';
import { describeMembershipDetailWithin } from './membership-views.ts';
import * as repository from './memberships-repository.ts';
import type { MembershipRecord } from './memberships-repository.ts';

/** A member's row, locked; `enrolling` and `declined` rows are not members and answer 404. */
async function requireMember(tx: Transaction, practiceId: string, membershipId: string): Promise<MembershipRecord> {
  const found = await repository.findMembership(tx, practiceId, membershipId, 'update');
  if (!found || found.status === 'enrolling' || found.status === 'declined') throw new NotFoundError('Membership', 'membershipId');
  return found;
}

function cancelledConflict(): ConflictError {
  return new ConflictError('This membership is cancelled.', 'membership_cancelled', { field: 'membershipId' });
}

/** Hold, resume, cancel and change card (the client profile's Membership Plan). Front desk and managers. */
export function createMembershipActions(deps: MembershipsDependencies, billing: MembershipBillingRun) {
  const { database, clock, clinics, cards } = deps;

  async function zoneOf(tx: Transaction, practiceId: string, clinicId: string): Promise<string> {
    const clinic = (await clinics.findClinics(tx, practiceId, [clinicId])).get(clinicId);
    if (!clinic) throw new Error(`clinic ${clinicId} of a membership was not found`);
    return clinic.timezone;
  }

  async function act(
    actor: StaffActor,
    membershipId: string,
    meta: RequestMeta,
    action: string,
    change: (tx: Transaction, membership: MembershipRecord, zone: string) => Promise<Record<string, unknown>>,
  ): Promise<MembershipDetail> {
    const practiceId = actor.practiceId;
    return inPractice(database, practiceId, async (tx) => {
      const membership = await requireMember(tx, practiceId, membershipId);
      const details = await change(tx, membership, await zoneOf(tx, practiceId, membership.clinicId));
      await recordAudit(
        tx,
        membershipAudit(practiceId, actor, meta, action, membershipId, { patientId: membership.patientId, ...details }),
      );
      const updated = await repository.findMembership(tx, practiceId, membershipId);
      if (!updated) throw new Error(`membership ${membershipId} vanished`);
      return describeMembershipDetailWithin(deps, tx, practiceId, updated);
    });
  }

  return {
    /** No charges and no perks until `until` (draws before it are skipped) or until resumed; the draw day stays. */
    hold: (actor: StaffActor, membershipId: string, input: { until?: string | null | undefined }, meta: RequestMeta) =>
      act(actor, membershipId, meta, 'membership.hold', async (tx, membership, zone) => {
        if (membership.status === 'cancelled') throw cancelledConflict();
        if (membership.status === 'on_hold')
          throw new ConflictError('This membership is already on hold.', 'already_on_hold', { field: 'membershipId' });
        if (membership.status === 'past_due') {
          throw new ConflictError(
            'A payment of this membership is outstanding: charge it to another card before holding.',
            'payment_outstanding',
            {
              field: 'membershipId',
            },
          );
        }
        if (membership.status === 'suspended') {
          throw new ConflictError('A suspended membership has nothing to hold: change the card or cancel it.', 'membership_suspended', {
            field: 'membershipId',
          });
        }
        const until = input.until ?? null;
        if (until !== null && until <= localToday(clock, zone)) {
          throw new ValidationError('Hold until a date after today, or leave it out to hold until resumed.', {
            field: 'until',
            code: 'hold_until_past',
          });
        }
        await repository.updateMembership(tx, actor.practiceId, membership.id, {
          status: 'on_hold',
          heldUntil: until,
          updatedAt: clock.now(),
        });
        return { until };
      }),

    /** Ends a hold: the next draw on the member's draw day is charged. */
    resume: (actor: StaffActor, membershipId: string, meta: RequestMeta) =>
      act(actor, membershipId, meta, 'membership.resume', async (tx, membership, zone) => {
        if (membership.status !== 'on_hold')
          throw new ConflictError('This membership is not on hold.', 'not_on_hold', { field: 'membershipId' });
        const open = await repository.findOpenPeriod(tx, actor.practiceId, membership.id);
        await repository.updateMembership(tx, actor.practiceId, membership.id, {
          status: open ? 'past_due' : 'active',
          heldUntil: null,
          nextChargeAt: membership.nextChargeAt ?? nextDrawOf(membership, membership.nextPeriod, zone).nextChargeAt,
          updatedAt: clock.now(),
        });
        return { nextDrawOn: membership.nextDrawOn };
      }),

    /** Cancels now, or at the end of the paid period (the next draw does not happen). No refund. */
    cancel: (actor: StaffActor, membershipId: string, input: { when: 'now' | 'period_end' }, meta: RequestMeta) =>
      act(actor, membershipId, meta, 'membership.cancel', async (tx, membership) => {
        if (membership.status === 'cancelled') throw cancelledConflict();
        const now = clock.now();
        if (input.when === 'period_end' && membership.status !== 'suspended') {
          if (membership.cancelsOn) {
            throw new ConflictError(`This membership already ends on ${membership.cancelsOn}.`, 'already_cancelling', { field: 'when' });
          }
          const ending = await repository.updateMembership(tx, actor.practiceId, membership.id, {
            cancelsOn: membership.nextDrawOn,
            updatedAt: now,
          });
          await queueMembershipNoticeWithin(deps, tx, actor.practiceId, ending, { kind: 'cancelled', effectiveOn: membership.nextDrawOn });
          return { when: input.when, cancelsOn: membership.nextDrawOn };
        }
        const cancelled = await repository.updateMembership(tx, actor.practiceId, membership.id, {
          status: 'cancelled',
          cancelledAt: now,
          heldUntil: null,
          nextChargeAt: null,
          updatedAt: now,
        });
        await queueMembershipNoticeWithin(deps, tx, actor.practiceId, cancelled, { kind: 'cancelled', effectiveOn: null });
        return { when: 'now' };
      }),

    /**
     * Asks the gateway again about a payment it did not confirm (a period marked for
     * attention, or an enrolment answered 503), under the attempt's own key: the gateway answers
     * the first outcome and never charges twice. Paid: the membership goes on (an enrolment
     * becomes Active); declined: as any decline; still unknown: 503 again.
     */
    async settlePayment(actor: StaffActor, membershipId: string, meta: RequestMeta): Promise<MembershipDetail> {
      const practiceId = actor.practiceId;
      const settling = await inPractice(database, practiceId, async (tx) => {
        const membership = await repository.findMembership(tx, practiceId, membershipId, 'update');
        if (!membership || membership.status === 'declined') throw new NotFoundError('Membership', 'membershipId');
        const period = await repository.findPeriodNeedingAttention(tx, practiceId, membershipId);
        if (!period?.invoiceId) {
          throw new ConflictError('No payment of this membership is waiting for the gateway.', 'nothing_to_settle', {
            field: 'membershipId',
          });
        }
        const now = clock.now();
        await repository.updatePeriod(tx, practiceId, membershipId, period.number, { status: 'charging' });
        await repository.updateMembership(tx, practiceId, membershipId, { billingLeaseUntil: leaseUntil(now), updatedAt: now });
        await recordAudit(
          tx,
          membershipAudit(practiceId, actor, meta, 'membership.settle_payment', membershipId, {
            patientId: membership.patientId,
            period: period.number,
            invoiceId: period.invoiceId,
          }),
        );
        return { number: period.number, invoiceId: period.invoiceId };
      });
      const recorded = await billing.carryOut(practiceId, membershipId, { kind: 'settle', ...settling }, actor);
      if (recorded?.outcome === 'declined' || recorded?.outcome === 'suspended') {
        throw new MembershipPaymentDeclinedError('The gateway answered that the card was declined.', { membershipId });
      }
      if (recorded?.outcome !== 'paid') {
        throw new MembershipPaymentPendingError('The payment gateway still has not confirmed the payment; ask again later.', {
          membershipId,
        });
      }
      return inPractice(database, practiceId, async (tx) => {
        const row = await repository.findMembership(tx, practiceId, membershipId);
        if (!row) throw new Error(`membership ${membershipId} vanished`);
        return describeMembershipDetailWithin(deps, tx, practiceId, row);
      });
    },

    /**
     * Puts another of the client's cards on the membership. A Past Due or Suspended member's
     * outstanding period is charged to it at once (402 when that is declined too; the new card stays).
     * A patient (the portal's Update card) changes only their own memberships: another's answers 404.
     */
    async changeCard(
      actor: StaffActor | PatientBillingActor,
      membershipId: string,
      input: { paymentMethodId: string },
      meta: RequestMeta,
    ): Promise<MembershipDetail> {
      const practiceId = actor.practiceId;
      const chargeNow = await inPractice(database, practiceId, async (tx) => {
        const membership = await requireMember(tx, practiceId, membershipId);
        if (actor.kind === 'patient' && membership.patientId !== actor.patientId) throw new NotFoundError('Membership', 'membershipId');
        if (membership.status === 'cancelled') throw cancelledConflict();
        const card = await cards.findPaymentMethodWithin(tx, practiceId, membership.patientId, input.paymentMethodId);
        if (!card) throw new NotFoundError('Payment method of this client', 'paymentMethodId');
        const open = await repository.findOpenPeriod(tx, practiceId, membershipId);
        if (open?.status === 'charging') {
          throw new ConflictError('A payment of this membership is being charged; try again in a moment.', 'payment_in_progress', {
            field: 'membershipId',
          });
        }
        const now = clock.now();
        const outstanding = open !== undefined && (membership.status === 'past_due' || membership.status === 'suspended');
        let skipTo = {};
        if (outstanding && membership.status === 'suspended') {
          // Draws missed while suspended are not billed: billing resumes with the first draw after today.
          const zone = await zoneOf(tx, practiceId, membership.clinicId);
          const resumeAt = periodNumberOnOrAfter(scheduleOf(membership), addDays(localToday(clock, zone), 1));
          if (resumeAt > membership.nextPeriod) {
            const next = nextDrawOf(membership, resumeAt, zone);
            skipTo = { nextPeriod: next.nextPeriod, nextDrawOn: next.nextDrawOn };
          }
        }
        await repository.updateMembership(tx, practiceId, membershipId, {
          paymentMethodId: card.id,
          ...skipTo,
          ...(outstanding ? { nextChargeAt: now } : {}),
          updatedAt: now,
        });
        await recordAudit(
          tx,
          membershipAudit(practiceId, actor, meta, 'membership.change_card', membershipId, {
            patientId: membership.patientId,
            paymentMethodId: card.id,
            chargesOutstanding: outstanding,
          }),
        );
        return outstanding ? now : undefined;
      });
      if (chargeNow) {
        const result = { considered: 1, paid: 0, declined: 0, unknown: 0, held: 0, busy: 0, errors: 0 };
        await billing.billMembership(practiceId, membershipId, chargeNow, undefined, result);
        if (result.declined > 0) {
          throw new MembershipPaymentDeclinedError('The new card was declined for the outstanding payment; it stays on the membership.', {
            membershipId,
          });
        }
        if (result.unknown > 0 || result.busy > 0) {
          throw new MembershipPaymentPendingError(
            'The payment gateway did not confirm the outstanding payment; check the invoice in Sales.',
            {
              membershipId,
            },
          );
        }
      }
      return inPractice(database, practiceId, async (tx) => {
        const row = await repository.findMembership(tx, practiceId, membershipId);
        if (!row) throw new Error(`membership ${membershipId} vanished`);
        return describeMembershipDetailWithin(deps, tx, practiceId, row);
      });
    },
  };
}
