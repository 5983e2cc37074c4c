import type { MembershipPerks } from '@glowdesk/contracts';
import { and, eq, or, sql } from 'drizzle-orm';
import { prepareStatement, type Read, readOf, runRead, type Transaction } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { BillingActor } from '../billing/index.ts';
import type { MembershipsDependencies } from './membership-dependencies.ts';
import { addDays, nextDrawOf } from './membership-terms.ts';
import type { MembershipRecord, PeriodRecord } from './memberships-repository.ts';
import * as repository from './memberships-repository.ts';
import { membershipPlans, memberships, membershipSettings } from './memberships-tables.ts';

/** A membership tier as the appointment book shows it. */
export interface MemberTierView {
  name: string;
  color: string | null;
}

const memberTiersStatement = prepareStatement<
  { patientId: string; tierName: string | null; tierColor: string | null },
  { practiceId: string; patientIds: string[] }
>(
  'memberships.member_tiers',
  (value) => sql`
    select m.patient_id as "patientId", p.perks->>'tierName' as "tierName", p.perks->>'tierColor' as "tierColor"
    from memberships m
    join membership_plans p on p.practice_id = m.practice_id and p.id = m.plan_id
    where m.practice_id = ${value('practiceId')}::uuid
      and m.patient_id = any(${value('patientIds')}::uuid[])
      and (
        m.status = 'active'
        or (m.status = 'past_due'
            and coalesce((select s.perks_while_past_due from membership_settings s where s.practice_id = ${value('practiceId')}::uuid), false))
      )
    order by m.created_at, p.perks->>'tierName'`,
);

/**
 * The tiers of each patient's memberships whose perks hold today (the same rule as the checkout
 * discount: Active, or Past Due where the practice keeps perks), one query for a whole book, as
 * a read that can travel with a booking's BEGIN. Oldest membership first (tier names in order
 * among those enrolled together). Plans without a tier name show nothing; a tier held twice
 * shows once.
 */
export function memberTiersRead(practiceId: string, patientIds: readonly string[]): Read<Map<string, MemberTierView[]>> {
  return readOf(memberTiersStatement, { practiceId, patientIds: [...new Set(patientIds)] }, (rows) => {
    const tiers = new Map<string, MemberTierView[]>();
    for (const row of rows) {
      if (!row.tierName) continue;
      const held = tiers.get(row.patientId) ?? [];
      if (held.some((tier) => tier.name === row.tierName)) continue;
      held.push({ name: row.tierName, color: row.tierColor });
      tiers.set(row.patientId, held);
    }
    return tiers;
  });
}

/** `memberTiersRead` within a transaction already open. */
export async function memberTiersWithin(
  tx: Transaction,
  practiceId: string,
  patientIds: readonly string[],
): Promise<Map<string, MemberTierView[]>> {
  if (patientIds.length === 0) return new Map();
  return runRead(tx, memberTiersRead(practiceId, patientIds));
}

/** A member's percent off the plan's chosen services and products at checkout. */
export interface MemberDiscount {
  membershipId: string;
  planName: string;
  percent: number;
  serviceIds: readonly string[];
  /** Lower-cased product names. */
  productNames: readonly string[];
}

/**
 * The checkout discounts a patient's memberships give today: Active members always, Past Due
 * members when the practice keeps perks while Past Due; never On Hold, Suspended or Cancelled.
 */
export async function memberDiscountsWithin(tx: Transaction, practiceId: string, patientId: string): Promise<MemberDiscount[]> {
  const rows = await tx
    .select({ membershipId: memberships.id, planName: membershipPlans.name, perks: membershipPlans.perks })
    .from(memberships)
    .innerJoin(membershipPlans, and(eq(membershipPlans.practiceId, memberships.practiceId), eq(membershipPlans.id, memberships.planId)))
    .where(
      and(
        eq(memberships.practiceId, practiceId),
        eq(memberships.patientId, patientId),
        or(
          eq(memberships.status, 'active'),
          and(
            eq(memberships.status, 'past_due'),
            sql`coalesce((select ${membershipSettings.perksWhilePastDue} from ${membershipSettings}
                           where ${membershipSettings.practiceId} = ${practiceId}), false)`,
          ),
        ),
      ),
    )
    .orderBy(memberships.createdAt);
  return rows.flatMap((row) => {
    const perks = row.perks;
    if (!perks.discountPercent) return [];
    return [
      {
        membershipId: row.membershipId,
        planName: row.planName,
        percent: perks.discountPercent,
        serviceIds: perks.discountServiceIds ?? [],
        productNames: (perks.discountProductNames ?? []).map((name) => name.trim().toLowerCase()),
      },
    ];
  });
}

/** Refuses perks naming a service the practice does not have (404 on the perk's field). */
export async function checkPerkServicesWithin(
  deps: Pick<MembershipsDependencies, 'services'>,
  tx: Transaction,
  practiceId: string,
  perks: MembershipPerks | undefined,
): Promise<void> {
  if (!perks) return;
  const named = [
    ...(perks.discountServiceIds ?? []).map((serviceId, index) => ({ serviceId, field: `perks.discountServiceIds[${index}]` })),
    ...(perks.includedServices ?? []).map((included, index) => ({
      serviceId: included.serviceId,
      field: `perks.includedServices[${index}].serviceId`,
    })),
  ];
  if (named.length === 0) return;
  const known = await runRead(tx, deps.services.serviceFeesRead(practiceId, [...new Set(named.map((entry) => entry.serviceId))]));
  const missing = named.find((entry) => !known.has(entry.serviceId));
  if (missing) throw new NotFoundError('Service', missing.field);
}

/**
 * A paid period's perks reach the wallet: the plan's dollar credit and service units, once
 * per membership and period (keyed `membership:<id>:period-<n>:perks`). With unused credit set
 * to expire they count until the day before the next draw; otherwise they roll over.
 */
export async function grantPeriodPerksWithin(
  deps: MembershipsDependencies,
  tx: Transaction,
  actor: BillingActor,
  practiceId: string,
  membership: MembershipRecord,
  period: Pick<PeriodRecord, 'number' | 'invoiceId' | 'status'>,
  zone: string,
): Promise<void> {
  if (period.status !== 'paid') return;
  const plan = await repository.findPlan(tx, practiceId, membership.planId);
  if (!plan) return;
  await grantPlanPerksWithin(deps, tx, actor, practiceId, membership, period, zone, plan);
}

/** Whether a plan's paid periods put anything in the wallet (dollar credit or service units). */
export function planGrantsPerks(perks: MembershipPerks): boolean {
  return (perks.creditCentsPerPeriod ?? 0) > 0 || (perks.includedServices ?? []).length > 0;
}

/** `grantPeriodPerksWithin` with the plan already read (a billing batch reads its plans once). */
export async function grantPlanPerksWithin(
  deps: MembershipsDependencies,
  tx: Transaction,
  actor: BillingActor,
  practiceId: string,
  membership: MembershipRecord,
  period: Pick<PeriodRecord, 'number' | 'invoiceId' | 'status'>,
  zone: string,
  plan: { name: string; perks: MembershipPerks },
): Promise<void> {
  if (period.status !== 'paid') return;
  const perks = plan.perks;
  const creditCents = perks.creditCentsPerPeriod ?? 0;
  const services = (perks.includedServices ?? []).map((included) => ({ serviceId: included.serviceId, units: included.unitsPerPeriod }));
  if (creditCents <= 0 && services.length === 0) return;
  const expiresOn = perks.unusedCredit === 'expire' ? addDays(nextDrawOf(membership, period.number + 1, zone).nextDrawOn, -1) : null;
  await deps.wallet.grantMembershipPerksWithin(
    tx,
    practiceId,
    actor,
    {
      patientId: membership.patientId,
      grantKey: `membership:${membership.id}:period-${period.number}:perks`,
      invoiceId: period.invoiceId,
      reason: `${plan.name} membership perks${period.number === 0 ? ' (first period)' : ` (period ${period.number})`}`,
      creditCents,
      currency: membership.currency,
      services,
      expiresOn,
    },
    undefined,
  );
}

/** Whether Past Due members keep the checkout discount (the practice's setting; false unless set). */
export async function perksWhilePastDueWithin(tx: Transaction, practiceId: string): Promise<boolean> {
  const [row] = await tx
    .select({ value: membershipSettings.perksWhilePastDue })
    .from(membershipSettings)
    .where(eq(membershipSettings.practiceId, practiceId));
  return row?.value ?? false;
}
