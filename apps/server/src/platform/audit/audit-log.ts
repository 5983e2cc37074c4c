import type { FastifyRequest } from 'fastify';
import type { Executor, Transaction } from '../database.ts';
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

/** Appends one event in the caller's transaction, so the event and the change commit together. */
export async function recordAudit(tx: Transaction | Executor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditEvents).values({
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
  });
}
