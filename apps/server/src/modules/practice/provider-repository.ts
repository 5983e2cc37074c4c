import { and, asc, desc, eq, inArray, notInArray, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { providerClinics, providers, providerServices, scheduleOverrides, scheduleRules } from './practice-tables.ts';

export interface ProviderRecord {
  id: string;
  practiceId: string;
  staffId: string;
  displayName: string;
  title: string | null;
  color: string;
  virtualRoomUrl: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  clinicIds: string[];
  serviceIds: string[];
}

export type ProviderFields = Pick<ProviderRecord, 'staffId' | 'displayName' | 'title' | 'color' | 'virtualRoomUrl'>;
export type ProviderChanges = Partial<Omit<ProviderFields, 'staffId'> & { active: boolean }>;

export interface ProviderFilter {
  clinicId?: string | undefined;
  serviceId?: string | undefined;
  active?: boolean | undefined;
}

/** What the appointment book and availability answers show of a provider. */
export interface ProviderSummary {
  id: string;
  displayName: string;
  title: string | null;
  color: string;
}

const providerColumns = {
  id: providers.id,
  practiceId: providers.practiceId,
  staffId: providers.staffId,
  displayName: providers.displayName,
  title: providers.title,
  color: providers.color,
  virtualRoomUrl: providers.virtualRoomUrl,
  active: providers.active,
  createdAt: providers.createdAt,
  updatedAt: providers.updatedAt,
  version: providers.version,
  clinicIds: sql<
    string[]
  >`array(select pc.clinic_id::text from provider_clinics pc where pc.practice_id = ${providers.practiceId} and pc.provider_id = ${providers.id} order by pc.clinic_id)`,
  serviceIds: sql<
    string[]
  >`array(select ps.service_id::text from provider_services ps where ps.practice_id = ${providers.practiceId} and ps.provider_id = ${providers.id} order by ps.service_id)`,
};

export async function insertProvider(tx: Transaction, practiceId: string, fields: ProviderFields): Promise<{ id: string }> {
  const [row] = await tx
    .insert(providers)
    .values({ practiceId, ...fields })
    .returning({ id: providers.id });
  if (!row) throw new Error('insert into providers returned no row');
  return row;
}

export async function listProviders(tx: Transaction, practiceId: string, filter: ProviderFilter): Promise<ProviderRecord[]> {
  return tx
    .select(providerColumns)
    .from(providers)
    .where(
      and(
        eq(providers.practiceId, practiceId),
        filter.clinicId === undefined
          ? undefined
          : sql`exists (select 1 from provider_clinics pc where pc.practice_id = ${providers.practiceId} and pc.provider_id = ${providers.id} and pc.clinic_id = ${filter.clinicId})`,
        filter.serviceId === undefined
          ? undefined
          : sql`exists (select 1 from provider_services ps where ps.practice_id = ${providers.practiceId} and ps.provider_id = ${providers.id} and ps.service_id = ${filter.serviceId})`,
        filter.active === undefined ? undefined : eq(providers.active, filter.active),
      ),
    )
    .orderBy(desc(providers.active), asc(providers.displayName), asc(providers.id));
}

export async function findProvider(
  tx: Transaction,
  practiceId: string,
  providerId: string,
  options: { lock?: boolean } = {},
): Promise<ProviderRecord | undefined> {
  const query = tx
    .select(providerColumns)
    .from(providers)
    .where(and(eq(providers.practiceId, practiceId), eq(providers.id, providerId)));
  const [row] = options.lock ? await query.for('update', { of: providers }) : await query;
  return row;
}

export async function findProviderSummariesByIds(
  tx: Transaction,
  practiceId: string,
  providerIds: readonly string[],
): Promise<(ProviderSummary & { active: boolean })[]> {
  if (providerIds.length === 0) return [];
  return tx
    .select({
      id: providers.id,
      displayName: providers.displayName,
      title: providers.title,
      color: providers.color,
      active: providers.active,
    })
    .from(providers)
    .where(and(eq(providers.practiceId, practiceId), inArray(providers.id, [...providerIds])));
}

/** The provider record the staff member signs in as (active or not), or undefined. */
export async function findProviderIdOfStaff(tx: Transaction, practiceId: string, staffId: string): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: providers.id })
    .from(providers)
    .where(and(eq(providers.practiceId, practiceId), eq(providers.staffId, staffId)));
  return row?.id;
}

export async function updateProvider(
  tx: Transaction,
  practiceId: string,
  providerId: string,
  changes: ProviderChanges,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(providers)
    .set({ ...changes, updatedAt: now, version: sql`${providers.version} + 1` })
    .where(and(eq(providers.practiceId, practiceId), eq(providers.id, providerId)))
    .returning({ id: providers.id });
  return rows.length > 0;
}

/**
 * Sets the clinics a provider works at. Removing a clinic where the provider still has
 * working hours fails on schedule_*_provider_clinic_fkey (the hours must be cleared first).
 */
export async function replaceProviderClinics(
  tx: Transaction,
  practiceId: string,
  providerId: string,
  clinicIds: readonly string[],
): Promise<void> {
  await tx
    .delete(providerClinics)
    .where(
      and(
        eq(providerClinics.practiceId, practiceId),
        eq(providerClinics.providerId, providerId),
        clinicIds.length === 0 ? undefined : notInArray(providerClinics.clinicId, [...clinicIds]),
      ),
    );
  if (clinicIds.length === 0) return;
  await tx
    .insert(providerClinics)
    .values(clinicIds.map((clinicId) => ({ practiceId, providerId, clinicId })))
    .onConflictDoNothing();
}

export async function replaceProviderServices(
  tx: Transaction,
  practiceId: string,
  providerId: string,
  serviceIds: readonly string[],
): Promise<void> {
  await tx.delete(providerServices).where(and(eq(providerServices.practiceId, practiceId), eq(providerServices.providerId, providerId)));
  if (serviceIds.length === 0) return;
  await tx.insert(providerServices).values(serviceIds.map((serviceId) => ({ practiceId, providerId, serviceId })));
}

/** Deletes the provider with the schedule it owns; anything else referencing it makes this fail. */
export async function deleteProvider(tx: Transaction, practiceId: string, providerId: string): Promise<boolean> {
  await tx.delete(scheduleRules).where(and(eq(scheduleRules.practiceId, practiceId), eq(scheduleRules.providerId, providerId)));
  await tx.delete(scheduleOverrides).where(and(eq(scheduleOverrides.practiceId, practiceId), eq(scheduleOverrides.providerId, providerId)));
  const rows = await tx
    .delete(providers)
    .where(and(eq(providers.practiceId, practiceId), eq(providers.id, providerId)))
    .returning({ id: providers.id });
  return rows.length > 0;
}
