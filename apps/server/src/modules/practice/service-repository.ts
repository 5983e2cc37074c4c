import type { ServiceMode } from '@glowdesk/contracts';
import { and, asc, desc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { providerServices, serviceClinics, serviceResources, services } from './practice-tables.ts';

export interface ServiceRecord {
  id: string;
  practiceId: string;
  name: string;
  category: string | null;
  description: string | null;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  priceCents: number;
  currency: string;
  cancellationFeeCents: number;
  noShowFeeCents: number;
  mode: ServiceMode;
  bookableOnline: boolean;
  requiresCardForOnlineBooking: boolean;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  clinicIds: string[];
  resourceIds: string[];
  providerIds: string[];
}

export type ServiceFields = Omit<
  ServiceRecord,
  'id' | 'practiceId' | 'active' | 'createdAt' | 'updatedAt' | 'version' | 'clinicIds' | 'resourceIds' | 'providerIds'
>;
export type ServiceChanges = Partial<ServiceFields & { active: boolean }>;

export interface ServiceFilter {
  clinicId?: string | undefined;
  providerId?: string | undefined;
  category?: string | undefined;
  mode?: ServiceMode | undefined;
  active?: boolean | undefined;
  bookableOnline?: boolean | undefined;
}

const scalarColumns = {
  id: services.id,
  practiceId: services.practiceId,
  name: services.name,
  category: services.category,
  description: services.description,
  durationMinutes: services.durationMinutes,
  bufferBeforeMinutes: services.bufferBeforeMinutes,
  bufferAfterMinutes: services.bufferAfterMinutes,
  priceCents: services.priceCents,
  currency: services.currency,
  cancellationFeeCents: services.cancellationFeeCents,
  noShowFeeCents: services.noShowFeeCents,
  mode: services.mode,
  bookableOnline: services.bookableOnline,
  requiresCardForOnlineBooking: services.requiresCardForOnlineBooking,
  active: services.active,
  createdAt: services.createdAt,
  updatedAt: services.updatedAt,
  version: services.version,
};

const serviceColumns = {
  ...scalarColumns,
  clinicIds: sql<
    string[]
  >`array(select sc.clinic_id::text from service_clinics sc where sc.practice_id = ${services.practiceId} and sc.service_id = ${services.id} order by sc.clinic_id)`,
  resourceIds: sql<
    string[]
  >`array(select sr.resource_id::text from service_resources sr where sr.practice_id = ${services.practiceId} and sr.service_id = ${services.id} order by sr.resource_id)`,
  providerIds: sql<
    string[]
  >`array(select ps.provider_id::text from provider_services ps where ps.practice_id = ${services.practiceId} and ps.service_id = ${services.id} order by ps.provider_id)`,
};

export async function insertService(tx: Transaction, practiceId: string, fields: ServiceFields): Promise<{ id: string }> {
  const [row] = await tx
    .insert(services)
    .values({ practiceId, ...fields })
    .returning({ id: services.id });
  if (!row) throw new Error('insert into services returned no row');
  return row;
}

function filterConditions(practiceId: string, filter: ServiceFilter): (SQL | undefined)[] {
  return [
    eq(services.practiceId, practiceId),
    filter.clinicId === undefined
      ? undefined
      : sql`exists (select 1 from service_clinics sc where sc.practice_id = ${services.practiceId} and sc.service_id = ${services.id} and sc.clinic_id = ${filter.clinicId})`,
    filter.providerId === undefined
      ? undefined
      : sql`exists (select 1 from provider_services ps where ps.practice_id = ${services.practiceId} and ps.service_id = ${services.id} and ps.provider_id = ${filter.providerId})`,
    filter.category === undefined ? undefined : eq(services.category, filter.category),
    filter.mode === undefined ? undefined : eq(services.mode, filter.mode),
    filter.active === undefined ? undefined : eq(services.active, filter.active),
    filter.bookableOnline === undefined ? undefined : eq(services.bookableOnline, filter.bookableOnline),
  ];
}

export async function listServices(tx: Transaction, practiceId: string, filter: ServiceFilter): Promise<ServiceRecord[]> {
  return tx
    .select(serviceColumns)
    .from(services)
    .where(and(...filterConditions(practiceId, filter)))
    .orderBy(desc(services.active), asc(services.category), asc(services.name));
}

export async function findService(
  tx: Transaction,
  practiceId: string,
  serviceId: string,
  options: { lock?: boolean } = {},
): Promise<ServiceRecord | undefined> {
  const query = tx
    .select(serviceColumns)
    .from(services)
    .where(and(eq(services.practiceId, practiceId), eq(services.id, serviceId)));
  const [row] = options.lock ? await query.for('update', { of: services }) : await query;
  return row;
}

/** Ids and names of the services among `serviceIds` that exist. */
export async function findServiceNamesByIds(
  tx: Transaction,
  practiceId: string,
  serviceIds: readonly string[],
): Promise<{ id: string; name: string; active: boolean }[]> {
  if (serviceIds.length === 0) return [];
  return tx
    .select({ id: services.id, name: services.name, active: services.active })
    .from(services)
    .where(and(eq(services.practiceId, practiceId), inArray(services.id, [...serviceIds])));
}

export async function updateService(
  tx: Transaction,
  practiceId: string,
  serviceId: string,
  changes: ServiceChanges,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(services)
    .set({ ...changes, updatedAt: now, version: sql`${services.version} + 1` })
    .where(and(eq(services.practiceId, practiceId), eq(services.id, serviceId)))
    .returning({ id: services.id });
  return rows.length > 0;
}

export async function replaceServiceClinics(
  tx: Transaction,
  practiceId: string,
  serviceId: string,
  clinicIds: readonly string[],
): Promise<void> {
  // Keeps rows that stay: deleting them would cascade to the resources needed there.
  const keep = clinicIds.length === 0 ? undefined : notInArray(serviceClinics.clinicId, [...clinicIds]);
  await tx.delete(serviceClinics).where(and(eq(serviceClinics.practiceId, practiceId), eq(serviceClinics.serviceId, serviceId), keep));
  if (clinicIds.length === 0) return;
  await tx
    .insert(serviceClinics)
    .values(clinicIds.map((clinicId) => ({ practiceId, serviceId, clinicId })))
    .onConflictDoNothing();
}

export async function replaceServiceResources(
  tx: Transaction,
  practiceId: string,
  serviceId: string,
  needs: readonly { resourceId: string; clinicId: string }[],
): Promise<void> {
  await tx.delete(serviceResources).where(and(eq(serviceResources.practiceId, practiceId), eq(serviceResources.serviceId, serviceId)));
  if (needs.length === 0) return;
  await tx.insert(serviceResources).values(needs.map((need) => ({ practiceId, serviceId, ...need })));
}

export async function replaceServiceProviders(
  tx: Transaction,
  practiceId: string,
  serviceId: string,
  providerIds: readonly string[],
): Promise<void> {
  await tx.delete(providerServices).where(and(eq(providerServices.practiceId, practiceId), eq(providerServices.serviceId, serviceId)));
  if (providerIds.length === 0) return;
  await tx.insert(providerServices).values(providerIds.map((providerId) => ({ practiceId, serviceId, providerId })));
}

export async function deleteService(tx: Transaction, practiceId: string, serviceId: string): Promise<boolean> {
  const rows = await tx
    .delete(services)
    .where(and(eq(services.practiceId, practiceId), eq(services.id, serviceId)))
    .returning({ id: services.id });
  return rows.length > 0;
}

/** Whether each of the services may be booked online, and whether it then needs a card (unknown ids are left out). */
export async function findOnlineBookingFlags(
  tx: Transaction,
  practiceId: string,
  serviceIds: readonly string[],
): Promise<{ id: string; bookableOnline: boolean; requiresCardForOnlineBooking: boolean }[]> {
  if (serviceIds.length === 0) return [];
  return tx
    .select({
      id: services.id,
      bookableOnline: services.bookableOnline,
      requiresCardForOnlineBooking: services.requiresCardForOnlineBooking,
    })
    .from(services)
    .where(and(eq(services.practiceId, practiceId), inArray(services.id, [...serviceIds])));
}
