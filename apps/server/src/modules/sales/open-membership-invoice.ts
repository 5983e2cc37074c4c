import { recordAudit } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { type Transaction } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import type { BillingActor } from '../billing/index.ts';
import { draftInvoice } from './invoice-drafting.ts';
import { addEvent, auditOf, inFlightUntil, nextAttempt, requireInvoice } from './invoice-ledger.ts';
import type { InvoiceRecord, PaymentRecord } from './invoice-repository.ts';
import * as repository from './invoice-repository.ts';
import { invoiceStatusOf } from './invoice-status.ts';
import type { OpenedInvoice } from './open-fee-invoice.ts';
import type { SalesContext } from './sales-dependencies.ts';

export interface MembershipInvoiceRequest {
  practiceId: string;
  patientId: string;
  clinicId: string;
  currency: string;
  /** What the payment covers: the period's fee, and at enrolment the sign-up fee. */
  lines: { description: string; amountCents: number }[];
  /** A coupon's discount on the lines, in minor units (at most their sum). */
  discount?: { description: string; amountCents: number } | undefined;
  paymentMethodId: string;
  /** The key sent to the gateway for the first attempt (`membership:<id>:period-<n>:attempt-1`). */
  idempotencyKey: string;
}

/** An invoice with its payment attempts, oldest first. */
export interface MembershipInvoiceState {
  invoice: InvoiceRecord;
  payments: PaymentRecord[];
}

async function insertMembershipAttempt(
  deps: SalesContext,
  tx: Transaction,
  actor: BillingActor,
  practiceId: string,
  invoice: InvoiceRecord,
  paymentMethodId: string,
  idempotencyKey: string,
): Promise<PaymentRecord> {
  const card = await deps.billing.findPaymentMethodWithin(tx, practiceId, invoice.patientId, paymentMethodId);
  if (!card) throw new NotFoundError('Payment method of this patient', 'paymentMethodId');
  const payment = await repository.insertPayment(tx, practiceId, {
    invoiceId: invoice.id,
    attempt: await nextAttempt(tx, practiceId, invoice.id),
    method: 'card_on_file',
    paymentMethodId: card.id,
    cardBrand: card.brand,
    cardLast4: card.last4,
    amountCents: invoice.totalCents - invoice.amountPaidCents,
    currency: invoice.currency,
    status: 'pending',
    idempotencyKey,
    requestKey: null,
    requestFingerprint: null,
    gateway: card.gateway,
    inFlightUntil: inFlightUntil(deps),
    createdAt: deps.clock.now(),
    createdBy: actor.kind === 'staff' ? actor.staffId : null,
  });
  await addEvent(deps, tx, practiceId, invoice.id, actor, 'payment_started', {
    paymentId: payment.id,
    method: payment.method,
    amountCents: payment.amountCents,
    card: { brand: card.brand, last4: card.last4 },
  });
  await recordAudit(
    tx,
    auditOf(practiceId, actor, undefined, 'invoice.payment_started', invoice, {
      paymentId: payment.id,
      amountCents: payment.amountCents,
      idempotencyKey,
    }),
  );
  return payment;
}

/**
 * Opens a membership payment's invoice (kind `membership`, no appointment) and its card
 * attempt in the caller's transaction, which also writes the membership's period, so the
 * two exist together or not at all. Charge it with `chargePayment` after the commit. A total
 * of zero (a 100% coupon) is paid as it is created, with no attempt.
 */
export async function openMembershipInvoiceWithin(
  deps: SalesContext,
  tx: Transaction,
  actor: BillingActor,
  request: MembershipInvoiceRequest,
): Promise<OpenedInvoice> {
  const { clock } = deps;
  const { practiceId } = request;
  const draft = draftInvoice({
    items: request.lines.map((line, index) => ({
      kind: 'fee' as const,
      description: line.description,
      serviceId: null,
      quantity: 1,
      unitAmountCents: line.amountCents,
      field: `lines[${index}]`,
    })),
    discount: request.discount && request.discount.amountCents > 0 ? { kind: 'amount', value: request.discount.amountCents } : undefined,
    taxRateBps: 0,
  });
  const lines = draft.lines.map((line) =>
    line.kind === 'discount' && request.discount ? { ...line, description: request.discount.description } : line,
  );
  const now = clock.now();
  const number = await repository.takeInvoiceNumber(tx, practiceId);
  const status = invoiceStatusOf({ totalCents: draft.totalCents, amountPaidCents: 0, amountRefundedCents: 0, voidedAt: null });
  const created = await repository.insertInvoice(
    tx,
    practiceId,
    number,
    {
      kind: 'membership',
      patientId: request.patientId,
      clinicId: request.clinicId,
      appointmentId: null,
      currency: request.currency,
      status,
      subtotalCents: draft.subtotalCents,
      discountCents: draft.discountCents,
      taxCents: 0,
      totalCents: draft.totalCents,
      taxRateBps: 0,
      createdBy: actor.kind === 'staff' ? actor.staffId : null,
      createdAt: now,
      updatedAt: now,
      paidAt: status === 'paid' ? now : null,
    },
    lines,
  );
  await addEvent(deps, tx, practiceId, created.id, actor, 'created', {
    number,
    kind: 'membership',
    totalCents: draft.totalCents,
    currency: request.currency,
  });
  await recordAudit(
    tx,
    auditOf(practiceId, actor, undefined, 'invoice.create', created, { number, kind: 'membership', totalCents: created.totalCents }),
  );
  if (created.totalCents === 0) return { invoice: created, pendingPayment: null };
  const pendingPayment = await insertMembershipAttempt(
    deps,
    tx,
    actor,
    practiceId,
    created,
    request.paymentMethodId,
    request.idempotencyKey,
  );
  return { invoice: created, pendingPayment };
}

/**
 * Writes the next card attempt of an unpaid membership invoice after a definite decline (a
 * retry, or a new card), under its own key: the declined attempt's key is never reused.
 */
export async function retryMembershipInvoiceWithin(
  deps: SalesContext,
  tx: Transaction,
  actor: BillingActor,
  practiceId: string,
  invoiceId: string,
  paymentMethodId: string,
  idempotencyKeyOfAttempt: (attempt: number) => string,
): Promise<PaymentRecord> {
  const invoice = await requireInvoice(tx, practiceId, invoiceId, true);
  const attempt = await nextAttempt(tx, practiceId, invoiceId);
  return insertMembershipAttempt(deps, tx, actor, practiceId, invoice, paymentMethodId, idempotencyKeyOfAttempt(attempt));
}

/** Membership invoices with their payment attempts (what a membership's periods show, and how billing learns an outcome). */
export async function membershipInvoicesWithin(
  tx: Transaction,
  practiceId: string,
  invoiceIds: readonly string[],
): Promise<Map<string, MembershipInvoiceState>> {
  const states = new Map<string, MembershipInvoiceState>();
  for (const invoiceId of invoiceIds) {
    const invoice = await repository.findInvoice(tx, practiceId, invoiceId);
    if (!invoice) continue;
    states.set(invoiceId, { invoice, payments: await repository.listPayments(tx, practiceId, invoiceId) });
  }
  return states;
}

/** Voids the unpaid invoice of an enrolment whose first payment was declined: nothing was enrolled, nothing is owed. */
export async function voidMembershipInvoiceWithin(
  deps: SalesContext,
  tx: Transaction,
  actor: StaffActor,
  practiceId: string,
  invoiceId: string,
  reason: string,
): Promise<void> {
  const invoice = await requireInvoice(tx, practiceId, invoiceId, true);
  if (invoice.status === 'void' || invoice.amountPaidCents > 0) return;
  const payments = await repository.listPayments(tx, practiceId, invoiceId);
  if (payments.some((payment) => payment.status === 'pending')) return;
  const now = deps.clock.now();
  await repository.updateInvoice(
    tx,
    practiceId,
    invoiceId,
    { status: 'void', voidedAt: now, voidedBy: actor.staffId, voidReason: reason },
    now,
  );
  await addEvent(deps, tx, practiceId, invoiceId, actor, 'voided', { reason });
  await recordAudit(tx, auditOf(practiceId, actor, undefined, 'invoice.void', invoice, { number: invoice.number, reason }));
}
