import { type InvoiceKind } from '@glowdesk/contracts';
import { recordAudit, type AuditEntry, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { constraintOf, sqlStateOf, type Transaction } from '../../platform/database.ts';
import { type AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { auditActorFieldsOf, PATIENT_PORTAL_LABEL, type BillingActor, type PatientBillingActor } from '../billing/index.ts';
import { type InvoiceDraft } from './invoice-drafting.ts';
import type { InvoiceRecord } from './invoice-repository.ts';
import * as repository from './invoice-repository.ts';
import { invoiceStatusOf } from './invoice-status.ts';
import type { SalesContext } from './sales-dependencies.ts';

/** How long one request may talk to the gateway about an attempt before another may take it over. */
const IN_FLIGHT_SECONDS = 60;

export const feeKinds: readonly InvoiceKind[] = ['cancellation_fee', 'no_show_fee'];

/** Who an invoice history event names. */
export function actorColumnsOf(actor: BillingActor): { actorStaffId: string | null; actorLabel: string | null } {
  if (actor.kind === 'staff') return { actorStaffId: actor.staffId, actorLabel: null };
  return { actorStaffId: null, actorLabel: actor.kind === 'patient' ? PATIENT_PORTAL_LABEL : actor.label };
}

export function auditOf(
  practiceId: string,
  actor: BillingActor,
  meta: RequestMeta | undefined,
  action: string,
  invoice: Pick<InvoiceRecord, 'id' | 'patientId'> | null,
  details: Record<string, unknown> = {},
): AuditEntry {
  return {
    practiceId,
    ...auditActorFieldsOf(actor),
    action,
    objectType: 'invoice',
    objectId: invoice?.id ?? null,
    ip: meta?.ip ?? null,
    requestId: meta?.requestId ?? null,
    details: invoice ? { patientId: invoice.patientId, ...details } : details,
  };
}

export function checkCurrency(expected: string, given: string | undefined, field: string): void {
  if (given !== undefined && given !== expected) {
    throw new ValidationError(`The invoice is in ${expected}, not ${given}.`, { field, code: 'currency_mismatch' });
  }
}

export function inFlightUntil(deps: SalesContext): Date {
  const { clock } = deps;
  return new Date(clock.now().getTime() + IN_FLIGHT_SECONDS * 1000);
}

export function isInFlight(deps: SalesContext, row: { inFlightUntil: Date | null }): boolean {
  const { clock } = deps;
  return row.inFlightUntil !== null && row.inFlightUntil > clock.now();
}

export async function addEvent(
  deps: SalesContext,
  tx: Transaction,
  practiceId: string,
  invoiceId: string,
  actor: BillingActor,
  type: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  const { clock } = deps;
  await repository.insertEvent(tx, practiceId, { invoiceId, ...actorColumnsOf(actor), type, details, occurredAt: clock.now() });
}

export async function requireInvoice(tx: Transaction, practiceId: string, invoiceId: string, forUpdate = false): Promise<InvoiceRecord> {
  const invoice = await repository.findInvoice(tx, practiceId, invoiceId, { forUpdate });
  if (!invoice) throw new NotFoundError('Invoice', 'invoiceId');
  return invoice;
}

export async function mayRefundWithin(deps: SalesContext, tx: Transaction, actor: StaffActor): Promise<boolean> {
  const { settings } = deps;
  if (actor.role === 'owner' || actor.role === 'admin') return true;
  if (actor.role === 'front_desk') return settings.frontDeskMayRefundWithin(tx, actor.practiceId);
  return false;
}

/**
 * Who completes a checked-out appointment once its invoice is paid in full. The appointment
 * book's checkout completes the visit itself for what it pays (cash or nothing at checkout, its
 * card charge, its replays: `by_checkout`); payments sales starts on its own (the Sales tab, a
 * gateway webhook) complete it through AppointmentLink in their transaction (`by_sales`).
 */
export type VisitCompletion = 'by_checkout' | 'by_sales';

/** Adds a settled payment to the invoice; paid in full `by_sales`, completes its checked-out appointment. */
export async function applyPayment(
  deps: SalesContext,
  tx: Transaction,
  practiceId: string,
  actor: BillingActor,
  invoice: InvoiceRecord,
  amountCents: number,
  meta: RequestMeta | undefined,
  completion: VisitCompletion,
): Promise<InvoiceRecord> {
  const { clock } = deps;
  const amountPaidCents = invoice.amountPaidCents + amountCents;
  const status = invoiceStatusOf({ ...invoice, amountPaidCents });
  const updated = await repository.updateInvoice(
    tx,
    practiceId,
    invoice.id,
    { amountPaidCents, status, ...(status === 'paid' ? { paidAt: clock.now() } : {}) },
    clock.now(),
  );
  if (status === 'paid') await fillWalletFromPaidInvoice(deps, tx, practiceId, actor, updated, meta);
  if (status === 'paid' && completion === 'by_sales' && updated.kind === 'service' && updated.appointmentId) {
    await deps.appointments.completeCheckedOutAppointmentWithin(tx, practiceId, actor, updated.appointmentId, updated.id, meta);
  }
  return updated;
}

/**
 * An invoice paid in full puts what it sold (dollar credit, prepaid units) in the patient's
 * wallet, and the practice's reward on what was paid other than from the wallet.
 */
export async function fillWalletFromPaidInvoice(
  deps: SalesContext,
  tx: Transaction,
  practiceId: string,
  actor: BillingActor,
  invoice: InvoiceRecord,
  meta: RequestMeta | undefined,
): Promise<void> {
  const lines = await repository.listLines(tx, practiceId, invoice.id);
  const walletPaidCents = (await repository.listPayments(tx, practiceId, invoice.id))
    .filter((payment) => payment.method === 'wallet_credit' && payment.status === 'succeeded')
    .reduce((sum, payment) => sum + payment.amountCents, 0);
  const soldIntoWallet = lines.filter((line) => line.kind === 'wallet_credit' || line.kind === 'prepaid');
  const rewardBaseCents =
    invoice.kind === 'service' || invoice.kind === 'product'
      ? invoice.totalCents - invoice.taxCents - soldIntoWallet.reduce((sum, line) => sum + line.totalCents, 0) - walletPaidCents
      : 0;
  await deps.wallet.grantInvoiceWithin(
    tx,
    practiceId,
    actor,
    {
      patientId: invoice.patientId,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      currency: invoice.currency,
      lines: soldIntoWallet.map((line) => ({
        kind: line.kind === 'wallet_credit' ? 'wallet_credit' : 'prepaid',
        description: line.description,
        serviceId: line.serviceId,
        quantity: line.quantity,
        totalCents: line.totalCents,
        expiresOn: line.walletExpiresOn,
      })),
      rewardBaseCents,
    },
    meta,
  );
}

/**
 * Adds (or, for a refund that failed after the gateway accepted it, takes back) refunded
 * money. Refunded in full, the invoice's wallet entries are reversed.
 */
export async function applyRefund(
  deps: SalesContext,
  tx: Transaction,
  practiceId: string,
  actor: BillingActor,
  invoice: InvoiceRecord,
  deltaCents: number,
  meta: RequestMeta | undefined,
  refundId: string,
): Promise<InvoiceRecord> {
  const { clock } = deps;
  const amountRefundedCents = invoice.amountRefundedCents + deltaCents;
  const updated = await repository.updateInvoice(
    tx,
    practiceId,
    invoice.id,
    { amountRefundedCents, status: invoiceStatusOf({ ...invoice, amountRefundedCents }) },
    clock.now(),
  );
  if (updated.status === 'refunded' && invoice.status !== 'refunded') {
    await deps.wallet.reverseInvoiceWithin(
      tx,
      practiceId,
      actor,
      { patientId: invoice.patientId, invoiceId: invoice.id, refundId, reason: `Invoice #${invoice.number} refunded` },
      meta,
    );
  }
  return updated;
}

export async function createInvoiceWithin(
  deps: SalesContext,
  tx: Transaction,
  actor: StaffActor | PatientBillingActor,
  fields: { kind: InvoiceKind; patientId: string; clinicId: string; appointmentId: string | null; currency: string },
  draft: InvoiceDraft,
  meta: RequestMeta,
): Promise<InvoiceRecord> {
  const { clock } = deps;
  const now = clock.now();
  const number = await repository.takeInvoiceNumber(tx, actor.practiceId);
  const status = invoiceStatusOf({ totalCents: draft.totalCents, amountPaidCents: 0, amountRefundedCents: 0, voidedAt: null });
  let created: InvoiceRecord;
  try {
    created = await repository.insertInvoice(
      tx,
      actor.practiceId,
      number,
      {
        ...fields,
        status,
        subtotalCents: draft.subtotalCents,
        discountCents: draft.discountCents,
        taxCents: draft.taxCents,
        totalCents: draft.totalCents,
        taxRateBps: draft.taxRateBps,
        createdBy: actor.kind === 'staff' ? actor.staffId : null,
        createdAt: now,
        updatedAt: now,
        paidAt: status === 'paid' ? now : null,
      },
      draft.lines,
    );
  } catch (error) {
    const constraint = constraintOf(error);
    if (
      sqlStateOf(error) === '23505' &&
      (constraint === 'invoices_one_fee_per_appointment' || constraint === 'invoices_one_checkout_per_appointment')
    ) {
      throw new ConflictError('This appointment already has this invoice; it was not created again.', 'invoice_exists', {
        field: 'appointmentId',
      });
    }
    throw error;
  }
  // Nothing to pay (a visit paid by prepaid units): paid at once, so what it sold reaches the wallet now.
  if (created.status === 'paid') await fillWalletFromPaidInvoice(deps, tx, actor.practiceId, actor, created, meta);
  await addEvent(deps, tx, actor.practiceId, created.id, actor, 'created', {
    number,
    kind: fields.kind,
    totalCents: draft.totalCents,
    currency: fields.currency,
  });
  await recordAudit(
    tx,
    auditOf(actor.practiceId, actor, meta, 'invoice.create', created, {
      number,
      kind: fields.kind,
      totalCents: created.totalCents,
      appointmentId: fields.appointmentId,
    }),
  );
  return created;
}

export async function nextAttempt(tx: Transaction, practiceId: string, invoiceId: string): Promise<number> {
  return (await repository.listPayments(tx, practiceId, invoiceId)).length + 1;
}

export function missingCard(field: string): () => AppError {
  return () => new NotFoundError('Payment method of this patient', field);
}
