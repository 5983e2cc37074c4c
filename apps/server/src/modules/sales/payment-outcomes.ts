import type { FeeOutcome } from '@glowdesk/contracts';
import type { RefundResult } from '../billing/index.ts';
import { ConflictError } from '../../platform/errors.ts';
import { formatMoney } from '../../platform/format-money.ts';
import type { InvoiceRecord, PaymentRecord, RefundRecord } from './invoice-repository.ts';
import { PaymentDeclinedError, PaymentPendingError } from './sales-errors.ts';

function refundedOrHeld(refunds: readonly RefundRecord[], paymentId: string): number {
  return refunds
    .filter((refund) => refund.paymentId === paymentId && refund.status !== 'failed')
    .reduce((sum, refund) => sum + refund.amountCents, 0);
}

/** What can still be refunded from a payment: its amount less refunds done, settling or in flight. */
export function refundableOf(payment: PaymentRecord, refunds: readonly RefundRecord[]): number {
  if (payment.status !== 'succeeded') return 0;
  return Math.max(0, payment.amountCents - refundedOrHeld(refunds, payment.id));
}

function describeCard(payment: PaymentRecord): string {
  return payment.cardLast4 ? `${payment.cardBrand ?? 'card'} •••• ${payment.cardLast4}` : 'the card';
}

/** A refund's status change reported by a gateway webhook. */
export type GatewayRefundUpdate = { status: 'gateway_update'; gatewayStatus: 'succeeded' | 'failed' | 'pending'; refundId: string };

/** What a refund attempt's answer means for the refund row. */
export function refundOutcomeOf(result: RefundResult | GatewayRefundUpdate): 'succeeded' | 'pending' | 'failed' | 'retry' {
  switch (result.status) {
    case 'gateway_update':
      return result.gatewayStatus;
    case 'succeeded':
    case 'pending':
    case 'failed':
      return result.status;
    case 'error':
      return result.retryable ? 'retry' : 'failed';
    default: {
      const unreachable: never = result;
      throw new Error(`unknown refund result ${JSON.stringify(unreachable)}`);
    }
  }
}

type PaymentFailureKind = 'declined' | 'authentication_required' | 'failed';

function failureKindOf(payment: PaymentRecord): PaymentFailureKind {
  if (payment.failureCode === 'authentication_required') return 'authentication_required';
  if (payment.failureCode === 'gateway_error' || payment.failureCode === 'card_unavailable') return 'failed';
  return 'declined';
}

/** What the front desk reads after a fee attempt; the invoice stays unpaid unless it says charged. */
export function feeOutcomeOf(invoice: InvoiceRecord, payment: PaymentRecord | undefined): FeeOutcome {
  const kind = invoice.kind === 'no_show_fee' ? 'no_show_fee' : 'cancellation_fee';
  const base = {
    invoiceId: invoice.id,
    invoiceNumber: invoice.number,
    kind,
    amountCents: invoice.totalCents,
    currency: invoice.currency,
  } as const;
  const amount = formatMoney(invoice.totalCents, invoice.currency);
  if (invoice.amountPaidCents >= invoice.totalCents && invoice.status !== 'void') {
    return {
      ...base,
      status: 'paid',
      message: `Charged ${amount} to ${payment ? describeCard(payment) : 'the card on file'} (invoice #${invoice.number}).`,
    };
  }
  if (invoice.status === 'void')
    return { ...base, status: 'failed', message: `Invoice #${invoice.number} was voided; nothing was charged.` };
  if (!payment || payment.status === 'pending') {
    return {
      ...base,
      status: 'pending',
      message: `The payment gateway has not confirmed the ${amount} charge yet. Invoice #${invoice.number} stays unpaid until it does; paying it again from Sales never charges twice.`,
    };
  }
  const reason = payment.failureMessage ?? 'The charge did not go through.';
  const failure = failureKindOf(payment);
  switch (failure) {
    case 'declined':
      return {
        ...base,
        status: 'declined',
        message: `The card was declined (${payment.failureCode ?? 'declined'}): ${reason} Invoice #${invoice.number} for ${amount} stays unpaid; take another card or cash from Sales.`,
      };
    case 'authentication_required':
      return {
        ...base,
        status: 'authentication_required',
        message: `The bank wants the patient to approve this ${amount} charge, which cannot happen while they are away. Invoice #${invoice.number} stays unpaid; take payment with the patient present from Sales.`,
      };
    case 'failed':
      return { ...base, status: 'failed', message: `${reason} Invoice #${invoice.number} for ${amount} stays unpaid.` };
    default: {
      const unreachable: never = failure;
      throw new Error(`unknown failure kind ${String(unreachable)}`);
    }
  }
}

/**
 * Refuses (409 payment_in_progress) a replay of an Idempotency-Key whose card attempt the
 * request that made it is still charging: asked again in a moment, the replay has its outcome.
 */
export function throwIfChargingUnderKey(invoiceId: string, payment: PaymentRecord, now: Date): void {
  if (payment.status !== 'pending' || payment.inFlightUntil === null || payment.inFlightUntil <= now) return;
  throw new ConflictError(
    'An earlier request with this Idempotency-Key is still charging the card; ask again in a moment.',
    'payment_in_progress',
    {
      field: 'Idempotency-Key',
      extensions: { invoiceId, paymentId: payment.id },
    },
  );
}

/** Turns a card attempt that did not succeed into the problem the caller answers with (402 or 503). */
export function throwForUnsettledPayment(invoice: InvoiceRecord, payment: PaymentRecord): void {
  const extensions = { invoiceId: invoice.id, invoiceNumber: invoice.number, paymentId: payment.id };
  if (payment.status === 'pending') {
    throw new PaymentPendingError(
      'The payment gateway did not confirm the charge. It stays pending under its idempotency key: retry the request (or pay the invoice again) and it will never be charged twice.',
      'payment_pending',
      extensions,
    );
  }
  if (payment.status !== 'failed') return;
  const reason = payment.failureMessage ?? 'The charge did not go through.';
  const withCode = { ...extensions, failureCode: payment.failureCode };
  const failure = failureKindOf(payment);
  switch (failure) {
    case 'declined':
      throw new PaymentDeclinedError(
        `The card was declined: ${reason} Invoice #${invoice.number} stays unpaid.`,
        'card_declined',
        withCode,
      );
    case 'authentication_required':
      throw new PaymentDeclinedError(
        `The bank requires the patient to authenticate this payment. Invoice #${invoice.number} stays unpaid; use another card or cash.`,
        'authentication_required',
        withCode,
      );
    case 'failed':
      throw new PaymentDeclinedError(`${reason} Invoice #${invoice.number} stays unpaid.`, 'payment_failed', withCode);
    default: {
      const unreachable: never = failure;
      throw new Error(`unknown failure kind ${String(unreachable)}`);
    }
  }
}
