import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';

/** Appends the audit event of a setup change in the change's own transaction. */
export async function recordSetupChange(
  tx: Transaction,
  actor: StaffActor,
  meta: RequestMeta,
  event: { action: string; objectType: string; objectId: string; details?: Record<string, unknown> },
): Promise<void> {
  await recordAudit(tx, {
    practiceId: actor.practiceId,
    actorType: 'staff',
    actorId: actor.staffId,
    actorLabel: actor.email,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    ip: meta.ip,
    requestId: meta.requestId,
    details: event.details ?? {},
  });
}

/** The fields whose values changed, before and after: the details of an `*.update` event. */
export function describeChanges<T extends object>(
  before: T,
  after: T,
  keys: readonly string[],
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of keys) {
    const from = (before as Record<string, unknown>)[key];
    const to = (after as Record<string, unknown>)[key];
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}
