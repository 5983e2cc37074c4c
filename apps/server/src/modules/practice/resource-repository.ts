import type { ResourceKind } from '@glowdesk/contracts';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { resources } from './practice-tables.ts';

export interface ResourceRecord {
  id: string;
  practiceId: string;
  clinicId: string;
  name: string;
  kind: ResourceKind;
  quantity: number;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export type ResourceChanges = Partial<Pick<ResourceRecord, 'name' | 'kind' | 'quantity' | 'active'>>;

export interface ResourceFilter {
  clinicId?: string | undefined;
  kind?: ResourceKind | undefined;
  active?: boolean | undefined;
}

const resourceColumns = {
  id: resources.id,
  practiceId: resources.practiceId,
  clinicId: resources.clinicId,
  name: resources.name,
  kind: resources.kind,
  quantity: resources.quantity,
  active: resources.active,
  createdAt: resources.createdAt,
  updatedAt: resources.updatedAt,
  version: resources.version,
};

export async function insertResource(
  tx: Transaction,
  practiceId: string,
  fields: { clinicId: string; name: string; kind: ResourceKind; quantity: number },
): Promise<ResourceRecord> {
  const [row] = await tx
    .insert(resources)
    .values({ practiceId, ...fields })
    .returning(resourceColumns);
  if (!row) throw new Error('insert into resources returned no row');
  return row;
}

export async function listResources(tx: Transaction, practiceId: string, filter: ResourceFilter): Promise<ResourceRecord[]> {
  return tx
    .select(resourceColumns)
    .from(resources)
    .where(
      and(
        eq(resources.practiceId, practiceId),
        filter.clinicId === undefined ? undefined : eq(resources.clinicId, filter.clinicId),
        filter.kind === undefined ? undefined : eq(resources.kind, filter.kind),
        filter.active === undefined ? undefined : eq(resources.active, filter.active),
      ),
    )
    .orderBy(desc(resources.active), asc(resources.name));
}

export async function findResource(
  tx: Transaction,
  practiceId: string,
  resourceId: string,
  options: { lock?: boolean } = {},
): Promise<ResourceRecord | undefined> {
  const query = tx
    .select(resourceColumns)
    .from(resources)
    .where(and(eq(resources.practiceId, practiceId), eq(resources.id, resourceId)));
  const [row] = options.lock ? await query.for('update') : await query;
  return row;
}

export async function findResourcesByIds(tx: Transaction, practiceId: string, resourceIds: readonly string[]): Promise<ResourceRecord[]> {
  if (resourceIds.length === 0) return [];
  return tx
    .select(resourceColumns)
    .from(resources)
    .where(and(eq(resources.practiceId, practiceId), inArray(resources.id, [...resourceIds])));
}

export async function updateResource(
  tx: Transaction,
  practiceId: string,
  resourceId: string,
  changes: ResourceChanges,
  now: Date,
): Promise<ResourceRecord | undefined> {
  const [row] = await tx
    .update(resources)
    .set({ ...changes, updatedAt: now, version: sql`${resources.version} + 1` })
    .where(and(eq(resources.practiceId, practiceId), eq(resources.id, resourceId)))
    .returning(resourceColumns);
  return row;
}

export async function deleteResource(tx: Transaction, practiceId: string, resourceId: string): Promise<boolean> {
  const rows = await tx
    .delete(resources)
    .where(and(eq(resources.practiceId, practiceId), eq(resources.id, resourceId)))
    .returning({ id: resources.id });
  return rows.length > 0;
}
