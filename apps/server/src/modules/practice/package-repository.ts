import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { servicePackageItems, servicePackages } from './practice-tables.ts';

export interface ServicePackageRecord {
  id: string;
  practiceId: string;
  name: string;
  description: string | null;
  priceCents: number;
  currency: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  /** In booking order. */
  serviceIds: string[];
}

export type ServicePackageFields = Pick<ServicePackageRecord, 'name' | 'description' | 'priceCents' | 'currency'>;
export type ServicePackageChanges = Partial<ServicePackageFields & { active: boolean }>;

const packageColumns = {
  id: servicePackages.id,
  practiceId: servicePackages.practiceId,
  name: servicePackages.name,
  description: servicePackages.description,
  priceCents: servicePackages.priceCents,
  currency: servicePackages.currency,
  active: servicePackages.active,
  createdAt: servicePackages.createdAt,
  updatedAt: servicePackages.updatedAt,
  version: servicePackages.version,
  serviceIds: sql<
    string[]
  >`array(select i.service_id::text from service_package_items i where i.practice_id = ${servicePackages.practiceId} and i.package_id = ${servicePackages.id} order by i.position)`,
};

export async function insertServicePackage(tx: Transaction, practiceId: string, fields: ServicePackageFields): Promise<{ id: string }> {
  const [row] = await tx
    .insert(servicePackages)
    .values({ practiceId, ...fields })
    .returning({ id: servicePackages.id });
  if (!row) throw new Error('insert into service_packages returned no row');
  return row;
}

export async function replaceServicePackageItems(
  tx: Transaction,
  practiceId: string,
  packageId: string,
  serviceIds: readonly string[],
): Promise<void> {
  await tx
    .delete(servicePackageItems)
    .where(and(eq(servicePackageItems.practiceId, practiceId), eq(servicePackageItems.packageId, packageId)));
  if (serviceIds.length === 0) return;
  await tx.insert(servicePackageItems).values(serviceIds.map((serviceId, position) => ({ practiceId, packageId, position, serviceId })));
}

export async function listServicePackages(
  tx: Transaction,
  practiceId: string,
  filter: { active?: boolean | undefined },
): Promise<ServicePackageRecord[]> {
  return tx
    .select(packageColumns)
    .from(servicePackages)
    .where(
      and(eq(servicePackages.practiceId, practiceId), filter.active === undefined ? undefined : eq(servicePackages.active, filter.active)),
    )
    .orderBy(desc(servicePackages.active), asc(servicePackages.name));
}

export async function findServicePackage(
  tx: Transaction,
  practiceId: string,
  packageId: string,
  options: { lock?: boolean } = {},
): Promise<ServicePackageRecord | undefined> {
  const query = tx
    .select(packageColumns)
    .from(servicePackages)
    .where(and(eq(servicePackages.practiceId, practiceId), eq(servicePackages.id, packageId)));
  const [row] = options.lock ? await query.for('update', { of: servicePackages }) : await query;
  return row;
}

export async function updateServicePackage(
  tx: Transaction,
  practiceId: string,
  packageId: string,
  changes: ServicePackageChanges,
  now: Date,
): Promise<boolean> {
  const rows = await tx
    .update(servicePackages)
    .set({ ...changes, updatedAt: now, version: sql`${servicePackages.version} + 1` })
    .where(and(eq(servicePackages.practiceId, practiceId), eq(servicePackages.id, packageId)))
    .returning({ id: servicePackages.id });
  return rows.length > 0;
}

export async function deleteServicePackage(tx: Transaction, practiceId: string, packageId: string): Promise<boolean> {
  const rows = await tx
    .delete(servicePackages)
    .where(and(eq(servicePackages.practiceId, practiceId), eq(servicePackages.id, packageId)))
    .returning({ id: servicePackages.id });
  return rows.length > 0;
}
