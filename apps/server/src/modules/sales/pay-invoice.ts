import { type PaymentChoice } from '@glowdesk/contracts';
import { type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { constraintOf, sqlStateOf } from '../../platform/database.ts';
import { ConflictError, ValidationError } from '../../platform/errors.ts';
import { fingerprintRequest, isSameRequest } from '../../platform/request-fingerprint.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import { chargePayment, settleStalePayment } from './charge-payment.ts';
import { formatMoney } from '../../platform/format-money.ts';
import { checkCurrency, missingCard } from './invoice-ledger.ts';
import type { InvoiceRecord, PaymentRecord } from './invoice-repository.ts';
import * as repository from './invoice-repository.ts';
import { describeInvoice, requireViewableInvoice, type InvoiceDetail } from './invoice-views.ts';
import { throwForUnsettledPayment, throwIfChargingUnderKey } from './payment-outcomes.ts';
import { insertCardAttempt, insertCashPayment, insertWalletPayment } from './record-payment.ts';
import { resolvePayment } from './resolve-payment.ts';
import type { SalesContext } from './sales-dependencies.ts';

/**
 * Pays all or part of an unpaid invoice. A repeated Idempotency-Key with the same body replays
 * the first payment (with another body it is refused); a pending card attempt nobody is
 * driving is settled first, so money is never taken twice for one balance. A patient (the
 * portal) pays only their own invoices, by card: another patient's invoice is a 404 before
 * anything else is looked at, their key included.
 */
export async function payInvoice(
  deps: SalesContext,
  actor: StaffActor | PatientBillingActor,
  invoiceId: string,
  input: { payment: PaymentChoice; amountCents?: number | undefined; currency?: string | undefined },
  requestKey: string | undefined,
  meta: RequestMeta,
): Promise<{ detail: InvoiceDetail; payment: PaymentRecord; replayed: boolean }> {
  const { database } = deps;
  const practiceId = actor.practiceId;
  const fingerprint = fingerprintRequest(input);
  const replay = async (payment: PaymentRecord) => {
    if (payment.invoiceId !== invoiceId) {
      throw new ConflictError('This Idempotency-Key was already used for another invoice.', 'idempotency_key_reused', {
        field: 'Idempotency-Key',
      });
    }
    if (!isSameRequest(payment.requestFingerprint, fingerprint)) {
      throw new ConflictError('This Idempotency-Key was already used for another payment of this invoice.', 'idempotency_key_reused', {
        field: 'Idempotency-Key',
      });
    }
    if (payment.status === 'pending') await settleStalePayment(deps, actor, practiceId, invoiceId, meta, 'by_sales');
    const settled = (await inPractice(database, practiceId, (tx) => repository.findPayment(tx, practiceId, payment.id))) ?? payment;
    throwIfChargingUnderKey(invoiceId, settled, deps.clock.now());
    const detail = await describeInvoice(deps, actor, invoiceId, { action: 'invoice.payment_replayed', meta });
    throwForUnsettledPayment(detail.invoice, settled);
    return { detail, payment: settled, replayed: true };
  };
  if (actor.kind === 'patient') {
    await inPractice(database, practiceId, (tx) => requireViewableInvoice(tx, actor, invoiceId));
    if (input.payment.method !== 'card_on_file' && input.payment.method !== 'new_card') {
      throw new ValidationError('Pay with a card.', { field: 'payment.method', code: 'invalid_payment_method' });
    }
  }
  if (requestKey) {
    const earlier = await inPractice(database, practiceId, (tx) => repository.findPaymentByRequestKey(tx, practiceId, requestKey));
    if (earlier) return replay(earlier);
  }
  const found = await inPractice(database, practiceId, (tx) => requireViewableInvoice(tx, actor, invoiceId));
  checkCurrency(found.currency, input.currency, 'currency');
  const resolved = await resolvePayment(deps, actor, found.patientId, input.payment, meta);
  // An attempt left pending by an outage is asked about first (same key): if it went through,
  // that is this request's answer, and nothing more is charged.
  const earlierAttempt = await settleStalePayment(deps, actor, practiceId, invoiceId, meta, 'by_sales');
  if (earlierAttempt?.payment.status === 'succeeded' && earlierAttempt.invoice.amountPaidCents >= earlierAttempt.invoice.totalCents) {
    return {
      detail: await describeInvoice(deps, actor, invoiceId, { action: 'invoice.payment_settled', meta }),
      payment: earlierAttempt.payment,
      replayed: true,
    };
  }

  let opened: { payment: PaymentRecord; invoice: InvoiceRecord };
  try {
    opened = await inPractice(database, practiceId, async (tx) => {
      const invoice = await requireViewableInvoice(tx, actor, invoiceId, true);
      if (invoice.status === 'void') throw new ConflictError(`Invoice #${invoice.number} is void.`, 'invoice_void', { field: 'invoiceId' });
      const balanceCents = invoice.totalCents - invoice.amountPaidCents;
      if (balanceCents <= 0)
        throw new ConflictError(`Invoice #${invoice.number} is already paid.`, 'invoice_already_paid', { field: 'invoiceId' });
      const pending = (await repository.listPayments(tx, practiceId, invoiceId)).find((payment) => payment.status === 'pending');
      if (pending) {
        throw new ConflictError('A card payment of this invoice is being processed; wait for its outcome.', 'payment_in_progress', {
          field: 'invoiceId',
          extensions: { paymentId: pending.id },
        });
      }
      const amountCents = input.amountCents ?? balanceCents;
      if (amountCents > balanceCents) {
        throw new ValidationError(`Only ${formatMoney(balanceCents, invoice.currency)} is owed on invoice #${invoice.number}.`, {
          field: 'amountCents',
          code: 'amount_exceeds_balance',
        });
      }
      if (resolved.method === 'cash') {
        if (actor.kind !== 'staff')
          throw new ValidationError('Pay with a card.', { field: 'payment.method', code: 'invalid_payment_method' });
        return insertCashPayment(
          deps,
          tx,
          actor,
          invoice,
          {
            amountCents,
            amountTenderedCents: resolved.amountTenderedCents,
            requestKey: requestKey ?? null,
            requestFingerprint: requestKey ? fingerprint : undefined,
          },
          meta,
          'by_sales',
        );
      }
      if (resolved.method === 'wallet_credit') {
        if (actor.kind !== 'staff')
          throw new ValidationError('Pay with a card.', { field: 'payment.method', code: 'invalid_payment_method' });
        return insertWalletPayment(
          deps,
          tx,
          actor,
          invoice,
          {
            amountCents,
            balance: resolved.balance,
            requestKey: requestKey ?? null,
            requestFingerprint: requestKey ? fingerprint : undefined,
            field: 'amountCents',
          },
          meta,
          'by_sales',
        );
      }
      const payment = await insertCardAttempt(
        deps,
        tx,
        actor,
        invoice,
        {
          method: resolved.method,
          paymentMethodId: resolved.paymentMethodId,
          amountCents,
          requestKey: requestKey ?? null,
          requestFingerprint: requestKey ? fingerprint : undefined,
        },
        meta,
        // The portal's body names the card at its top level.
        missingCard(actor.kind === 'patient' ? 'paymentMethodId' : 'payment.paymentMethodId'),
      );
      return { payment, invoice };
    });
  } catch (error) {
    if (requestKey && sqlStateOf(error) === '23505' && constraintOf(error) === 'invoice_payments_request_key') {
      const earlier = await inPractice(database, practiceId, (tx) => repository.findPaymentByRequestKey(tx, practiceId, requestKey));
      if (earlier) return replay(earlier);
    }
    throw error;
  }
  const settled =
    opened.payment.status === 'pending'
      ? (await chargePayment(deps, actor, practiceId, opened.payment.id, meta, 'by_sales')).payment
      : opened.payment;
  const detail = await describeInvoice(deps, actor, invoiceId);
  throwForUnsettledPayment(detail.invoice, settled);
  return { detail, payment: settled, replayed: false };
}
