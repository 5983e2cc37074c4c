import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { ConflictError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { addEvent, auditOf, requireInvoice } from './invoice-ledger.ts';
import * as repository from './invoice-repository.ts';
import { describeInvoice, type InvoiceDetail } from './invoice-views.ts';
import type { SalesContext } from './sales-dependencies.ts';

/** Voids an invoice nothing was paid on (a fee the clinic forgives, a checkout to redo). */
export async function voidInvoice(
  deps: SalesContext,
  actor: StaffActor,
  invoiceId: string,
  input: { reason: string },
  meta: RequestMeta,
): Promise<InvoiceDetail> {
  const { database, clock } = deps;
  const practiceId = actor.practiceId;
  await inPractice(database, practiceId, async (tx) => {
    const invoice = await requireInvoice(tx, practiceId, invoiceId, true);
    if (invoice.status === 'void') return;
    if (invoice.amountPaidCents > 0) {
      throw new ConflictError(`Invoice #${invoice.number} has payments; refund them instead of voiding.`, 'invoice_has_payments', {
        field: 'invoiceId',
      });
    }
    if ((await repository.listPayments(tx, practiceId, invoiceId)).some((payment) => payment.status === 'pending')) {
      throw new ConflictError('A card payment of this invoice is being processed; wait for its outcome.', 'payment_in_progress', {
        field: 'invoiceId',
      });
    }
    const now = clock.now();
    await repository.updateInvoice(
      tx,
      practiceId,
      invoiceId,
      { status: 'void', voidedAt: now, voidedBy: actor.staffId, voidReason: input.reason },
      now,
    );
    // Prepaid units the invoice used go back to the wallet.
    await deps.wallet.reverseInvoiceWithin(
      tx,
      practiceId,
      actor,
      { patientId: invoice.patientId, invoiceId, refundId: null, reason: `Invoice #${invoice.number} voided` },
      meta,
    );
    await addEvent(deps, tx, practiceId, invoiceId, actor, 'voided', { reason: input.reason });
    await recordAudit(tx, auditOf(practiceId, actor, meta, 'invoice.void', invoice, { number: invoice.number, reason: input.reason }));
  });
  return describeInvoice(deps, actor, invoiceId);
}
