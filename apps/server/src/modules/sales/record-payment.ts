import type { WalletMoneyBalance } from '@glowdesk/contracts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { type Transaction } from '../../platform/database.ts';
import { type AppError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import type { BillingActor, ChargeResult, PatientBillingActor } from '../billing/index.ts';
import { formatMoney } from '../../platform/format-money.ts';
import {
  addEvent,
  applyPayment,
  auditOf,
  feeKinds,
  inFlightUntil,
  nextAttempt,
  requireInvoice,
  type VisitCompletion,
} from './invoice-ledger.ts';
import type { InvoiceRecord, PaymentRecord } from './invoice-repository.ts';
import * as repository from './invoice-repository.ts';
import type { SalesContext } from './sales-dependencies.ts';

export interface PaymentAndInvoice {
  invoice: InvoiceRecord;
  payment: PaymentRecord;
}

/** Writes a card attempt `pending` (in flight for this request) under its idempotency key. */
export async function insertCardAttempt(
  deps: SalesContext,
  tx: Transaction,
  actor: StaffActor | PatientBillingActor,
  invoice: InvoiceRecord,
  attempt: {
    method: 'card_on_file' | 'new_card';
    paymentMethodId: string;
    amountCents: number;
    requestKey: string | null;
    /** Fingerprint of the body sent with requestKey. */
    requestFingerprint?: string | undefined;
  },
  meta: RequestMeta,
  missingCard: () => AppError,
): Promise<PaymentRecord> {
  const { clock, billing } = deps;
  const card = await billing.findPaymentMethodWithin(tx, actor.practiceId, invoice.patientId, attempt.paymentMethodId);
  if (!card) throw missingCard();
  const number = await nextAttempt(tx, actor.practiceId, invoice.id);
  const prefix = feeKinds.includes(invoice.kind) ? 'fee' : 'invoice';
  const payment = await repository.insertPayment(tx, actor.practiceId, {
    invoiceId: invoice.id,
    attempt: number,
    method: attempt.method,
    paymentMethodId: card.id,
    cardBrand: card.brand,
    cardLast4: card.last4,
    amountCents: attempt.amountCents,
    currency: invoice.currency,
    status: 'pending',
    idempotencyKey: `${prefix}:${invoice.id}:attempt-${number}`,
    requestKey: attempt.requestKey,
    requestFingerprint: attempt.requestFingerprint ?? null,
    gateway: card.gateway,
    inFlightUntil: inFlightUntil(deps),
    createdAt: clock.now(),
    createdBy: actor.kind === 'staff' ? actor.staffId : null,
  });
  await addEvent(deps, tx, actor.practiceId, invoice.id, actor, 'payment_started', {
    paymentId: payment.id,
    method: payment.method,
    amountCents: payment.amountCents,
    card: { brand: card.brand, last4: card.last4 },
  });
  await recordAudit(
    tx,
    auditOf(actor.practiceId, actor, meta, 'invoice.payment_started', invoice, {
      paymentId: payment.id,
      method: payment.method,
      amountCents: payment.amountCents,
      idempotencyKey: payment.idempotencyKey,
    }),
  );
  return payment;
}

export async function insertCashPayment(
  deps: SalesContext,
  tx: Transaction,
  actor: StaffActor,
  invoice: InvoiceRecord,
  cash: {
    amountCents: number;
    amountTenderedCents: number | undefined;
    requestKey: string | null;
    /** Fingerprint of the body sent with requestKey. */
    requestFingerprint?: string | undefined;
  },
  meta: RequestMeta,
  completion: VisitCompletion,
): Promise<PaymentAndInvoice> {
  const { clock } = deps;
  const tendered = cash.amountTenderedCents ?? cash.amountCents;
  if (tendered < cash.amountCents) {
    throw new ValidationError(`The cash handed over is less than the ${formatMoney(cash.amountCents, invoice.currency)} to pay.`, {
      field: 'payment.amountTenderedCents',
      code: 'insufficient_cash',
    });
  }
  const number = await nextAttempt(tx, actor.practiceId, invoice.id);
  const now = clock.now();
  const payment = await repository.insertPayment(tx, actor.practiceId, {
    invoiceId: invoice.id,
    attempt: number,
    method: 'cash',
    amountCents: cash.amountCents,
    currency: invoice.currency,
    status: 'succeeded',
    idempotencyKey: `cash:${invoice.id}:attempt-${number}`,
    requestKey: cash.requestKey,
    requestFingerprint: cash.requestFingerprint ?? null,
    amountTenderedCents: tendered,
    changeDueCents: tendered - cash.amountCents,
    createdAt: now,
    createdBy: actor.staffId,
    settledAt: now,
  });
  await addEvent(deps, tx, actor.practiceId, invoice.id, actor, 'payment_succeeded', {
    paymentId: payment.id,
    method: 'cash',
    amountCents: payment.amountCents,
    changeDueCents: payment.changeDueCents,
  });
  await recordAudit(
    tx,
    auditOf(actor.practiceId, actor, meta, 'invoice.payment', invoice, {
      paymentId: payment.id,
      method: 'cash',
      amountCents: payment.amountCents,
    }),
  );
  return { payment, invoice: await applyPayment(deps, tx, actor.practiceId, actor, invoice, payment.amountCents, meta, completion) };
}

/**
 * Pays from the patient's wallet (dollar credits or rewards): settled at once, or refused with
 * nothing written when less than the amount counts today (`field` names what to change).
 */
export async function insertWalletPayment(
  deps: SalesContext,
  tx: Transaction,
  actor: StaffActor,
  invoice: InvoiceRecord,
  wallet: {
    amountCents: number;
    balance: WalletMoneyBalance;
    requestKey: string | null;
    /** Fingerprint of the body sent with requestKey. */
    requestFingerprint?: string | undefined;
    field: string;
  },
  meta: RequestMeta,
  completion: VisitCompletion,
): Promise<PaymentAndInvoice> {
  const { clock } = deps;
  const number = await nextAttempt(tx, actor.practiceId, invoice.id);
  const now = clock.now();
  const payment = await repository.insertPayment(tx, actor.practiceId, {
    invoiceId: invoice.id,
    attempt: number,
    method: 'wallet_credit',
    amountCents: wallet.amountCents,
    currency: invoice.currency,
    status: 'succeeded',
    idempotencyKey: `wallet:${invoice.id}:attempt-${number}`,
    requestKey: wallet.requestKey,
    requestFingerprint: wallet.requestFingerprint ?? null,
    createdAt: now,
    createdBy: actor.staffId,
    settledAt: now,
  });
  await deps.wallet.redeemWithin(
    tx,
    actor.practiceId,
    actor,
    {
      patientId: invoice.patientId,
      balance: wallet.balance,
      amountCents: wallet.amountCents,
      currency: invoice.currency,
      invoiceId: invoice.id,
      paymentId: payment.id,
      field: wallet.field,
    },
    meta,
  );
  await addEvent(deps, tx, actor.practiceId, invoice.id, actor, 'payment_succeeded', {
    paymentId: payment.id,
    method: 'wallet_credit',
    balance: wallet.balance,
    amountCents: payment.amountCents,
  });
  await recordAudit(
    tx,
    auditOf(actor.practiceId, actor, meta, 'invoice.payment', invoice, {
      paymentId: payment.id,
      method: 'wallet_credit',
      balance: wallet.balance,
      amountCents: payment.amountCents,
    }),
  );
  return { payment, invoice: await applyPayment(deps, tx, actor.practiceId, actor, invoice, payment.amountCents, meta, completion) };
}

/** Records what the gateway said about a pending attempt; an attempt already settled (by a webhook) is left alone. */
export async function recordChargeResult(
  deps: SalesContext,
  tx: Transaction,
  practiceId: string,
  actor: BillingActor,
  paymentId: string,
  result: ChargeResult,
  meta: RequestMeta | undefined,
  completion: VisitCompletion,
): Promise<PaymentAndInvoice> {
  const { clock } = deps;
  const unlocked = await repository.findPayment(tx, practiceId, paymentId);
  if (!unlocked) throw new NotFoundError('Payment', 'paymentId');
  let invoice = await requireInvoice(tx, practiceId, unlocked.invoiceId, true);
  const before = await repository.findPayment(tx, practiceId, paymentId);
  if (!before || before.status !== 'pending') return { invoice, payment: before ?? unlocked };
  const now = clock.now();
  let payment: PaymentRecord;
  switch (result.status) {
    case 'succeeded':
      payment = await repository.updatePayment(tx, practiceId, paymentId, {
        status: 'succeeded',
        gatewayChargeId: result.chargeId,
        failureCode: null,
        failureMessage: null,
        inFlightUntil: null,
        settledAt: now,
      });
      await addEvent(deps, tx, practiceId, invoice.id, actor, 'payment_succeeded', {
        paymentId,
        method: payment.method,
        amountCents: payment.amountCents,
        gatewayChargeId: result.chargeId,
      });
      invoice = await applyPayment(deps, tx, practiceId, actor, invoice, payment.amountCents, meta, completion);
      break;
    case 'declined':
      payment = await repository.updatePayment(tx, practiceId, paymentId, {
        status: 'failed',
        gatewayChargeId: result.chargeId,
        failureCode: result.declineCode.slice(0, 100),
        failureMessage: result.message.slice(0, 1000),
        inFlightUntil: null,
        settledAt: now,
      });
      await addEvent(deps, tx, practiceId, invoice.id, actor, 'payment_declined', {
        paymentId,
        declineCode: result.declineCode,
        message: result.message,
      });
      break;
    case 'requires_authentication':
      payment = await repository.updatePayment(tx, practiceId, paymentId, {
        status: 'failed',
        gatewayChargeId: result.chargeId,
        failureCode: 'authentication_required',
        failureMessage: result.message.slice(0, 1000),
        inFlightUntil: null,
        settledAt: now,
      });
      await addEvent(deps, tx, practiceId, invoice.id, actor, 'payment_requires_authentication', { paymentId, message: result.message });
      break;
    case 'error':
      // Retryable: the charge may or may not exist at the gateway; the attempt stays pending, so
      // the next try reuses its idempotency key and learns the first outcome instead of charging again.
      payment = await repository.updatePayment(
        tx,
        practiceId,
        paymentId,
        result.retryable
          ? { failureMessage: result.message.slice(0, 1000), inFlightUntil: null }
          : {
              status: 'failed',
              failureCode: 'gateway_error',
              failureMessage: result.message.slice(0, 1000),
              inFlightUntil: null,
              settledAt: now,
            },
      );
      await addEvent(deps, tx, practiceId, invoice.id, actor, result.retryable ? 'payment_gateway_unavailable' : 'payment_failed', {
        paymentId,
        message: result.message,
      });
      break;
    default: {
      const unreachable: never = result;
      throw new Error(`unknown charge result ${JSON.stringify(unreachable)}`);
    }
  }
  await recordAudit(tx, {
    ...auditOf(practiceId, actor, meta, 'invoice.payment', invoice, {
      paymentId,
      method: payment.method,
      amountCents: payment.amountCents,
      status: payment.status,
      failureCode: payment.failureCode,
    }),
    outcome: payment.status === 'succeeded' ? 'success' : 'failure',
  });
  return { invoice, payment };
}
