import { type RefundInvoiceRequest } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { constraintOf, sqlStateOf, type Transaction } from '../../platform/database.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { fingerprintRequest, isSameRequest } from '../../platform/request-fingerprint.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { BillingActor, RefundResult } from '../billing/index.ts';
import { formatMoney } from '../../platform/format-money.ts';
import {
  addEvent,
  applyRefund,
  auditOf,
  checkCurrency,
  inFlightUntil,
  isInFlight,
  mayRefundWithin,
  requireInvoice,
} from './invoice-ledger.ts';
import type { InvoiceRecord, PaymentRecord, RefundRecord } from './invoice-repository.ts';
import * as repository from './invoice-repository.ts';
import { describeInvoice, type InvoiceDetail } from './invoice-views.ts';
import { refundableOf, refundOutcomeOf, type GatewayRefundUpdate } from './payment-outcomes.ts';
import type { SalesContext } from './sales-dependencies.ts';
import { PaymentPendingError, RefundFailedError } from './sales-errors.ts';

const GATEWAY_REFUND_REASON = 'requested_by_customer';

export async function recordRefundResult(
  deps: SalesContext,
  tx: Transaction,
  practiceId: string,
  actor: BillingActor,
  refundId: string,
  result: RefundResult | GatewayRefundUpdate,
  meta: RequestMeta | undefined,
): Promise<{ invoice: InvoiceRecord; refund: RefundRecord }> {
  const { clock } = deps;
  const unlocked = await repository.findRefund(tx, practiceId, refundId);
  if (!unlocked) throw new NotFoundError('Refund', 'refundId');
  let invoice = await requireInvoice(tx, practiceId, unlocked.invoiceId, true);
  const before = await repository.findRefund(tx, practiceId, refundId);
  if (!before) throw new NotFoundError('Refund', 'refundId');
  const now = clock.now();
  const outcome = refundOutcomeOf(result);
  const gatewayRefundId = result.status === 'error' ? null : result.refundId;
  const message = result.status === 'failed' || result.status === 'error' ? result.message : null;
  let refund = before;
  const settle = async (changes: Parameters<typeof repository.updateRefund>[3], event: string) => {
    refund = await repository.updateRefund(tx, practiceId, refundId, changes);
    await addEvent(deps, tx, practiceId, invoice.id, actor, event, {
      refundId,
      amountCents: refund.amountCents,
      gatewayRefundId: refund.gatewayRefundId,
    });
  };
  if (before.status === 'pending') {
    switch (outcome) {
      case 'succeeded':
        await settle({ status: 'succeeded', gatewayRefundId, inFlightUntil: null, settledAt: now }, 'refund_succeeded');
        invoice = await applyRefund(deps, tx, practiceId, actor, invoice, before.amountCents, meta, refundId);
        break;
      case 'pending':
        await settle({ status: 'processing', gatewayRefundId, inFlightUntil: null }, 'refund_processing');
        invoice = await applyRefund(deps, tx, practiceId, actor, invoice, before.amountCents, meta, refundId);
        break;
      case 'failed':
        await settle(
          {
            status: 'failed',
            gatewayRefundId,
            failureCode: result.status === 'failed' ? result.code.slice(0, 100) : 'gateway_error',
            failureMessage: message?.slice(0, 1000) ?? null,
            inFlightUntil: null,
            settledAt: now,
          },
          'refund_failed',
        );
        break;
      case 'retry':
        await settle({ failureMessage: message?.slice(0, 1000) ?? null, inFlightUntil: null }, 'refund_gateway_unavailable');
        break;
      default: {
        const unreachable: never = outcome;
        throw new Error(`unknown refund outcome ${String(unreachable)}`);
      }
    }
  } else if (before.status === 'processing' && (outcome === 'succeeded' || outcome === 'failed')) {
    await settle(
      { status: outcome, settledAt: now, ...(outcome === 'failed' ? { failureCode: 'refund_failed', failureMessage: message } : {}) },
      outcome === 'succeeded' ? 'refund_succeeded' : 'refund_failed',
    );
    if (outcome === 'failed') invoice = await applyRefund(deps, tx, practiceId, actor, invoice, -before.amountCents, meta, refundId);
  } else {
    return { invoice, refund };
  }
  await recordAudit(tx, {
    ...auditOf(practiceId, actor, meta, 'invoice.refund', invoice, {
      refundId,
      paymentId: refund.paymentId,
      amountCents: refund.amountCents,
      status: refund.status,
      gatewayRefundId: refund.gatewayRefundId,
    }),
    outcome: refund.status === 'failed' ? 'failure' : 'success',
  });
  return { invoice, refund };
}

async function driveRefund(deps: SalesContext, actor: BillingActor, practiceId: string, refundId: string, meta: RequestMeta | undefined) {
  const { database, billing } = deps;
  const { refund, payment } = await inPractice(database, practiceId, async (tx) => {
    const found = await repository.findRefund(tx, practiceId, refundId);
    if (!found) throw new NotFoundError('Refund', 'refundId');
    const paid = await repository.findPayment(tx, practiceId, found.paymentId);
    if (!paid) throw new Error(`refund ${refundId} names a missing payment`);
    return { refund: found, payment: paid };
  });
  if (refund.status !== 'pending' || !payment.gatewayChargeId) return;
  let result: RefundResult;
  try {
    result = await billing.refundCharge({
      practiceId,
      chargeId: payment.gatewayChargeId,
      amountCents: refund.amountCents,
      idempotencyKey: refund.idempotencyKey,
      reason: GATEWAY_REFUND_REASON,
      metadata: { invoice_id: refund.invoiceId, refund_id: refund.id },
      actor,
      ...(meta ? { meta } : {}),
    });
  } catch (error) {
    await inPractice(database, practiceId, (tx) => repository.updateRefund(tx, practiceId, refundId, { inFlightUntil: null }));
    throw error;
  }
  await inPractice(database, practiceId, (tx) => recordRefundResult(deps, tx, practiceId, actor, refundId, result, meta));
}

async function settleStaleRefund(
  deps: SalesContext,
  actor: BillingActor,
  practiceId: string,
  refund: RefundRecord,
  meta: RequestMeta | undefined,
): Promise<void> {
  const { database } = deps;
  const claimed = await inPractice(database, practiceId, async (tx) => {
    await requireInvoice(tx, practiceId, refund.invoiceId, true);
    const current = await repository.findRefund(tx, practiceId, refund.id);
    if (!current || current.status !== 'pending' || isInFlight(deps, current)) return false;
    await repository.updateRefund(tx, practiceId, refund.id, { inFlightUntil: inFlightUntil(deps) });
    return true;
  });
  if (claimed) await driveRefund(deps, actor, practiceId, refund.id, meta);
}

/**
 * Refunds part or all of one payment. Owners and admins may; the front desk only when the
 * practice allows it. Card refunds go to the gateway (its refund id is recorded); cash
 * refunds are recorded as cash handed back. Never more than was paid.
 */
export async function refundInvoice(
  deps: SalesContext,
  actor: StaffActor,
  invoiceId: string,
  input: RefundInvoiceRequest,
  requestKey: string | undefined,
  meta: RequestMeta,
): Promise<{ detail: InvoiceDetail; refund: RefundRecord; replayed: boolean }> {
  const { database, clock } = deps;
  const practiceId = actor.practiceId;
  const fingerprint = fingerprintRequest(input);
  const finish = async (refundId: string, replayed: boolean) => {
    const refund = await inPractice(database, practiceId, (tx) => repository.findRefund(tx, practiceId, refundId));
    if (!refund) throw new NotFoundError('Refund', 'refundId');
    if (replayed && refund.status === 'pending' && isInFlight(deps, refund)) {
      throw new ConflictError(
        'An earlier request with this Idempotency-Key is still refunding; ask again in a moment.',
        'refund_in_progress',
        {
          field: 'Idempotency-Key',
          extensions: { invoiceId, refundId: refund.id },
        },
      );
    }
    const detail = await describeInvoice(deps, actor, invoiceId, replayed ? { action: 'invoice.refund_replayed', meta } : undefined);
    const extensions = { invoiceId, refundId: refund.id };
    if (refund.status === 'failed') {
      throw new RefundFailedError(
        `The payment gateway refused the refund: ${refund.failureMessage ?? 'no reason given'}. Nothing was refunded.`,
        extensions,
      );
    }
    if (refund.status === 'pending') {
      throw new PaymentPendingError(
        'The payment gateway did not confirm the refund. It stays pending under its idempotency key: retry with the same Idempotency-Key and it will never be refunded twice.',
        'refund_pending',
        extensions,
      );
    }
    return { detail, refund, replayed };
  };
  const replay = async (refund: RefundRecord) => {
    if (
      refund.invoiceId !== invoiceId ||
      refund.amountCents !== input.amountCents ||
      !isSameRequest(refund.requestFingerprint, fingerprint)
    ) {
      throw new ConflictError('This Idempotency-Key was already used for another refund.', 'idempotency_key_reused', {
        field: 'Idempotency-Key',
      });
    }
    if (refund.status === 'pending') await settleStaleRefund(deps, actor, practiceId, refund, meta);
    return finish(refund.id, true);
  };
  if (requestKey) {
    const earlier = await inPractice(database, practiceId, (tx) => repository.findRefundByRequestKey(tx, practiceId, requestKey));
    if (earlier) return replay(earlier);
  }

  let refund: RefundRecord;
  try {
    refund = await inPractice(database, practiceId, async (tx) => {
      const invoice = await requireInvoice(tx, practiceId, invoiceId, true);
      if (!(await mayRefundWithin(deps, tx, actor))) {
        throw new ForbiddenError(
          'Only owners and admins refund, unless the practice lets the front desk refund (Sales settings).',
          'refund_not_permitted',
        );
      }
      checkCurrency(invoice.currency, input.currency, 'currency');
      if (invoice.status === 'void') throw new ConflictError(`Invoice #${invoice.number} is void.`, 'invoice_void', { field: 'invoiceId' });
      const payments = await repository.listPayments(tx, practiceId, invoiceId);
      const refunds = await repository.listRefunds(tx, practiceId, invoiceId);
      const invoiceRefundable = payments.reduce((sum, payment) => sum + refundableOf(payment, refunds), 0);
      if (input.amountCents > invoiceRefundable) {
        throw new ValidationError(
          invoiceRefundable === 0
            ? `Nothing paid on invoice #${invoice.number} is left to refund.`
            : `At most ${formatMoney(invoiceRefundable, invoice.currency)} paid on invoice #${invoice.number} is left to refund.`,
          { field: 'amountCents', code: 'refund_exceeds_paid' },
        );
      }
      let payment: PaymentRecord | undefined;
      if (input.paymentId) {
        payment = payments.find((candidate) => candidate.id === input.paymentId);
        if (!payment) throw new NotFoundError('Payment of this invoice', 'paymentId');
        if (refundableOf(payment, refunds) < input.amountCents) {
          throw new ValidationError(
            `At most ${formatMoney(refundableOf(payment, refunds), invoice.currency)} of this payment is left to refund.`,
            {
              field: 'amountCents',
              code: 'refund_exceeds_paid',
            },
          );
        }
      } else {
        payment = [...payments].reverse().find((candidate) => refundableOf(candidate, refunds) >= input.amountCents);
        if (!payment) {
          throw new ValidationError('No single payment covers this amount; refund each payment separately (send paymentId).', {
            field: 'amountCents',
            code: 'refund_spans_payments',
          });
        }
      }
      const now = clock.now();
      // Cash is handed back and wallet credit given back at once; cards go to the gateway.
      const isCash = payment.method === 'cash' || payment.method === 'wallet_credit';
      const created = await repository.insertRefund(tx, practiceId, {
        invoiceId,
        paymentId: payment.id,
        method: payment.method === 'wallet_credit' ? 'wallet_credit' : isCash ? 'cash' : 'card',
        amountCents: input.amountCents,
        currency: invoice.currency,
        reason: input.reason,
        status: isCash ? 'succeeded' : 'pending',
        idempotencyKey: `refund:${invoiceId}:${refunds.length + 1}`,
        requestKey: requestKey ?? null,
        requestFingerprint: requestKey ? fingerprint : null,
        inFlightUntil: isCash ? null : inFlightUntil(deps),
        createdAt: now,
        createdBy: actor.staffId,
        settledAt: isCash ? now : null,
      });
      await addEvent(deps, tx, practiceId, invoiceId, actor, isCash ? 'refund_succeeded' : 'refund_started', {
        refundId: created.id,
        paymentId: payment.id,
        method: created.method,
        amountCents: created.amountCents,
        reason: created.reason,
      });
      await recordAudit(
        tx,
        auditOf(practiceId, actor, meta, isCash ? 'invoice.refund' : 'invoice.refund_started', invoice, {
          refundId: created.id,
          paymentId: payment.id,
          method: created.method,
          amountCents: created.amountCents,
          idempotencyKey: created.idempotencyKey,
        }),
      );
      if (payment.method === 'wallet_credit') {
        await deps.wallet.restorePaymentWithin(
          tx,
          practiceId,
          actor,
          { patientId: invoice.patientId, invoiceId, paymentId: payment.id, refundId: created.id, amountCents: created.amountCents },
          meta,
        );
      }
      if (isCash) await applyRefund(deps, tx, practiceId, actor, invoice, created.amountCents, meta, created.id);
      return created;
    });
  } catch (error) {
    if (requestKey && sqlStateOf(error) === '23505' && constraintOf(error) === 'invoice_refunds_request_key') {
      const earlier = await inPractice(database, practiceId, (tx) => repository.findRefundByRequestKey(tx, practiceId, requestKey));
      if (earlier) return replay(earlier);
    }
    throw error;
  }
  if (refund.status === 'pending') await driveRefund(deps, actor, practiceId, refund.id, meta);
  return finish(refund.id, false);
}
