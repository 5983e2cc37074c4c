import { invoiceKindLabels } from '@glowdesk/contracts';
import { recordAudit, recordAudits, type AuditEntry } from '../../platform/audit/audit-log.ts';
import { type Transaction } from '../../platform/database.ts';
import { AppError, NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { BillingActor, ChargeResult } from '../billing/index.ts';
import { draftInvoice } from './invoice-drafting.ts';
import { actorColumnsOf, addEvent, auditOf, inFlightUntil, nextAttempt, requireInvoice } from './invoice-ledger.ts';
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

/**
 * Opens many membership payments of one practice at once (a billing run's batch), in the
 * caller's transaction and with a handful of statements: the invoice numbers in one counter
 * update, the invoices, their lines, the first card attempts (attempt 1, each under its
 * request's key), their history events and audit events each in one multi-row insert. Each
 * answer is what `openMembershipInvoiceWithin` answers for its request, in the order given.
 * Every request's card must be its patient's card on file (the caller checked it); a total of
 * zero is paid as it is created.
 */
export async function openMembershipInvoicesWithin(
  deps: SalesContext,
  tx: Transaction,
  actor: BillingActor,
  practiceId: string,
  requests: readonly MembershipInvoiceRequest[],
): Promise<OpenedInvoice[]> {
  if (requests.length === 0) return [];
  if (requests.some((request) => request.practiceId !== practiceId)) throw new Error('a batch of membership invoices spans practices');
  const now = deps.clock.now();
  const createdBy = actor.kind === 'staff' ? actor.staffId : null;
  const cards = await deps.billing.findPaymentMethodsWithin(
    tx,
    practiceId,
    requests.map((request) => request.paymentMethodId),
  );
  const drafts = requests.map((request) => {
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
    const status = invoiceStatusOf({ totalCents: draft.totalCents, amountPaidCents: 0, amountRefundedCents: 0, voidedAt: null });
    const card = draft.totalCents > 0 ? cards.get(request.paymentMethodId) : undefined;
    if (draft.totalCents > 0 && card?.patientId !== request.patientId)
      throw new NotFoundError('Payment method of this patient', 'paymentMethodId');
    return { request, draft, lines, status, card };
  });
  const first = await repository.takeInvoiceNumbers(tx, practiceId, requests.length);
  const created = await repository.insertInvoices(
    tx,
    practiceId,
    drafts.map(({ request, draft, lines, status }, index) => ({
      number: first + index,
      lines,
      invoice: {
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
        createdBy,
        createdAt: now,
        updatedAt: now,
        paidAt: status === 'paid' ? now : null,
      },
    })),
  );
  const charged = drafts.flatMap((entry, index) => {
    const invoice = created[index];
    return invoice && entry.card && invoice.totalCents > 0 ? [{ invoice, card: entry.card, request: entry.request }] : [];
  });
  const payments = await repository.insertPayments(
    tx,
    practiceId,
    charged.map(({ invoice, card, request }) => ({
      invoiceId: invoice.id,
      attempt: 1,
      method: 'card_on_file',
      paymentMethodId: card.id,
      cardBrand: card.brand,
      cardLast4: card.last4,
      amountCents: invoice.totalCents,
      currency: invoice.currency,
      status: 'pending',
      idempotencyKey: request.idempotencyKey,
      requestKey: null,
      requestFingerprint: null,
      gateway: card.gateway,
      inFlightUntil: inFlightUntil(deps),
      createdAt: now,
      createdBy,
    })),
  );
  const actorColumns = actorColumnsOf(actor);
  await repository.insertEvents(tx, practiceId, [
    ...created.map((invoice) => ({
      invoiceId: invoice.id,
      ...actorColumns,
      type: 'created',
      details: { number: invoice.number, kind: 'membership', totalCents: invoice.totalCents, currency: invoice.currency },
      occurredAt: now,
    })),
    ...payments.map((payment, index) => ({
      invoiceId: payment.invoiceId,
      ...actorColumns,
      type: 'payment_started',
      details: {
        paymentId: payment.id,
        method: payment.method,
        amountCents: payment.amountCents,
        card: { brand: charged[index]?.card.brand, last4: charged[index]?.card.last4 },
      },
      occurredAt: now,
    })),
  ]);
  await recordAudits(tx, [
    ...created.map((invoice) =>
      auditOf(practiceId, actor, undefined, 'invoice.create', invoice, {
        number: invoice.number,
        kind: 'membership',
        totalCents: invoice.totalCents,
      }),
    ),
    ...payments.map((payment, index) =>
      auditOf(practiceId, actor, undefined, 'invoice.payment_started', charged[index]?.invoice ?? null, {
        paymentId: payment.id,
        amountCents: payment.amountCents,
        idempotencyKey: payment.idempotencyKey,
      }),
    ),
  ]);
  const paymentOf = new Map(payments.map((payment) => [payment.invoiceId, payment]));
  return created.map((invoice) => ({ invoice, pendingPayment: paymentOf.get(invoice.id) ?? null }));
}

/**
 * Charges many pending membership attempts of one practice (a billing run's batch) through
 * the gateway, `concurrency` at a time, each under its own idempotency key, then records every
 * outcome in one transaction with set-based writes, as `chargePayment` records one: succeeded
 * (the invoice paid), declined or needing authentication (failed), the card gone (failed,
 * `card_unavailable`), or unknown (left pending, for a retry under the same key). An attempt
 * settled meanwhile (a webhook, another run) is left alone. Call it between transactions.
 */
export async function chargeMembershipPayments(
  deps: SalesContext,
  actor: BillingActor,
  practiceId: string,
  paymentIds: readonly string[],
  options: { concurrency: number },
): Promise<void> {
  const { database, clock, billing } = deps;
  if (paymentIds.length === 0) return;
  const loaded = await inPractice(database, practiceId, async (tx) => {
    const payments = await repository.findPayments(tx, practiceId, paymentIds);
    const invoices = await repository.findInvoices(
      tx,
      practiceId,
      [...payments.values()].map((payment) => payment.invoiceId),
    );
    return paymentIds.flatMap((id) => {
      const payment = payments.get(id);
      const invoice = payment ? invoices.get(payment.invoiceId) : undefined;
      if (!payment || !invoice || payment.status !== 'pending' || !payment.paymentMethodId) return [];
      if (invoice.kind !== 'membership') throw new Error(`payment ${id} is not a membership payment`);
      return [{ payment, invoice, paymentMethodId: payment.paymentMethodId }];
    });
  });
  if (loaded.length === 0) return;
  let answers: ({ result: ChargeResult } | { error: unknown })[];
  try {
    answers = await billing.chargeOffSessionMany(
      practiceId,
      loaded.map(({ payment, invoice, paymentMethodId }) => ({
        patientId: invoice.patientId,
        paymentMethodId,
        amountCents: payment.amountCents,
        currency: payment.currency,
        idempotencyKey: payment.idempotencyKey,
        description: `${invoiceKindLabels[invoice.kind]}, invoice #${invoice.number}`,
        metadata: { invoice_id: invoice.id, payment_id: payment.id },
        actor,
      })),
      options,
    );
  } catch (error) {
    // Unknown for all of them: the charges may exist. The attempts stay pending for a retry under the same keys.
    await inPractice(database, practiceId, (tx) =>
      repository.releasePayments(
        tx,
        practiceId,
        loaded.map(({ payment }) => payment.id),
      ),
    );
    throw error;
  }
  await inPractice(database, practiceId, async (tx) => {
    const now = clock.now();
    const invoices = await repository.findInvoices(
      tx,
      practiceId,
      loaded.map(({ invoice }) => invoice.id),
      { forUpdate: true },
    );
    const current = await repository.findPayments(
      tx,
      practiceId,
      loaded.map(({ payment }) => payment.id),
    );
    const settlements: repository.PaymentSettlement[] = [];
    const unknown: string[] = [];
    const events: Parameters<typeof repository.insertEvents>[2][number][] = [];
    const audits: AuditEntry[] = [];
    const paid: { id: string; amountPaidCents: number; status: InvoiceRecord['status']; paidAt: Date | null }[] = [];
    const columns = actorColumnsOf(actor);
    loaded.forEach(({ payment }, index) => {
      const answer = answers[index];
      const before = current.get(payment.id);
      const invoice = invoices.get(payment.invoiceId);
      if (!answer || !before || !invoice || before.status !== 'pending') return;
      const event = (type: string, details: Record<string, unknown>) =>
        events.push({ invoiceId: invoice.id, ...columns, type, details: { paymentId: payment.id, ...details }, occurredAt: now });
      if ('error' in answer) {
        if (!(answer.error instanceof AppError)) {
          unknown.push(payment.id);
          return;
        }
        // The card was removed or saved with another gateway: nothing was sent, nothing charged.
        settlements.push({
          id: payment.id,
          status: 'failed',
          gatewayChargeId: null,
          failureCode: 'card_unavailable',
          failureMessage: answer.error.message.slice(0, 1000),
          settledAt: now,
        });
        event('payment_failed', { message: answer.error.message });
        return;
      }
      const { result } = answer;
      let settlement: repository.PaymentSettlement;
      switch (result.status) {
        case 'succeeded': {
          settlement = {
            id: payment.id,
            status: 'succeeded',
            gatewayChargeId: result.chargeId,
            failureCode: null,
            failureMessage: null,
            settledAt: now,
          };
          event('payment_succeeded', { method: before.method, amountCents: before.amountCents, gatewayChargeId: result.chargeId });
          const amountPaidCents = invoice.amountPaidCents + before.amountCents;
          const status = invoiceStatusOf({ ...invoice, amountPaidCents });
          paid.push({ id: invoice.id, amountPaidCents, status, paidAt: status === 'paid' ? now : null });
          break;
        }
        case 'declined':
          settlement = {
            id: payment.id,
            status: 'failed',
            gatewayChargeId: result.chargeId,
            failureCode: result.declineCode.slice(0, 100),
            failureMessage: result.message.slice(0, 1000),
            settledAt: now,
          };
          event('payment_declined', { declineCode: result.declineCode, message: result.message });
          break;
        case 'requires_authentication':
          settlement = {
            id: payment.id,
            status: 'failed',
            gatewayChargeId: result.chargeId,
            failureCode: 'authentication_required',
            failureMessage: result.message.slice(0, 1000),
            settledAt: now,
          };
          event('payment_requires_authentication', { message: result.message });
          break;
        case 'error':
          if (result.retryable) {
            // The charge may or may not exist at the gateway: the attempt stays pending under its key.
            unknown.push(payment.id);
            event('payment_gateway_unavailable', { message: result.message });
            audits.push({
              ...auditOf(practiceId, actor, undefined, 'invoice.payment', invoice, {
                paymentId: payment.id,
                method: before.method,
                amountCents: before.amountCents,
                status: 'pending',
                failureCode: before.failureCode,
              }),
              outcome: 'failure',
            });
            return;
          }
          settlement = {
            id: payment.id,
            status: 'failed',
            gatewayChargeId: null,
            failureCode: 'gateway_error',
            failureMessage: result.message.slice(0, 1000),
            settledAt: now,
          };
          event('payment_failed', { message: result.message });
          break;
        default: {
          const unreachable: never = result;
          throw new Error(`unknown charge result ${JSON.stringify(unreachable)}`);
        }
      }
      settlements.push(settlement);
      audits.push({
        ...auditOf(practiceId, actor, undefined, 'invoice.payment', invoice, {
          paymentId: payment.id,
          method: before.method,
          amountCents: before.amountCents,
          status: settlement.status,
          failureCode: settlement.failureCode,
        }),
        outcome: settlement.status === 'succeeded' ? 'success' : 'failure',
      });
    });
    await repository.settlePayments(tx, practiceId, settlements);
    await repository.releasePayments(tx, practiceId, unknown);
    // A membership invoice's lines are fees and a coupon: paying one puts nothing in the wallet
    // and earns no reward (fillWalletFromPaidInvoice grants nothing for it), so none is asked.
    await repository.updateInvoicesPaid(tx, practiceId, paid, now);
    await repository.insertEvents(tx, practiceId, events);
    await recordAudits(tx, audits);
  });
}

/**
 * Membership invoices with their payment attempts, oldest first (what a membership's periods
 * show, and how billing learns an outcome), in two statements whatever their number.
 */
export async function membershipInvoicesWithin(
  tx: Transaction,
  practiceId: string,
  invoiceIds: readonly string[],
): Promise<Map<string, MembershipInvoiceState>> {
  const invoices = await repository.findInvoices(tx, practiceId, invoiceIds);
  const states = new Map<string, MembershipInvoiceState>([...invoices.values()].map((invoice) => [invoice.id, { invoice, payments: [] }]));
  for (const payment of await repository.listPaymentsOfInvoices(tx, practiceId, [...invoices.keys()])) {
    states.get(payment.invoiceId)?.payments.push(payment);
  }
  return states;
}
