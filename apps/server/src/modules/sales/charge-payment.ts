import { invoiceKindLabels } from '@glowdesk/contracts';
import { type RequestMeta } from '../../platform/audit/audit-log.ts';
import { AppError, NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { BillingActor, ChargeResult } from '../billing/index.ts';
import { addEvent, inFlightUntil, isInFlight, requireInvoice, type VisitCompletion } from './invoice-ledger.ts';
import * as repository from './invoice-repository.ts';
import { type PaymentAndInvoice, recordChargeResult } from './record-payment.ts';
import type { SalesContext } from './sales-dependencies.ts';

/** Charges a pending card attempt at the gateway (between transactions) and records the outcome. */
export async function chargePayment(
  deps: SalesContext,
  actor: BillingActor,
  practiceId: string,
  paymentId: string,
  meta: RequestMeta | undefined,
  completion: VisitCompletion,
): Promise<PaymentAndInvoice> {
  const { database, clock, billing } = deps;
  const { payment, invoice } = await inPractice(database, practiceId, async (tx) => {
    const found = await repository.findPayment(tx, practiceId, paymentId);
    if (!found) throw new NotFoundError('Payment', 'paymentId');
    return { payment: found, invoice: await requireInvoice(tx, practiceId, found.invoiceId) };
  });
  if (payment.status !== 'pending' || !payment.paymentMethodId) return { payment, invoice };
  let result: ChargeResult;
  try {
    result = await billing.chargeOffSession({
      practiceId,
      patientId: invoice.patientId,
      paymentMethodId: payment.paymentMethodId,
      amountCents: payment.amountCents,
      currency: payment.currency,
      idempotencyKey: payment.idempotencyKey,
      description: `${invoiceKindLabels[invoice.kind]}, invoice #${invoice.number}`,
      metadata: { invoice_id: invoice.id, payment_id: payment.id },
      actor,
      ...(meta ? { meta } : {}),
    });
  } catch (error) {
    if (!(error instanceof AppError)) {
      // Unknown: the charge may exist. Leave the attempt pending for a retry under the same key.
      await inPractice(database, practiceId, (tx) => repository.updatePayment(tx, practiceId, paymentId, { inFlightUntil: null }));
      throw error;
    }
    // The card was removed or saved with another gateway: nothing was sent, nothing charged.
    return inPractice(database, practiceId, async (tx) => {
      const now = clock.now();
      const locked = await requireInvoice(tx, practiceId, invoice.id, true);
      const failed = await repository.updatePayment(tx, practiceId, paymentId, {
        status: 'failed',
        failureCode: 'card_unavailable',
        failureMessage: error.message.slice(0, 1000),
        inFlightUntil: null,
        settledAt: now,
      });
      await addEvent(deps, tx, practiceId, invoice.id, actor, 'payment_failed', { paymentId, message: error.message });
      return { invoice: locked, payment: failed };
    });
  }
  return inPractice(database, practiceId, (tx) => recordChargeResult(deps, tx, practiceId, actor, paymentId, result, meta, completion));
}

/**
 * Takes over a pending attempt nobody is driving (its request died, or the gateway did not
 * answer) and asks the gateway again under the same key: the outcome of the first try.
 */
export async function settleStalePayment(
  deps: SalesContext,
  actor: BillingActor,
  practiceId: string,
  invoiceId: string,
  meta: RequestMeta | undefined,
  completion: VisitCompletion,
): Promise<PaymentAndInvoice | undefined> {
  const { database } = deps;
  const claimed = await inPractice(database, practiceId, async (tx) => {
    await requireInvoice(tx, practiceId, invoiceId, true);
    const pending = (await repository.listPayments(tx, practiceId, invoiceId)).find((payment) => payment.status === 'pending');
    if (!pending || isInFlight(deps, pending)) return undefined;
    return repository.updatePayment(tx, practiceId, pending.id, { inFlightUntil: inFlightUntil(deps) });
  });
  return claimed ? chargePayment(deps, actor, practiceId, claimed.id, meta, completion) : undefined;
}
