import { and, asc, eq, gte, isNull, lte, or } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { scheduleOverrides, scheduleRules, type StoredWallClockInterval } from './practice-tables.ts';

export interface ScheduleRuleRecord {
  id: string;
  providerId: string;
  clinicId: string;
  weekday: number;
  /** Clinic-local 'HH:MM'; `end` may be '24:00'. */
  start: string;
  end: string;
  /** Local dates 'YYYY-MM-DD', both inclusive; `effectiveTo` null = open-ended. */
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface NewScheduleRule {
  weekday: number;
  start: string;
  end: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

export interface ScheduleOverrideRecord {
  id: string;
  providerId: string;
  clinicId: string;
  localDate: string;
  intervals: StoredWallClockInterval[];
  note: string | null;
  createdAt: Date;
}

const ruleColumns = {
  id: scheduleRules.id,
  providerId: scheduleRules.providerId,
  clinicId: scheduleRules.clinicId,
  weekday: scheduleRules.weekday,
  startTime: scheduleRules.startTime,
  endTime: scheduleRules.endTime,
  effectiveFrom: scheduleRules.effectiveFrom,
  effectiveTo: scheduleRules.effectiveTo,
};

const overrideColumns = {
  id: scheduleOverrides.id,
  providerId: scheduleOverrides.providerId,
  clinicId: scheduleOverrides.clinicId,
  localDate: scheduleOverrides.localDate,
  intervals: scheduleOverrides.intervals,
  note: scheduleOverrides.note,
  createdAt: scheduleOverrides.createdAt,
};

/** The database renders `time` as 'HH:MM:SS' ('24:00:00' at end of day). */
function toRuleRecord(row: {
  id: string;
  providerId: string;
  clinicId: string;
  weekday: number;
  startTime: string;
  endTime: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}): ScheduleRuleRecord {
  return {
    id: row.id,
    providerId: row.providerId,
    clinicId: row.clinicId,
    weekday: row.weekday,
    start: row.startTime.slice(0, 5),
    end: row.endTime.slice(0, 5),
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
  };
}

/** Rules in force at some point of [fromDate, toDate] (local dates). */
function inForceBetween(fromDate: string, toDate: string) {
  return and(lte(scheduleRules.effectiveFrom, toDate), or(isNull(scheduleRules.effectiveTo), gte(scheduleRules.effectiveTo, fromDate)));
}

export async function listProviderRules(
  tx: Transaction,
  practiceId: string,
  providerId: string,
  filter: { clinicId?: string | undefined; fromDate?: string; toDate?: string },
): Promise<ScheduleRuleRecord[]> {
  const rows = await tx
    .select(ruleColumns)
    .from(scheduleRules)
    .where(
      and(
        eq(scheduleRules.practiceId, practiceId),
        eq(scheduleRules.providerId, providerId),
        filter.clinicId === undefined ? undefined : eq(scheduleRules.clinicId, filter.clinicId),
        filter.fromDate === undefined || filter.toDate === undefined ? undefined : inForceBetween(filter.fromDate, filter.toDate),
      ),
    )
    .orderBy(asc(scheduleRules.clinicId), asc(scheduleRules.effectiveFrom), asc(scheduleRules.weekday), asc(scheduleRules.startTime));
  return rows.map(toRuleRecord);
}

/** Every provider's rules at a clinic in force at some point of [fromDate, toDate]: one query for a whole search. */
export async function listClinicRules(
  tx: Transaction,
  practiceId: string,
  clinicId: string,
  fromDate: string,
  toDate: string,
): Promise<ScheduleRuleRecord[]> {
  const rows = await tx
    .select(ruleColumns)
    .from(scheduleRules)
    .where(and(eq(scheduleRules.practiceId, practiceId), eq(scheduleRules.clinicId, clinicId), inForceBetween(fromDate, toDate)));
  return rows.map(toRuleRecord);
}

export async function replaceProviderRules(
  tx: Transaction,
  practiceId: string,
  providerId: string,
  clinicId: string,
  rules: readonly NewScheduleRule[],
): Promise<ScheduleRuleRecord[]> {
  await tx
    .delete(scheduleRules)
    .where(and(eq(scheduleRules.practiceId, practiceId), eq(scheduleRules.providerId, providerId), eq(scheduleRules.clinicId, clinicId)));
  if (rules.length === 0) return [];
  const rows = await tx
    .insert(scheduleRules)
    .values(
      rules.map((rule) => ({
        practiceId,
        providerId,
        clinicId,
        weekday: rule.weekday,
        startTime: rule.start,
        endTime: rule.end,
        effectiveFrom: rule.effectiveFrom,
        effectiveTo: rule.effectiveTo,
      })),
    )
    .returning(ruleColumns);
  return rows
    .map(toRuleRecord)
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.weekday - b.weekday || a.start.localeCompare(b.start));
}

export async function insertScheduleOverride(
  tx: Transaction,
  practiceId: string,
  override: { providerId: string; clinicId: string; localDate: string; intervals: StoredWallClockInterval[]; note: string | null },
): Promise<ScheduleOverrideRecord> {
  const [row] = await tx
    .insert(scheduleOverrides)
    .values({ practiceId, ...override })
    .returning(overrideColumns);
  if (!row) throw new Error('insert into schedule_overrides returned no row');
  return row;
}

export async function deleteScheduleOverride(
  tx: Transaction,
  practiceId: string,
  providerId: string,
  overrideId: string,
): Promise<ScheduleOverrideRecord | undefined> {
  const [row] = await tx
    .delete(scheduleOverrides)
    .where(
      and(eq(scheduleOverrides.practiceId, practiceId), eq(scheduleOverrides.providerId, providerId), eq(scheduleOverrides.id, overrideId)),
    )
    .returning(overrideColumns);
  return row;
}

export async function listProviderOverrides(
  tx: Transaction,
  practiceId: string,
  providerId: string,
  filter: { clinicId?: string | undefined; fromDate?: string | undefined; toDate?: string | undefined },
): Promise<ScheduleOverrideRecord[]> {
  return tx
    .select(overrideColumns)
    .from(scheduleOverrides)
    .where(
      and(
        eq(scheduleOverrides.practiceId, practiceId),
        eq(scheduleOverrides.providerId, providerId),
        filter.clinicId === undefined ? undefined : eq(scheduleOverrides.clinicId, filter.clinicId),
        filter.fromDate === undefined ? undefined : gte(scheduleOverrides.localDate, filter.fromDate),
        filter.toDate === undefined ? undefined : lte(scheduleOverrides.localDate, filter.toDate),
      ),
    )
    .orderBy(asc(scheduleOverrides.localDate), asc(scheduleOverrides.clinicId));
}

/** Every provider's overrides at a clinic on [fromDate, toDate]: one query for a whole search. */
export async function listClinicOverrides(
  tx: Transaction,
  practiceId: string,
  clinicId: string,
  fromDate: string,
  toDate: string,
): Promise<ScheduleOverrideRecord[]> {
  return tx
    .select(overrideColumns)
    .from(scheduleOverrides)
    .where(
      and(
        eq(scheduleOverrides.practiceId, practiceId),
        eq(scheduleOverrides.clinicId, clinicId),
        gte(scheduleOverrides.localDate, fromDate),
        lte(scheduleOverrides.localDate, toDate),
      ),
    );
}

/** The clinics where the provider has weekly rules or date overrides. */
export async function findClinicIdsWithSchedule(tx: Transaction, practiceId: string, providerId: string): Promise<Set<string>> {
  const ruleClinics = await tx
    .selectDistinct({ clinicId: scheduleRules.clinicId })
    .from(scheduleRules)
    .where(and(eq(scheduleRules.practiceId, practiceId), eq(scheduleRules.providerId, providerId)));
  const overrideClinics = await tx
    .selectDistinct({ clinicId: scheduleOverrides.clinicId })
    .from(scheduleOverrides)
    .where(and(eq(scheduleOverrides.practiceId, practiceId), eq(scheduleOverrides.providerId, providerId)));
  return new Set([...ruleClinics, ...overrideClinics].map((row) => row.clinicId));
}
