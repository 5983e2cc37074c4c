import { and, asc, desc, eq, getTableColumns, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import { insertByColumns, isAnyOf, type Transaction } from '../../platform/database.ts';
import {
  membershipCouponPlans,
  membershipCoupons,
  membershipPeriods,
  membershipPlanClinics,
  membershipPlans,
  memberships,
  membershipSettings,
  type MembershipRowStatus,
} from './memberships-tables.ts';

export type PlanRecord = Omit<typeof membershipPlans.$inferSelect, 'practiceId'> & { clinicIds: string[] };
type PlanInsert = Omit<typeof membershipPlans.$inferInsert, 'practiceId' | 'id'>;
export type CouponRecord = Omit<typeof membershipCoupons.$inferSelect, 'practiceId'> & { planIds: string[] };
type CouponInsert = Omit<typeof membershipCoupons.$inferInsert, 'practiceId' | 'id'>;
export type MembershipRecord = Omit<typeof memberships.$inferSelect, 'practiceId'>;
type MembershipInsert = Omit<typeof memberships.$inferInsert, 'practiceId' | 'id'>;
export type PeriodRecord = Omit<typeof membershipPeriods.$inferSelect, 'practiceId'>;
type PeriodInsert = Omit<typeof membershipPeriods.$inferInsert, 'practiceId'>;

const { practiceId: _planPractice, ...planColumns } = getTableColumns(membershipPlans);
const { practiceId: _couponPractice, ...couponColumns } = getTableColumns(membershipCoupons);
const { practiceId: _membershipPractice, ...membershipColumns } = getTableColumns(memberships);
const { practiceId: _periodPractice, ...periodColumns } = getTableColumns(membershipPeriods);

/** The statuses of a member (what lists and counts show). */
export const memberStatuses: readonly MembershipRowStatus[] = ['active', 'past_due', 'suspended', 'on_hold', 'cancelled'];

// ── Plans ─────────────────────────────────────────────────────────────────────────────

async function clinicIdsOf(tx: Transaction, practiceId: string, planIds: readonly string[]): Promise<Map<string, string[]>> {
  const byPlan = new Map<string, string[]>(planIds.map((planId) => [planId, []]));
  if (planIds.length === 0) return byPlan;
  const rows = await tx
    .select({ planId: membershipPlanClinics.planId, clinicId: membershipPlanClinics.clinicId })
    .from(membershipPlanClinics)
    .where(and(eq(membershipPlanClinics.practiceId, practiceId), isAnyOf(membershipPlanClinics.planId, planIds)))
    .orderBy(asc(membershipPlanClinics.clinicId));
  for (const row of rows) byPlan.get(row.planId)?.push(row.clinicId);
  return byPlan;
}

export async function insertPlan(tx: Transaction, practiceId: string, plan: PlanInsert, clinicIds: readonly string[]): Promise<PlanRecord> {
  const [row] = await tx
    .insert(membershipPlans)
    .values({ ...plan, practiceId })
    .returning(planColumns);
  if (!row) throw new Error('insert into membership_plans returned no row');
  await replacePlanClinics(tx, practiceId, row.id, clinicIds);
  return { ...row, clinicIds: [...clinicIds].sort() };
}

export async function replacePlanClinics(tx: Transaction, practiceId: string, planId: string, clinicIds: readonly string[]): Promise<void> {
  await tx
    .delete(membershipPlanClinics)
    .where(and(eq(membershipPlanClinics.practiceId, practiceId), eq(membershipPlanClinics.planId, planId)));
  if (clinicIds.length > 0) {
    await tx.insert(membershipPlanClinics).values([...new Set(clinicIds)].map((clinicId) => ({ practiceId, planId, clinicId })));
  }
}

export async function updatePlan(
  tx: Transaction,
  practiceId: string,
  planId: string,
  changes: Partial<Omit<PlanInsert, 'createdAt' | 'createdBy' | 'version'>>,
): Promise<void> {
  await tx
    .update(membershipPlans)
    .set({ ...changes, version: sql`${membershipPlans.version} + 1` })
    .where(and(eq(membershipPlans.practiceId, practiceId), eq(membershipPlans.id, planId)));
}

export async function findPlan(
  tx: Transaction,
  practiceId: string,
  planId: string,
  options: { forUpdate?: boolean } = {},
): Promise<PlanRecord | undefined> {
  const query = tx
    .select(planColumns)
    .from(membershipPlans)
    .where(and(eq(membershipPlans.practiceId, practiceId), eq(membershipPlans.id, planId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) return undefined;
  return { ...row, clinicIds: (await clinicIdsOf(tx, practiceId, [row.id])).get(row.id) ?? [] };
}

/** A plan's name alone (what invoices and emails print), without its clinics. */
export async function findPlanName(tx: Transaction, practiceId: string, planId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ name: membershipPlans.name })
    .from(membershipPlans)
    .where(and(eq(membershipPlans.practiceId, practiceId), eq(membershipPlans.id, planId)));
  return row?.name;
}

/** Names of the practice's active plans (not deactivated) whose agreement is the template, by name. */
export async function listActivePlanNamesByAgreement(tx: Transaction, practiceId: string, templateId: string): Promise<string[]> {
  const rows = await tx
    .select({ name: membershipPlans.name })
    .from(membershipPlans)
    .where(
      and(
        eq(membershipPlans.practiceId, practiceId),
        eq(membershipPlans.agreementTemplateId, templateId),
        isNull(membershipPlans.deactivatedAt),
      ),
    )
    .orderBy(asc(membershipPlans.name));
  return rows.map((row) => row.name);
}

export async function listPlans(tx: Transaction, practiceId: string): Promise<PlanRecord[]> {
  const rows = await tx
    .select(planColumns)
    .from(membershipPlans)
    .where(eq(membershipPlans.practiceId, practiceId))
    .orderBy(asc(membershipPlans.name))
    .limit(500);
  const clinics = await clinicIdsOf(
    tx,
    practiceId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, clinicIds: clinics.get(row.id) ?? [] }));
}

/** Members (active, past due, suspended, on hold) per plan. */
export async function countLiveMembersByPlan(tx: Transaction, practiceId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ planId: memberships.planId, count: sql<number>`count(*)::int` })
    .from(memberships)
    .where(and(eq(memberships.practiceId, practiceId), inArray(memberships.status, ['active', 'past_due', 'suspended', 'on_hold'])))
    .groupBy(memberships.planId);
  return new Map(rows.map((row) => [row.planId, row.count]));
}

// ── Coupons ───────────────────────────────────────────────────────────────────────────

export async function insertCoupon(
  tx: Transaction,
  practiceId: string,
  coupon: CouponInsert,
  planIds: readonly string[],
): Promise<CouponRecord | undefined> {
  const [row] = await tx
    .insert(membershipCoupons)
    .values({ ...coupon, practiceId })
    .onConflictDoNothing({ target: [membershipCoupons.practiceId, membershipCoupons.code] })
    .returning(couponColumns);
  if (!row) return undefined;
  const unique = [...new Set(planIds)];
  if (unique.length > 0) {
    await tx.insert(membershipCouponPlans).values(unique.map((planId) => ({ practiceId, couponId: row.id, planId })));
  }
  return { ...row, planIds: unique.sort() };
}

/** A coupon by id, locked for an edit when asked. */
export async function findCoupon(
  tx: Transaction,
  practiceId: string,
  couponId: string,
  options: { forUpdate?: boolean } = {},
): Promise<CouponRecord | undefined> {
  const query = tx
    .select(couponColumns)
    .from(membershipCoupons)
    .where(and(eq(membershipCoupons.practiceId, practiceId), eq(membershipCoupons.id, couponId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) return undefined;
  return { ...row, planIds: (await planIdsOfCoupons(tx, practiceId, [row.id])).get(row.id) ?? [] };
}

/** Changes what may change after redemptions (dates, limit, active); the discount and duration never change. */
export async function updateCoupon(
  tx: Transaction,
  practiceId: string,
  couponId: string,
  changes: Partial<Pick<CouponInsert, 'validFrom' | 'validUntil' | 'maxRedemptions' | 'deactivatedAt'>> & { updatedAt: Date },
): Promise<void> {
  await tx
    .update(membershipCoupons)
    .set({ ...changes, version: sql`${membershipCoupons.version} + 1` })
    .where(and(eq(membershipCoupons.practiceId, practiceId), eq(membershipCoupons.id, couponId)));
}

export async function replaceCouponPlans(tx: Transaction, practiceId: string, couponId: string, planIds: readonly string[]): Promise<void> {
  await tx
    .delete(membershipCouponPlans)
    .where(and(eq(membershipCouponPlans.practiceId, practiceId), eq(membershipCouponPlans.couponId, couponId)));
  const unique = [...new Set(planIds)];
  if (unique.length > 0) {
    await tx.insert(membershipCouponPlans).values(unique.map((planId) => ({ practiceId, couponId, planId })));
  }
}

async function planIdsOfCoupons(tx: Transaction, practiceId: string, couponIds: readonly string[]): Promise<Map<string, string[]>> {
  const byCoupon = new Map<string, string[]>(couponIds.map((couponId) => [couponId, []]));
  if (couponIds.length === 0) return byCoupon;
  const rows = await tx
    .select({ couponId: membershipCouponPlans.couponId, planId: membershipCouponPlans.planId })
    .from(membershipCouponPlans)
    .where(and(eq(membershipCouponPlans.practiceId, practiceId), isAnyOf(membershipCouponPlans.couponId, couponIds)))
    .orderBy(asc(membershipCouponPlans.planId));
  for (const row of rows) byCoupon.get(row.couponId)?.push(row.planId);
  return byCoupon;
}

export async function listCoupons(tx: Transaction, practiceId: string): Promise<CouponRecord[]> {
  const rows = await tx
    .select(couponColumns)
    .from(membershipCoupons)
    .where(eq(membershipCoupons.practiceId, practiceId))
    .orderBy(desc(membershipCoupons.createdAt), asc(membershipCoupons.code))
    .limit(500);
  const plans = await planIdsOfCoupons(
    tx,
    practiceId,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, planIds: plans.get(row.id) ?? [] }));
}

export async function findCouponByCode(tx: Transaction, practiceId: string, code: string): Promise<CouponRecord | undefined> {
  const [row] = await tx
    .select(couponColumns)
    .from(membershipCoupons)
    .where(and(eq(membershipCoupons.practiceId, practiceId), eq(membershipCoupons.code, code)));
  if (!row) return undefined;
  return { ...row, planIds: (await planIdsOfCoupons(tx, practiceId, [row.id])).get(row.id) ?? [] };
}

export async function findCouponCodes(tx: Transaction, practiceId: string, couponIds: readonly string[]): Promise<Map<string, string>> {
  if (couponIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: membershipCoupons.id, code: membershipCoupons.code })
    .from(membershipCoupons)
    .where(and(eq(membershipCoupons.practiceId, practiceId), isAnyOf(membershipCoupons.id, couponIds)));
  return new Map(rows.map((row) => [row.id, row.code]));
}

/** Counts one redemption unless the limit is reached; false when it is (concurrent enrolments cannot pass it). */
export async function redeemCoupon(tx: Transaction, practiceId: string, couponId: string): Promise<boolean> {
  const rows = await tx
    .update(membershipCoupons)
    .set({ redemptions: sql`${membershipCoupons.redemptions} + 1` })
    .where(
      and(
        eq(membershipCoupons.practiceId, practiceId),
        eq(membershipCoupons.id, couponId),
        or(isNull(membershipCoupons.maxRedemptions), sql`${membershipCoupons.redemptions} < ${membershipCoupons.maxRedemptions}`),
      ),
    )
    .returning({ id: membershipCoupons.id });
  return rows.length > 0;
}

/** Gives back the redemption of an enrolment whose first payment was declined. */
export async function releaseCoupon(tx: Transaction, practiceId: string, couponId: string): Promise<void> {
  await tx
    .update(membershipCoupons)
    .set({ redemptions: sql`greatest(${membershipCoupons.redemptions} - 1, 0)` })
    .where(and(eq(membershipCoupons.practiceId, practiceId), eq(membershipCoupons.id, couponId)));
}

// ── Settings ──────────────────────────────────────────────────────────────────────────

export const DEFAULT_RETRY_AFTER_DAYS: readonly number[] = [3, 6];

export async function findRetryAfterDays(tx: Transaction, practiceId: string): Promise<readonly number[]> {
  const [row] = await tx
    .select({ retryAfterDays: membershipSettings.retryAfterDays })
    .from(membershipSettings)
    .where(eq(membershipSettings.practiceId, practiceId));
  return row?.retryAfterDays ?? DEFAULT_RETRY_AFTER_DAYS;
}

/** Saves the retry schedule and, when given, whether Past Due members keep their perks; answers what is stored. */
export async function saveSettings(
  tx: Transaction,
  practiceId: string,
  settings: { retryAfterDays: readonly number[]; perksWhilePastDue?: boolean | undefined },
  now: Date,
): Promise<{ retryAfterDays: number[]; perksWhilePastDue: boolean }> {
  const changes = {
    retryAfterDays: [...settings.retryAfterDays],
    ...(settings.perksWhilePastDue !== undefined ? { perksWhilePastDue: settings.perksWhilePastDue } : {}),
    updatedAt: now,
  };
  const [row] = await tx
    .insert(membershipSettings)
    .values({ practiceId, ...changes })
    .onConflictDoUpdate({ target: membershipSettings.practiceId, set: changes })
    .returning({ retryAfterDays: membershipSettings.retryAfterDays, perksWhilePastDue: membershipSettings.perksWhilePastDue });
  if (!row) throw new Error('membership settings were not saved');
  return row;
}

// ── Memberships ───────────────────────────────────────────────────────────────────────

export async function insertMembership(tx: Transaction, practiceId: string, membership: MembershipInsert): Promise<MembershipRecord> {
  const [row] = await tx
    .insert(memberships)
    .values({ ...membership, practiceId })
    .returning(membershipColumns);
  if (!row) throw new Error('insert into memberships returned no row');
  return row;
}

export async function findMembership(
  tx: Transaction,
  practiceId: string,
  membershipId: string,
  lock: 'none' | 'update' | 'update_skip_locked' = 'none',
): Promise<MembershipRecord | undefined> {
  const query = tx
    .select(membershipColumns)
    .from(memberships)
    .where(and(eq(memberships.practiceId, practiceId), eq(memberships.id, membershipId)));
  const [row] =
    lock === 'none' ? await query : lock === 'update' ? await query.for('update') : await query.for('update', { skipLocked: true });
  return row;
}

export async function updateMembership(
  tx: Transaction,
  practiceId: string,
  membershipId: string,
  changes: Partial<Omit<MembershipInsert, 'createdAt' | 'version'>>,
): Promise<MembershipRecord> {
  const [row] = await tx
    .update(memberships)
    .set({ ...changes, version: sql`${memberships.version} + 1` })
    .where(and(eq(memberships.practiceId, practiceId), eq(memberships.id, membershipId)))
    .returning(membershipColumns);
  if (!row) throw new Error(`membership ${membershipId} vanished during update`);
  return row;
}

export async function listMemberships(
  tx: Transaction,
  practiceId: string,
  filter: { status?: MembershipRowStatus | undefined; planId?: string | undefined; patientId?: string | undefined },
): Promise<MembershipRecord[]> {
  const conditions: (SQL | undefined)[] = [
    eq(memberships.practiceId, practiceId),
    filter.status ? eq(memberships.status, filter.status) : inArray(memberships.status, [...memberStatuses]),
    filter.planId ? eq(memberships.planId, filter.planId) : undefined,
    filter.patientId ? eq(memberships.patientId, filter.patientId) : undefined,
  ];
  return tx
    .select(membershipColumns)
    .from(memberships)
    .where(and(...conditions))
    .orderBy(desc(memberships.createdAt), desc(memberships.id))
    .limit(1000);
}

/** Memberships billing should act on by `now` (and, with `throughDate`, whose draw is on or before it), across practices. */
export async function listDueMemberships(
  tx: Transaction,
  options: { now: Date; throughDate?: string | undefined; practiceIds?: readonly string[] | undefined; limit: number },
): Promise<{ practiceId: string; id: string }[]> {
  return tx
    .select({ practiceId: memberships.practiceId, id: memberships.id })
    .from(memberships)
    .where(
      and(
        lte(memberships.nextChargeAt, options.now),
        or(isNull(memberships.billingLeaseUntil), lte(memberships.billingLeaseUntil, options.now)),
        options.throughDate ? lte(memberships.nextDrawOn, options.throughDate) : undefined,
        options.practiceIds ? isAnyOf(memberships.practiceId, options.practiceIds) : undefined,
      ),
    )
    .orderBy(asc(memberships.nextChargeAt), asc(memberships.id))
    .limit(options.limit);
}

// ── Periods ───────────────────────────────────────────────────────────────────────────

/** Inserts a period; undefined when the membership already has one with that number. */
export async function insertPeriod(tx: Transaction, practiceId: string, period: PeriodInsert): Promise<PeriodRecord | undefined> {
  const [row] = await tx
    .insert(membershipPeriods)
    .values({ ...period, practiceId })
    .onConflictDoNothing({ target: [membershipPeriods.practiceId, membershipPeriods.membershipId, membershipPeriods.number] })
    .returning(periodColumns);
  return row;
}

export async function updatePeriod(
  tx: Transaction,
  practiceId: string,
  membershipId: string,
  number: number,
  changes: Partial<Pick<PeriodRecord, 'status' | 'failedAttempts' | 'nextRetryOn' | 'settledAt'>>,
): Promise<PeriodRecord> {
  const [row] = await tx
    .update(membershipPeriods)
    .set(changes)
    .where(
      and(
        eq(membershipPeriods.practiceId, practiceId),
        eq(membershipPeriods.membershipId, membershipId),
        eq(membershipPeriods.number, number),
      ),
    )
    .returning(periodColumns);
  if (!row) throw new Error(`period ${number} of membership ${membershipId} vanished during update`);
  return row;
}

/** The period billing has not finished with (charging, retrying, or failed and awaiting a new card), if any. */
export async function findOpenPeriod(tx: Transaction, practiceId: string, membershipId: string): Promise<PeriodRecord | undefined> {
  const [row] = await tx
    .select(periodColumns)
    .from(membershipPeriods)
    .where(
      and(
        eq(membershipPeriods.practiceId, practiceId),
        eq(membershipPeriods.membershipId, membershipId),
        inArray(membershipPeriods.status, ['charging', 'retrying', 'failed']),
      ),
    )
    .orderBy(desc(membershipPeriods.number))
    .limit(1);
  return row;
}

export async function listPeriods(tx: Transaction, practiceId: string, membershipIds: readonly string[]): Promise<PeriodRecord[]> {
  if (membershipIds.length === 0) return [];
  return tx
    .select(periodColumns)
    .from(membershipPeriods)
    .where(and(eq(membershipPeriods.practiceId, practiceId), isAnyOf(membershipPeriods.membershipId, membershipIds)))
    .orderBy(asc(membershipPeriods.membershipId), asc(membershipPeriods.number));
}

/** Memberships (of these) with a period whose charge the gateway did not confirm. */
export async function membershipsNeedingAttention(
  tx: Transaction,
  practiceId: string,
  membershipIds: readonly string[],
): Promise<Set<string>> {
  if (membershipIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ membershipId: membershipPeriods.membershipId })
    .from(membershipPeriods)
    .where(
      and(
        eq(membershipPeriods.practiceId, practiceId),
        isAnyOf(membershipPeriods.membershipId, membershipIds),
        eq(membershipPeriods.status, 'attention'),
      ),
    );
  return new Set(rows.map((row) => row.membershipId));
}

export async function findPeriod(
  tx: Transaction,
  practiceId: string,
  membershipId: string,
  number: number,
): Promise<PeriodRecord | undefined> {
  const [row] = await tx
    .select(periodColumns)
    .from(membershipPeriods)
    .where(
      and(
        eq(membershipPeriods.practiceId, practiceId),
        eq(membershipPeriods.membershipId, membershipId),
        eq(membershipPeriods.number, number),
      ),
    );
  return row;
}

/** The latest period marked for attention (its charge's outcome unknown), if any. */
export async function findPeriodNeedingAttention(
  tx: Transaction,
  practiceId: string,
  membershipId: string,
): Promise<PeriodRecord | undefined> {
  const [row] = await tx
    .select(periodColumns)
    .from(membershipPeriods)
    .where(
      and(
        eq(membershipPeriods.practiceId, practiceId),
        eq(membershipPeriods.membershipId, membershipId),
        eq(membershipPeriods.status, 'attention'),
      ),
    )
    .orderBy(desc(membershipPeriods.number))
    .limit(1);
  return row;
}

/** Which of these signed agreements a membership already rests on (a declined enrolment's leaves it free for the retry). */
export async function findAgreementsInUse(tx: Transaction, practiceId: string, assignmentIds: readonly string[]): Promise<Set<string>> {
  if (assignmentIds.length === 0) return new Set();
  const rows = await tx
    .select({ assignmentId: memberships.agreementAssignmentId })
    .from(memberships)
    .where(
      and(
        eq(memberships.practiceId, practiceId),
        isAnyOf(memberships.agreementAssignmentId, assignmentIds),
        sql`${memberships.status} <> 'declined'`,
      ),
    );
  return new Set(rows.flatMap((row) => (row.assignmentId ? [row.assignmentId] : [])));
}

// ── Billing batches: many memberships of one practice per statement ─────────────────────

/**
 * Locks the memberships of a billing batch that no other transaction holds (`FOR UPDATE SKIP
 * LOCKED`): those left out are being worked on elsewhere.
 */
export async function lockMembershipsSkippingLocked(
  tx: Transaction,
  practiceId: string,
  membershipIds: readonly string[],
): Promise<MembershipRecord[]> {
  if (membershipIds.length === 0) return [];
  return tx
    .select(membershipColumns)
    .from(memberships)
    .where(and(eq(memberships.practiceId, practiceId), isAnyOf(memberships.id, membershipIds)))
    .orderBy(asc(memberships.id))
    .for('update', { skipLocked: true });
}

/** Locks memberships (waiting for them), in id order so that two batches never wait on each other in a circle. */
export async function lockMemberships(tx: Transaction, practiceId: string, membershipIds: readonly string[]): Promise<MembershipRecord[]> {
  if (membershipIds.length === 0) return [];
  return tx
    .select(membershipColumns)
    .from(memberships)
    .where(and(eq(memberships.practiceId, practiceId), isAnyOf(memberships.id, membershipIds)))
    .orderBy(asc(memberships.id))
    .for('update');
}

/** Which of these memberships have a period billing has not finished with (see `findOpenPeriod`). */
export async function membershipsWithOpenPeriods(
  tx: Transaction,
  practiceId: string,
  membershipIds: readonly string[],
): Promise<Set<string>> {
  if (membershipIds.length === 0) return new Set();
  const rows = await tx
    .selectDistinct({ membershipId: membershipPeriods.membershipId })
    .from(membershipPeriods)
    .where(
      and(
        eq(membershipPeriods.practiceId, practiceId),
        isAnyOf(membershipPeriods.membershipId, membershipIds),
        inArray(membershipPeriods.status, ['charging', 'retrying', 'failed']),
      ),
    );
  return new Set(rows.map((row) => row.membershipId));
}

/** Inserts periods in one statement; answers how many were new (a number already taken is skipped). */
export async function insertPeriods(tx: Transaction, practiceId: string, periods: readonly PeriodInsert[]): Promise<number> {
  const rows = await insertByColumns(
    tx,
    membershipPeriods,
    periods.map((period) => ({ ...period, practiceId })),
    { onConflictDoNothing: true, returning: ['membership_id'] },
  );
  return rows.length;
}

/** Moves a batch's memberships to their next period and draw and leases them to the run, in one statement. */
export async function advanceMemberships(
  tx: Transaction,
  practiceId: string,
  rows: readonly { id: string; nextPeriod: number; nextDrawOn: string }[],
  leaseUntil: Date,
  now: Date,
): Promise<void> {
  if (rows.length === 0) return;
  await tx.execute(sql`
    update memberships m
       set next_period = a.next_period, next_draw_on = a.next_draw_on, billing_lease_until = ${leaseUntil.toISOString()}::timestamptz,
           updated_at = ${now.toISOString()}::timestamptz, version = m.version + 1
      from unnest(${sql.param(rows.map((row) => row.id))}::uuid[], ${sql.param(rows.map((row) => row.nextPeriod))}::int[],
                  ${sql.param(rows.map((row) => row.nextDrawOn))}::date[]) as a(id, next_period, next_draw_on)
     where m.practice_id = ${practiceId} and m.id = a.id`);
}

/** The periods named by (membership, number), in one statement. */
export async function findPeriods(
  tx: Transaction,
  practiceId: string,
  keys: readonly { membershipId: string; number: number }[],
): Promise<PeriodRecord[]> {
  if (keys.length === 0) return [];
  return tx
    .select(periodColumns)
    .from(membershipPeriods)
    .where(
      and(
        eq(membershipPeriods.practiceId, practiceId),
        sql`(${membershipPeriods.membershipId}, ${membershipPeriods.number}) in (
              select * from unnest(${sql.param(keys.map((key) => key.membershipId))}::uuid[], ${sql.param(keys.map((key) => key.number))}::int[]))`,
      ),
    );
}

/** Records a batch's charged periods paid, in one statement. */
export async function markPeriodsPaid(
  tx: Transaction,
  practiceId: string,
  keys: readonly { membershipId: string; number: number }[],
  now: Date,
): Promise<void> {
  if (keys.length === 0) return;
  await tx.execute(sql`
    update membership_periods p
       set status = 'paid', next_retry_on = null, settled_at = ${now.toISOString()}::timestamptz
      from unnest(${sql.param(keys.map((key) => key.membershipId))}::uuid[], ${sql.param(keys.map((key) => key.number))}::int[])
           as k(membership_id, number)
     where p.practice_id = ${practiceId} and p.membership_id = k.membership_id and p.number = k.number`);
}

/** A batch's memberships after a paid period: their status and next charge, the run's lease released; the rows as updated. */
export async function settleMembershipsPaid(
  tx: Transaction,
  practiceId: string,
  rows: readonly { id: string; status: MembershipRowStatus; nextChargeAt: Date | null }[],
  now: Date,
): Promise<MembershipRecord[]> {
  if (rows.length === 0) return [];
  const updated = await tx.execute<{ id: string }>(sql`
    update memberships m
       set status = s.status, next_charge_at = s.next_charge_at, billing_lease_until = null,
           updated_at = ${now.toISOString()}::timestamptz, version = m.version + 1
      from unnest(${sql.param(rows.map((row) => row.id))}::uuid[], ${sql.param(rows.map((row) => row.status))}::text[],
                  ${sql.param(rows.map((row) => row.nextChargeAt?.toISOString() ?? null))}::timestamptz[]) as s(id, status, next_charge_at)
     where m.practice_id = ${practiceId} and m.id = s.id
    returning m.id`);
  const ids = updated.rows.map((row) => row.id);
  return ids.length === 0
    ? []
    : tx
        .select(membershipColumns)
        .from(memberships)
        .where(and(eq(memberships.practiceId, practiceId), isAnyOf(memberships.id, ids)));
}

/** Plans' names and perks by id, in one statement. */
export async function findPlanSummaries(
  tx: Transaction,
  practiceId: string,
  planIds: readonly string[],
): Promise<Map<string, Pick<PlanRecord, 'id' | 'name' | 'perks'>>> {
  if (planIds.length === 0) return new Map();
  const rows = await tx
    .select({ id: membershipPlans.id, name: membershipPlans.name, perks: membershipPlans.perks })
    .from(membershipPlans)
    .where(and(eq(membershipPlans.practiceId, practiceId), isAnyOf(membershipPlans.id, [...new Set(planIds)])));
  return new Map(rows.map((row) => [row.id, row]));
}
