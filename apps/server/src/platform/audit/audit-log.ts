import { sql } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { bind, insertByColumns, prepareStatement, type BoundStatement, type Executor } from '../database.ts';
import { auditEvents, type AuditActorType } from './audit-table.ts';

export interface AuditEntry {
  practiceId: string | null;
  actorType: AuditActorType;
  actorId?: string | null;
  actorLabel?: string | null;
  /** Dotted verb phrase: `auth.login`, `staff.create`, `patient.read`. */
  action: string;
  objectType?: string | null;
  objectId?: string | null;
  outcome?: 'success' | 'failure';
  ip?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

/** Who is acting and from where: what every audited use case receives from its route. */
export interface RequestMeta {
  ip: string;
  requestId: string;
  userAgent: string | undefined;
}

export function requestMetaOf(request: FastifyRequest): RequestMeta {
  const userAgent = request.headers['user-agent'];
  return { ip: request.ip, requestId: request.id, userAgent: typeof userAgent === 'string' ? userAgent.slice(0, 300) : undefined };
}

interface AuditValues {
  practiceId: string | null;
  actorType: AuditActorType;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  objectType: string | null;
  objectId: string | null;
  outcome: 'success' | 'failure';
  ip: string | null;
  requestId: string | null;
  /** JSON text. */
  details: string;
}

/** Built once, run as a prepared statement: most use cases audit. */
const insertAuditStatement = prepareStatement<Record<string, never>, AuditValues>(
  'platform.insert_audit_event',
  (value) => sql`
    insert into audit_events (practice_id, actor_type, actor_id, actor_label, action, object_type, object_id, outcome, ip, request_id, details)
    values (${value('practiceId')}::uuid, ${value('actorType')}::text, ${value('actorId')}::uuid, ${value('actorLabel')}::text,
            ${value('action')}::text, ${value('objectType')}::text, ${value('objectId')}::text, ${value('outcome')}::text,
            ${value('ip')}::text, ${value('requestId')}::text, ${value('details')}::jsonb)`,
);

/**
 * Appends one event in the caller's transaction, so the event and the change commit
 * together.
 */
export async function recordAudit(tx: Executor, entry: AuditEntry): Promise<void> {
  await insertAuditStatement(tx, auditValuesOf(entry));
}

/**
 * Appends many events with one multi-row insert in the caller's transaction: what a batch
 * (a billing run's hundreds of memberships) records, one event per object as `recordAudit` would.
 */
export async function recordAudits(tx: Executor, entries: readonly AuditEntry[]): Promise<void> {
  await insertByColumns(
    tx,
    auditEvents,
    entries.map((entry) => ({
      practiceId: entry.practiceId,
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      actorLabel: entry.actorLabel ?? null,
      action: entry.action,
      objectType: entry.objectType ?? null,
      objectId: entry.objectId ?? null,
      outcome: entry.outcome ?? 'success',
      ip: entry.ip ?? null,
      requestId: entry.requestId ?? null,
      details: entry.details ?? {},
    })),
  );
}

/** The audit insert as a statement to send with others (`runInOrder`): a hot path's last writes. */
export function auditStatement(entry: AuditEntry): BoundStatement {
  return bind(insertAuditStatement, auditValuesOf(entry));
}

function auditValuesOf(entry: AuditEntry): AuditValues {
  return {
    practiceId: entry.practiceId,
    actorType: entry.actorType,
    actorId: entry.actorId ?? null,
    actorLabel: entry.actorLabel ?? null,
    action: entry.action,
    objectType: entry.objectType ?? null,
    objectId: entry.objectId ?? null,
    outcome: entry.outcome ?? 'success',
    ip: entry.ip ?? null,
    requestId: entry.requestId ?? null,
    details: JSON.stringify(entry.details ?? {}),
  };
}
