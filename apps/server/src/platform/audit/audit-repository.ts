import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Transaction } from '../database.ts';
import { auditEvents } from './audit-table.ts';

export interface AuditQuery {
  practiceId: string;
  actorId?: string | undefined;
  action?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  outcome?: 'success' | 'failure' | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  /** Return events with an id below this one (the cursor). */
  beforeId?: number | undefined;
  limit: number;
}

export interface AuditEventRecord {
  id: number;
  occurredAt: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: string;
  ip: string | null;
  requestId: string | null;
  details: Record<string, unknown>;
}

export async function listAuditEvents(tx: Transaction, query: AuditQuery): Promise<AuditEventRecord[]> {
  const filters: SQL[] = [eq(auditEvents.practiceId, query.practiceId)];
  if (query.actorId) filters.push(eq(auditEvents.actorId, query.actorId));
  if (query.action) filters.push(eq(auditEvents.action, query.action));
  if (query.objectType) filters.push(eq(auditEvents.objectType, query.objectType));
  if (query.objectId) filters.push(eq(auditEvents.objectId, query.objectId));
  if (query.outcome) filters.push(eq(auditEvents.outcome, query.outcome));
  if (query.from) filters.push(gte(auditEvents.occurredAt, query.from));
  if (query.to) filters.push(lt(auditEvents.occurredAt, query.to));
  if (query.beforeId !== undefined) filters.push(lt(auditEvents.id, query.beforeId));
  const rows = await tx
    .select()
    .from(auditEvents)
    .where(and(...filters))
    .orderBy(desc(auditEvents.id))
    .limit(query.limit);
  return rows.map(({ practiceId: _practiceId, ...event }) => event);
}
