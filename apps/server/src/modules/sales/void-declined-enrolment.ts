import { recordAudit } from '../../platform/audit/audit-log.ts';
import { type Transaction } from '../../platform/database.ts';
import type { BillingActor } from '../billing/index.ts';
import { addEvent, auditOf, requireInvoice } from './invoice-ledger.ts';
import * as repository from './invoice-repository.ts';
import type { SalesContext } from './sales-dependencies.ts';

/**
 * Voids the unpaid invoice of a membership enrolment whose first payment was declined, as
 * whoever closes it: a staff member (named on the invoice) or the system, for a patient's own
 * enrolment in the portal (no staff member; the history and audit name the system). Paid,
 * already void or still charging: left as it is.
 */
export async function voidDeclinedEnrolmentInvoiceWithin(
  deps: SalesContext,
  tx: Transaction,
  actor: BillingActor,
  practiceId: string,
  invoiceId: string,
  reason: string,
): Promise<void> {
  const invoice = await requireInvoice(tx, practiceId, invoiceId, true);
  if (invoice.kind !== 'membership' || invoice.status === 'void' || invoice.amountPaidCents > 0) return;
  const payments = await repository.listPayments(tx, practiceId, invoiceId);
  if (payments.some((payment) => payment.status === 'pending')) return;
  const now = deps.clock.now();
  await repository.updateInvoice(
    tx,
    practiceId,
    invoiceId,
    { status: 'void', voidedAt: now, voidedBy: actor.kind === 'staff' ? actor.staffId : null, voidReason: reason },
    now,
  );
  await addEvent(deps, tx, practiceId, invoiceId, actor, 'voided', { reason });
  await recordAudit(tx, auditOf(practiceId, actor, undefined, 'invoice.void', invoice, { number: invoice.number, reason }));
}
