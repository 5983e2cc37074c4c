import { randomUUID } from 'node:crypto';
import type { MembershipPriceMigration } from '@glowdesk/contracts';
import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { membershipAudit, type MembershipsDependencies } from './membership-dependencies.ts';
import { queueMembershipNoticeWithin } from './membership-notices.ts';
import * as repository from './memberships-repository.ts';
import { membershipPriceChanges, memberships } from './memberships-tables.ts';

/**
 * The owner's explicit move of a plan's members to its current price (docs/decisions/034).
 * Every member still to be billed (Active, Past Due, Suspended or On Hold, not cancelling at
 * period end) whose price differs from the plan's current price for their interval pays it
 * from their next period; a period already invoiced keeps its amount. Each member is emailed
 * through the outbox and the change is recorded with the time the notice was queued.
 */
export async function migrateMembersToCurrentPrice(
  deps: MembershipsDependencies,
  actor: StaffActor,
  planId: string,
  meta: RequestMeta,
): Promise<MembershipPriceMigration> {
  const { database, clock } = deps;
  const practiceId = actor.practiceId;
  return inPractice(database, practiceId, async (tx) => {
    const plan = await repository.findPlan(tx, practiceId, planId, { forUpdate: true });
    if (!plan) throw new NotFoundError('Membership plan', 'planId');
    const members = await tx
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.practiceId, practiceId),
          eq(memberships.planId, planId),
          inArray(memberships.status, ['active', 'past_due', 'suspended', 'on_hold']),
        ),
      )
      .orderBy(memberships.createdAt, memberships.id)
      .for('update');
    const now = clock.now();
    const moved: MembershipPriceMigration['members'] = [];
    let unchanged = 0;
    for (const { id } of members) {
      const membership = await repository.findMembership(tx, practiceId, id);
      if (!membership) continue;
      const current = membership.interval === 'month' ? plan.monthlyPriceCents : plan.yearlyPriceCents;
      if (current === null || current === membership.priceCents || membership.cancelsOn !== null) {
        unchanged += 1;
        continue;
      }
      const updated = await repository.updateMembership(tx, practiceId, id, { priceCents: current, updatedAt: now });
      // The change's id names the notice's dedupe key, so the email is queued first and the row written once.
      const changeId = randomUUID();
      const notified = await queueMembershipNoticeWithin(deps, tx, practiceId, updated, {
        kind: 'price_changed',
        changeId,
        oldPriceCents: membership.priceCents,
        newPriceCents: current,
        effectiveOn: membership.nextDrawOn,
      });
      await tx.insert(membershipPriceChanges).values({
        practiceId,
        id: changeId,
        membershipId: id,
        planId,
        oldPriceCents: membership.priceCents,
        newPriceCents: current,
        effectivePeriod: membership.nextPeriod,
        effectiveOn: membership.nextDrawOn,
        notifiedAt: notified ? now : null,
        changedBy: actor.staffId,
        createdAt: now,
      });
      await recordAudit(
        tx,
        membershipAudit(practiceId, actor, meta, 'membership.price_migrated', id, {
          patientId: membership.patientId,
          planId,
          oldPriceCents: membership.priceCents,
          newPriceCents: current,
          effectiveOn: membership.nextDrawOn,
          notified,
        }),
      );
      moved.push({
        membershipId: id,
        patientId: membership.patientId,
        interval: membership.interval,
        oldPriceCents: membership.priceCents,
        newPriceCents: current,
        effectiveOn: membership.nextDrawOn,
        noticeSent: notified,
      });
    }
    return { planId, migrated: moved.length, unchanged, members: moved };
  });
}
