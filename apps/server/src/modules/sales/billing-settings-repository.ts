import { and, desc, eq, sql } from 'drizzle-orm';
import { isAnyOf, prepareStatement, type Read, readOf, type Transaction } from '../../platform/database.ts';
import { cancellationPolicyVersions, clinicBillingSettings, practiceSalesSettings } from './sales-tables.ts';

export type ClinicBillingSettingsRecord = Omit<typeof clinicBillingSettings.$inferSelect, 'practiceId'>;
export type CancellationPolicyRecord = Omit<typeof cancellationPolicyVersions.$inferSelect, 'practiceId'>;
export type SalesSettingsRecord = Omit<typeof practiceSalesSettings.$inferSelect, 'practiceId'>;

const settingsColumns = {
  clinicId: clinicBillingSettings.clinicId,
  cancellationWindowHours: clinicBillingSettings.cancellationWindowHours,
  taxRateBps: clinicBillingSettings.taxRateBps,
  updatedAt: clinicBillingSettings.updatedAt,
  updatedBy: clinicBillingSettings.updatedBy,
  version: clinicBillingSettings.version,
};

const policyColumns = {
  id: cancellationPolicyVersions.id,
  clinicId: cancellationPolicyVersions.clinicId,
  version: cancellationPolicyVersions.version,
  text: cancellationPolicyVersions.text,
  windowHours: cancellationPolicyVersions.windowHours,
  createdAt: cancellationPolicyVersions.createdAt,
  createdBy: cancellationPolicyVersions.createdBy,
};

export async function findClinicSettings(
  tx: Transaction,
  practiceId: string,
  clinicIds: readonly string[],
  options: { forUpdate?: boolean } = {},
): Promise<ClinicBillingSettingsRecord[]> {
  if (clinicIds.length === 0) return [];
  const query = tx
    .select(settingsColumns)
    .from(clinicBillingSettings)
    .where(and(eq(clinicBillingSettings.practiceId, practiceId), isAnyOf(clinicBillingSettings.clinicId, clinicIds)));
  return options.forUpdate ? query.for('update') : query;
}

const clinicSettingsStatement = prepareStatement<
  { clinicId: string; cancellationWindowHours: number; taxRateBps: number; version: number; updatedAtMs: number },
  { practiceId: string; clinicIds: string[] }
>(
  'sales.clinic_fee_settings',
  (value) => sql`
    select clinic_id as "clinicId", cancellation_window_hours as "cancellationWindowHours", tax_rate_bps as "taxRateBps",
           version, (extract(epoch from updated_at) * 1000)::float8 as "updatedAtMs"
    from clinic_billing_settings
    where practice_id = ${value('practiceId')}::uuid and clinic_id = any(${value('clinicIds')}::uuid[])`,
);

/** The clinics' fee settings rows (cancellation window, tax rate), as a read that can travel with BEGIN. */
export function clinicFeeSettingsRead<T>(
  practiceId: string,
  clinicIds: readonly string[],
  decode: (rows: { clinicId: string; cancellationWindowHours: number; taxRateBps: number; version: number; updatedAt: Date }[]) => T,
): Read<T> {
  return readOf(clinicSettingsStatement, { practiceId, clinicIds: [...clinicIds] }, (rows) =>
    decode(rows.map(({ updatedAtMs, ...row }) => ({ ...row, updatedAt: new Date(updatedAtMs) }))),
  );
}

/** Creates the clinic's settings row with the defaults when it has none (a no-op otherwise). */
export async function ensureClinicSettings(tx: Transaction, practiceId: string, clinicId: string): Promise<void> {
  await tx.insert(clinicBillingSettings).values({ practiceId, clinicId }).onConflictDoNothing();
}

export async function updateClinicSettings(
  tx: Transaction,
  practiceId: string,
  clinicId: string,
  changes: { cancellationWindowHours?: number; taxRateBps?: number },
  updatedBy: string,
  now: Date,
): Promise<ClinicBillingSettingsRecord> {
  const [row] = await tx
    .update(clinicBillingSettings)
    .set({ ...changes, updatedBy, updatedAt: now, version: sql`${clinicBillingSettings.version} + 1` })
    .where(and(eq(clinicBillingSettings.practiceId, practiceId), eq(clinicBillingSettings.clinicId, clinicId)))
    .returning(settingsColumns);
  if (!row) throw new Error(`clinic billing settings of ${clinicId} vanished during update`);
  return row;
}

/** The clinic's current cancellation policy (its highest version), or undefined before the first. */
export async function findCurrentPolicy(
  tx: Transaction,
  practiceId: string,
  clinicId: string,
): Promise<CancellationPolicyRecord | undefined> {
  const [row] = await tx
    .select(policyColumns)
    .from(cancellationPolicyVersions)
    .where(and(eq(cancellationPolicyVersions.practiceId, practiceId), eq(cancellationPolicyVersions.clinicId, clinicId)))
    .orderBy(desc(cancellationPolicyVersions.version))
    .limit(1);
  return row;
}

/** One policy version by id (what a booking's card evidence names), or undefined. */
export async function findPolicyVersion(
  tx: Transaction,
  practiceId: string,
  policyVersionId: string,
): Promise<CancellationPolicyRecord | undefined> {
  const [row] = await tx
    .select(policyColumns)
    .from(cancellationPolicyVersions)
    .where(and(eq(cancellationPolicyVersions.practiceId, practiceId), eq(cancellationPolicyVersions.id, policyVersionId)));
  return row;
}

export async function listPolicies(tx: Transaction, practiceId: string, clinicId: string): Promise<CancellationPolicyRecord[]> {
  return tx
    .select(policyColumns)
    .from(cancellationPolicyVersions)
    .where(and(eq(cancellationPolicyVersions.practiceId, practiceId), eq(cancellationPolicyVersions.clinicId, clinicId)))
    .orderBy(desc(cancellationPolicyVersions.version));
}

/** Inserts a policy version; undefined when another transaction wrote that version first. */
export async function insertPolicy(
  tx: Transaction,
  practiceId: string,
  policy: { clinicId: string; version: number; text: string; windowHours: number; createdBy: string | null },
): Promise<CancellationPolicyRecord | undefined> {
  const [row] = await tx
    .insert(cancellationPolicyVersions)
    .values({ practiceId, ...policy })
    .onConflictDoNothing()
    .returning(policyColumns);
  return row;
}

export async function findSalesSettings(tx: Transaction, practiceId: string): Promise<SalesSettingsRecord | undefined> {
  const [row] = await tx.select().from(practiceSalesSettings).where(eq(practiceSalesSettings.practiceId, practiceId));
  if (!row) return undefined;
  const { practiceId: _practice, ...settings } = row;
  return settings;
}

export async function saveSalesSettings(
  tx: Transaction,
  practiceId: string,
  settings: { frontDeskMayRefund: boolean },
  updatedBy: string,
  now: Date,
): Promise<SalesSettingsRecord> {
  const [row] = await tx
    .insert(practiceSalesSettings)
    .values({ practiceId, ...settings, updatedBy, updatedAt: now })
    .onConflictDoUpdate({
      target: practiceSalesSettings.practiceId,
      set: { ...settings, updatedBy, updatedAt: now, version: sql`${practiceSalesSettings.version} + 1` },
    })
    .returning();
  if (!row) throw new Error('saving sales settings returned no row');
  const { practiceId: _practice, ...saved } = row;
  return saved;
}
