import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Transaction } from '../../platform/database.ts';
import { auditActorFieldsOf, type BillingActor } from '../billing/index.ts';
import { snapshot } from './appointment-audit.ts';
import * as repository from './appointments-repository.ts';

/**
 * Completes a checked-in (or in-procedure) appointment whose checkout invoice is paid in full,
 * in the caller's transaction: the checkout's own (cash, its card charge, its replays) or the
 * payment's that sales started (the Sales tab, a gateway webhook, through AppointmentLink).
 * An appointment already completed, or moved on otherwise, is left as it is.
 */
export async function completeCheckedOutVisitWithin(
  clock: Clock,
  tx: Transaction,
  practiceId: string,
  actor: BillingActor,
  appointmentId: string,
  invoiceId: string,
  meta: RequestMeta | undefined,
): Promise<void> {
  const before = await repository.findAppointment(tx, practiceId, appointmentId, { forUpdate: true });
  if (!before || (before.status !== 'checked_in' && before.status !== 'in_procedure')) return;
  const after = await repository.updateAppointment(tx, practiceId, appointmentId, { status: 'completed' }, clock.now());
  await repository.insertEvent(tx, practiceId, {
    appointmentId,
    actorStaffId: actor.kind === 'staff' ? actor.staffId : null,
    type: 'completed',
    before: snapshot(before),
    after: snapshot(after),
    details: { invoiceId, reason: 'checked out' },
    occurredAt: clock.now(),
  });
  await recordAudit(tx, {
    practiceId,
    ...auditActorFieldsOf(actor),
    action: 'appointment.completed',
    objectType: 'appointment',
    objectId: appointmentId,
    ip: meta?.ip ?? null,
    requestId: meta?.requestId ?? null,
    details: { patientId: after.patientId, invoiceId },
  });
}
