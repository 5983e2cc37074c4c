import { invoiceKindLabels, type FeeOutcome, type InvoiceKind, type PaymentChoice, type RefundInvoiceRequest } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { StaffRole } from '../../platform/auth/roles.ts';
import { recordAudit, type AuditEntry, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { constraintOf, sqlStateOf, type Database, type Transaction } from '../../platform/database.ts';
import { AppError, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { BillingActor, BillingService, ChargeResult, GatewayEvent, RefundResult } from '../billing/index.ts';
import type { PatientsService, PatientSummaryRecord } from '../patients/index.ts';
import { createBillingSettingsService, type ClinicNames } from './billing-settings-service.ts';
import { formatMoney } from './format-money.ts';
import { draftInvoice, type BilledItem, type Discount, type InvoiceDraft } from './invoice-drafting.ts';
import * as repository from './invoice-repository.ts';
import type {
  InvoiceEventRecord,
  InvoiceFilter,
  InvoiceLineRecord,
  InvoiceRecord,
  PaymentRecord,
  RefundRecord,
} from './invoice-repository.ts';
import { invoiceStatusOf } from './invoice-status.ts';
import { decodeCursor, encodeCursor } from './invoice-cursor.ts';
import { feeOutcomeOf, refundableOf, refundOutcomeOf, throwForUnsettledPayment, type GatewayRefundUpdate } from './payment-outcomes.ts';
import { PaymentPendingError, RefundFailedError } from './sales-errors.ts';

/** How long one request may talk to the gateway about an attempt before another may take it over. */
const IN_FLIGHT_SECONDS = 60;
const GATEWAY_REFUND_REASON = 'requested_by_customer';
/** Roles that take payments and see invoices (as for cards on file, docs/decisions/006). */
export const salesRoles: readonly StaffRole[] = ['owner', 'admin', 'front_desk'];

/** The appointment an invoice belongs to, as Sales shows it. */
export interface InvoiceAppointmentSummary {
  id: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
  providerId: string;
  providerName: string | null;
  services: { serviceId: string; name: string }[];
}

/**
 * What the appointments module lends Sales, registered with `connectAppointments` (the
 * appointments module depends on Sales, not the other way round).
 */
export interface AppointmentLink {
  describeAppointmentsWithin(
    tx: Transaction,
    practiceId: string,
    appointmentIds: readonly string[],
  ): Promise<Map<string, InvoiceAppointmentSummary>>;
  /** Runs in the transaction that paid an appointment's checkout invoice in full. */
  completeCheckedOutAppointmentWithin(
    tx: Transaction,
    practiceId: string,
    actor: BillingActor,
    appointmentId: string,
    invoiceId: string,
    meta: RequestMeta | undefined,
  ): Promise<void>;
}

export interface SalesDependencies {
  database: Database;
  clock: Clock;
  billing: BillingService;
  patients: PatientsService;
  /** Clinic names inside a transaction (the practice module's booking catalog). */
  clinics: ClinicNames;
  /** Clinic addresses for receipts (the practice module's clinics service). */
  clinicDetails: { get(actor: StaffActor, clinicId: string): Promise<ClinicAddress> };
  /** Staff names and the practice's name (the identity service). */
  staffDirectory: {
    listStaff(actor: StaffActor): Promise<{ id: string; displayName: string }[]>;
    describeSession(actor: StaffActor): Promise<{ practice: { name: string } }>;
  };
  /** Settle payments and refunds from the gateway's webhooks (default). A second instance on the same billing service (demo seeding) passes false. */
  listenToGatewayEvents?: boolean;
}

export interface ClinicAddress {
  name: string;
  addressLine1: string | null;
  addressLine2: string | null;
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  phone: string | null;
  timezone: string;
}

export interface InvoiceDetail {
  invoice: InvoiceRecord;
  lines: InvoiceLineRecord[];
  payments: PaymentRecord[];
  refunds: RefundRecord[];
  events: InvoiceEventRecord[];
  patient: PatientSummaryRecord | null;
  clinicName: string | null;
  appointment: InvoiceAppointmentSummary | null;
  staffNames: Map<string, string>;
  actions: { pay: boolean; refund: boolean; void: boolean };
}

export interface InvoiceListItem {
  invoice: InvoiceRecord;
  patient: PatientSummaryRecord | null;
}

/** A card, cash, or a card saved from a new token: what an invoice is paid with, resolved outside transactions. */
export type ResolvedPayment =
  { method: 'card_on_file' | 'new_card'; paymentMethodId: string } | { method: 'cash'; amountTenderedCents?: number | undefined };

export interface FeeInvoiceRequest {
  appointmentId: string;
  patientId: string;
  clinicId: string;
  kind: 'cancellation_fee' | 'no_show_fee';
  amountCents: number;
  currency: string;
  description: string;
  /** The card authorized at booking (Glowdesk's payment-method id). */
  paymentMethodId: string;
}

export interface CheckoutInvoiceRequest {
  appointmentId: string;
  patientId: string;
  clinicId: string;
  currency: string;
  services: { serviceId: string; name: string; priceCents: number }[];
  products: { name: string; unitPriceCents: number; quantity: number }[];
  discount: Discount | undefined;
  payment: ResolvedPayment;
}

export interface OpenedInvoice {
  invoice: InvoiceRecord;
  /** The card attempt to charge next, or null when nothing is left to charge (cash, zero total). */
  pendingPayment: PaymentRecord | null;
}

interface PaymentAndInvoice {
  invoice: InvoiceRecord;
  payment: PaymentRecord;
}

const feeKinds: readonly InvoiceKind[] = ['cancellation_fee', 'no_show_fee'];

function actorColumns(actor: BillingActor): { actorStaffId: string | null; actorLabel: string | null } {
  return actor.kind === 'staff' ? { actorStaffId: actor.staffId, actorLabel: null } : { actorStaffId: null, actorLabel: actor.label };
}

function auditOf(
  practiceId: string,
  actor: BillingActor,
  meta: RequestMeta | undefined,
  action: string,
  invoice: Pick<InvoiceRecord, 'id' | 'patientId'> | null,
  details: Record<string, unknown> = {},
): AuditEntry {
  return {
    practiceId,
    ...(actor.kind === 'staff'
      ? { actorType: 'staff' as const, actorId: actor.staffId, actorLabel: actor.email }
      : { actorType: 'system' as const, actorLabel: actor.label }),
    action,
    objectType: 'invoice',
    objectId: invoice?.id ?? null,
    ip: meta?.ip ?? null,
    requestId: meta?.requestId ?? null,
    details: invoice ? { patientId: invoice.patientId, ...details } : details,
  };
}

function checkCurrency(expected: string, given: string | undefined, field: string): void {
  if (given !== undefined && given !== expected) {
    throw new ValidationError(`The invoice is in ${expected}, not ${given}.`, { field, code: 'currency_mismatch' });
  }
}

/** Invoices, payments, refunds, fee and checkout invoices; per-clinic billing settings. */
export function createSalesService(deps: SalesDependencies) {
  const { database, clock, billing, patients, clinics } = deps;
  const settings = createBillingSettingsService({ database, clock, clinics });
  let appointmentLink: AppointmentLink | undefined;

  function inFlightUntil(): Date {
    return new Date(clock.now().getTime() + IN_FLIGHT_SECONDS * 1000);
  }

  function isInFlight(row: { inFlightUntil: Date | null }): boolean {
    return row.inFlightUntil !== null && row.inFlightUntil > clock.now();
  }

  async function addEvent(
    tx: Transaction,
    practiceId: string,
    invoiceId: string,
    actor: BillingActor,
    type: string,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await repository.insertEvent(tx, practiceId, { invoiceId, ...actorColumns(actor), type, details, occurredAt: clock.now() });
  }

  async function requireInvoice(tx: Transaction, practiceId: string, invoiceId: string, forUpdate = false): Promise<InvoiceRecord> {
    const invoice = await repository.findInvoice(tx, practiceId, invoiceId, { forUpdate });
    if (!invoice) throw new NotFoundError('Invoice', 'invoiceId');
    return invoice;
  }

  async function mayRefundWithin(tx: Transaction, actor: StaffActor): Promise<boolean> {
    if (actor.role === 'owner' || actor.role === 'admin') return true;
    if (actor.role === 'front_desk') return settings.frontDeskMayRefundWithin(tx, actor.practiceId);
    return false;
  }

  async function onPaidInFull(
    tx: Transaction,
    practiceId: string,
    actor: BillingActor,
    invoice: InvoiceRecord,
    meta: RequestMeta | undefined,
  ): Promise<void> {
    if (invoice.kind === 'service' && invoice.appointmentId && appointmentLink) {
      await appointmentLink.completeCheckedOutAppointmentWithin(tx, practiceId, actor, invoice.appointmentId, invoice.id, meta);
    }
  }

  /** Adds a settled payment to the invoice; completes a checked-out appointment once paid in full. */
  async function applyPayment(
    tx: Transaction,
    practiceId: string,
    actor: BillingActor,
    invoice: InvoiceRecord,
    amountCents: number,
    meta: RequestMeta | undefined,
  ): Promise<InvoiceRecord> {
    const amountPaidCents = invoice.amountPaidCents + amountCents;
    const status = invoiceStatusOf({ ...invoice, amountPaidCents });
    const updated = await repository.updateInvoice(
      tx,
      practiceId,
      invoice.id,
      { amountPaidCents, status, ...(status === 'paid' ? { paidAt: clock.now() } : {}) },
      clock.now(),
    );
    if (status === 'paid') await onPaidInFull(tx, practiceId, actor, updated, meta);
    return updated;
  }

  /** Adds (or, for a refund that failed after the gateway accepted it, takes back) refunded money. */
  async function applyRefund(tx: Transaction, practiceId: string, invoice: InvoiceRecord, deltaCents: number): Promise<InvoiceRecord> {
    const amountRefundedCents = invoice.amountRefundedCents + deltaCents;
    return repository.updateInvoice(
      tx,
      practiceId,
      invoice.id,
      { amountRefundedCents, status: invoiceStatusOf({ ...invoice, amountRefundedCents }) },
      clock.now(),
    );
  }

  async function createInvoiceWithin(
    tx: Transaction,
    actor: StaffActor,
    fields: { kind: InvoiceKind; patientId: string; clinicId: string; appointmentId: string | null; currency: string },
    draft: InvoiceDraft,
    meta: RequestMeta,
  ): Promise<InvoiceRecord> {
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
          createdBy: actor.staffId,
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
    await addEvent(tx, actor.practiceId, created.id, actor, 'created', {
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
    if (status === 'paid') await onPaidInFull(tx, actor.practiceId, actor, created, meta);
    return created;
  }

  async function nextAttempt(tx: Transaction, practiceId: string, invoiceId: string): Promise<number> {
    return (await repository.listPayments(tx, practiceId, invoiceId)).length + 1;
  }

  /** Writes a card attempt `pending` (in flight for this request) under its idempotency key. */
  async function insertCardAttempt(
    tx: Transaction,
    actor: StaffActor,
    invoice: InvoiceRecord,
    attempt: { method: 'card_on_file' | 'new_card'; paymentMethodId: string; amountCents: number; requestKey: string | null },
    meta: RequestMeta,
    missingCard: () => AppError,
  ): Promise<PaymentRecord> {
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
      gateway: card.gateway,
      inFlightUntil: inFlightUntil(),
      createdAt: clock.now(),
      createdBy: actor.staffId,
    });
    await addEvent(tx, actor.practiceId, invoice.id, actor, 'payment_started', {
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

  async function insertCashPayment(
    tx: Transaction,
    actor: StaffActor,
    invoice: InvoiceRecord,
    cash: { amountCents: number; amountTenderedCents: number | undefined; requestKey: string | null },
    meta: RequestMeta,
  ): Promise<PaymentAndInvoice> {
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
      amountTenderedCents: tendered,
      changeDueCents: tendered - cash.amountCents,
      createdAt: now,
      createdBy: actor.staffId,
      settledAt: now,
    });
    await addEvent(tx, actor.practiceId, invoice.id, actor, 'payment_succeeded', {
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
    return { payment, invoice: await applyPayment(tx, actor.practiceId, actor, invoice, payment.amountCents, meta) };
  }

  /** Records what the gateway said about a pending attempt; an attempt already settled (by a webhook) is left alone. */
  async function recordChargeResult(
    tx: Transaction,
    practiceId: string,
    actor: BillingActor,
    paymentId: string,
    result: ChargeResult,
    meta: RequestMeta | undefined,
  ): Promise<PaymentAndInvoice> {
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
        await addEvent(tx, practiceId, invoice.id, actor, 'payment_succeeded', {
          paymentId,
          method: payment.method,
          amountCents: payment.amountCents,
          gatewayChargeId: result.chargeId,
        });
        invoice = await applyPayment(tx, practiceId, actor, invoice, payment.amountCents, meta);
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
        await addEvent(tx, practiceId, invoice.id, actor, 'payment_declined', {
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
        await addEvent(tx, practiceId, invoice.id, actor, 'payment_requires_authentication', { paymentId, message: result.message });
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
        await addEvent(tx, practiceId, invoice.id, actor, result.retryable ? 'payment_gateway_unavailable' : 'payment_failed', {
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

  /** Charges a pending card attempt at the gateway (between transactions) and records the outcome. */
  async function chargePayment(
    actor: BillingActor,
    practiceId: string,
    paymentId: string,
    meta: RequestMeta | undefined,
  ): Promise<PaymentAndInvoice> {
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
        await addEvent(tx, practiceId, invoice.id, actor, 'payment_failed', { paymentId, message: error.message });
        return { invoice: locked, payment: failed };
      });
    }
    return inPractice(database, practiceId, (tx) => recordChargeResult(tx, practiceId, actor, paymentId, result, meta));
  }

  /**
   * Takes over a pending attempt nobody is driving (its request died, or the gateway did not
   * answer) and asks the gateway again under the same key: the outcome of the first try.
   */
  async function settleStalePayment(
    actor: BillingActor,
    practiceId: string,
    invoiceId: string,
    meta: RequestMeta | undefined,
  ): Promise<PaymentAndInvoice | undefined> {
    const claimed = await inPractice(database, practiceId, async (tx) => {
      await requireInvoice(tx, practiceId, invoiceId, true);
      const pending = (await repository.listPayments(tx, practiceId, invoiceId)).find((payment) => payment.status === 'pending');
      if (!pending || isInFlight(pending)) return undefined;
      return repository.updatePayment(tx, practiceId, pending.id, { inFlightUntil: inFlightUntil() });
    });
    return claimed ? chargePayment(actor, practiceId, claimed.id, meta) : undefined;
  }

  async function recordRefundResult(
    tx: Transaction,
    practiceId: string,
    actor: BillingActor,
    refundId: string,
    result: RefundResult | GatewayRefundUpdate,
    meta: RequestMeta | undefined,
  ): Promise<{ invoice: InvoiceRecord; refund: RefundRecord }> {
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
      await addEvent(tx, practiceId, invoice.id, actor, event, {
        refundId,
        amountCents: refund.amountCents,
        gatewayRefundId: refund.gatewayRefundId,
      });
    };
    if (before.status === 'pending') {
      switch (outcome) {
        case 'succeeded':
          await settle({ status: 'succeeded', gatewayRefundId, inFlightUntil: null, settledAt: now }, 'refund_succeeded');
          invoice = await applyRefund(tx, practiceId, invoice, before.amountCents);
          break;
        case 'pending':
          await settle({ status: 'processing', gatewayRefundId, inFlightUntil: null }, 'refund_processing');
          invoice = await applyRefund(tx, practiceId, invoice, before.amountCents);
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
      if (outcome === 'failed') invoice = await applyRefund(tx, practiceId, invoice, -before.amountCents);
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

  async function driveRefund(actor: BillingActor, practiceId: string, refundId: string, meta: RequestMeta | undefined) {
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
    await inPractice(database, practiceId, (tx) => recordRefundResult(tx, practiceId, actor, refundId, result, meta));
  }

  async function settleStaleRefund(
    actor: BillingActor,
    practiceId: string,
    refund: RefundRecord,
    meta: RequestMeta | undefined,
  ): Promise<void> {
    const claimed = await inPractice(database, practiceId, async (tx) => {
      await requireInvoice(tx, practiceId, refund.invoiceId, true);
      const current = await repository.findRefund(tx, practiceId, refund.id);
      if (!current || current.status !== 'pending' || isInFlight(current)) return false;
      await repository.updateRefund(tx, practiceId, refund.id, { inFlightUntil: inFlightUntil() });
      return true;
    });
    if (claimed) await driveRefund(actor, practiceId, refund.id, meta);
  }

  async function detailWithin(tx: Transaction, actor: StaffActor, invoiceId: string): Promise<Omit<InvoiceDetail, 'staffNames'>> {
    const invoice = await requireInvoice(tx, actor.practiceId, invoiceId);
    const [lines, payments, refunds, events] = [
      await repository.listLines(tx, actor.practiceId, invoiceId),
      await repository.listPayments(tx, actor.practiceId, invoiceId),
      await repository.listRefunds(tx, actor.practiceId, invoiceId),
      await repository.listEvents(tx, actor.practiceId, invoiceId),
    ];
    const patient = (await patients.findPatientSummariesWithin(tx, actor.practiceId, [invoice.patientId])).get(invoice.patientId) ?? null;
    const clinic = (await clinics.findClinics(tx, actor.practiceId, [invoice.clinicId])).get(invoice.clinicId);
    const appointment =
      invoice.appointmentId && appointmentLink
        ? ((await appointmentLink.describeAppointmentsWithin(tx, actor.practiceId, [invoice.appointmentId])).get(invoice.appointmentId) ??
          null)
        : null;
    const pending = payments.some((payment) => payment.status === 'pending');
    const refundable = payments.reduce((sum, payment) => sum + refundableOf(payment, refunds), 0);
    const takesPayments = salesRoles.includes(actor.role);
    return {
      invoice,
      lines,
      payments,
      refunds,
      events,
      patient,
      clinicName: clinic?.name ?? null,
      appointment,
      actions: {
        pay: takesPayments && invoice.status === 'unpaid' && invoice.amountPaidCents < invoice.totalCents && !pending,
        refund: refundable > 0 && (await mayRefundWithin(tx, actor)),
        void: takesPayments && invoice.status === 'unpaid' && invoice.amountPaidCents === 0 && !pending,
      },
    };
  }

  async function withStaffNames(actor: StaffActor, detail: Omit<InvoiceDetail, 'staffNames'>): Promise<InvoiceDetail> {
    const wanted = new Set<string>([
      detail.invoice.createdBy,
      ...detail.events.flatMap((event) => (event.actorStaffId ? [event.actorStaffId] : [])),
      ...detail.refunds.flatMap((refund) => (refund.createdBy ? [refund.createdBy] : [])),
    ]);
    const members = await deps.staffDirectory.listStaff(actor);
    return {
      ...detail,
      staffNames: new Map(members.filter((member) => wanted.has(member.id)).map((member) => [member.id, member.displayName])),
    };
  }

  async function describeInvoice(
    actor: StaffActor,
    invoiceId: string,
    audit?: { action: string; meta: RequestMeta },
  ): Promise<InvoiceDetail> {
    const detail = await inPractice(database, actor.practiceId, async (tx) => {
      const found = await detailWithin(tx, actor, invoiceId);
      if (audit)
        await recordAudit(tx, auditOf(actor.practiceId, actor, audit.meta, audit.action, found.invoice, { number: found.invoice.number }));
      return found;
    });
    return withStaffNames(actor, detail);
  }

  /** Saves a new card's token to the patient first (a gateway call, outside any transaction). */
  async function resolvePayment(actor: StaffActor, patientId: string, choice: PaymentChoice, meta: RequestMeta): Promise<ResolvedPayment> {
    switch (choice.method) {
      case 'card_on_file':
        return { method: 'card_on_file', paymentMethodId: choice.paymentMethodId };
      case 'cash':
        return { method: 'cash', amountTenderedCents: choice.amountTenderedCents };
      case 'new_card':
        try {
          const { paymentMethod } = await billing.addPaymentMethod(actor, patientId, { gatewayToken: choice.gatewayToken }, meta);
          return { method: 'new_card', paymentMethodId: paymentMethod.id };
        } catch (error) {
          if (error instanceof ValidationError && error.field === 'gatewayToken') {
            throw new ValidationError(error.message, { field: 'payment.gatewayToken', code: error.code });
          }
          throw error;
        }
      default: {
        const unreachable: never = choice;
        throw new Error(`unknown payment method ${JSON.stringify(unreachable)}`);
      }
    }
  }

  function missingCard(field: string): () => AppError {
    return () => new NotFoundError('Payment method of this patient', field);
  }

  async function onGatewayEvent(event: Exclude<GatewayEvent, { type: 'ignored' }>): Promise<void> {
    const practiceId = event.metadata.glowdesk_practice_id;
    if (!practiceId || !/^[0-9a-f-]{36}$/.test(practiceId)) return;
    const webhook: BillingActor = { kind: 'system', label: 'payment gateway webhook' };
    switch (event.type) {
      case 'payment_succeeded':
      case 'payment_failed': {
        const paymentId = event.metadata.payment_id;
        if (!paymentId || !/^[0-9a-f-]{36}$/.test(paymentId)) return;
        const result: ChargeResult =
          event.type === 'payment_succeeded'
            ? { status: 'succeeded', chargeId: event.chargeId, amountCents: event.amountCents, currency: event.currency }
            : {
                status: 'declined',
                chargeId: event.chargeId,
                declineCode: event.declineCode ?? 'declined',
                message: event.message ?? 'The charge failed.',
              };
        await inPractice(database, practiceId, async (tx) => {
          if (await repository.findPayment(tx, practiceId, paymentId))
            await recordChargeResult(tx, practiceId, webhook, paymentId, result, undefined);
        });
        return;
      }
      case 'refund_updated': {
        const refundId = event.metadata.refund_id;
        if (!refundId || !/^[0-9a-f-]{36}$/.test(refundId)) return;
        const gatewayStatus =
          event.status === 'succeeded' ? 'succeeded' : event.status === 'failed' || event.status === 'canceled' ? 'failed' : 'pending';
        await inPractice(database, practiceId, async (tx) => {
          if (await repository.findRefund(tx, practiceId, refundId)) {
            await recordRefundResult(
              tx,
              practiceId,
              webhook,
              refundId,
              { status: 'gateway_update', gatewayStatus, refundId: event.refundId },
              undefined,
            );
          }
        });
        return;
      }
      default: {
        const unreachable: never = event;
        throw new Error(`unknown gateway event ${JSON.stringify(unreachable)}`);
      }
    }
  }
  if (deps.listenToGatewayEvents ?? true) billing.onGatewayEvent(onGatewayEvent);

  return {
    settings,

    /** Lets Sales describe an invoice's appointment and complete it when its checkout is paid. */
    connectAppointments(link: AppointmentLink): void {
      appointmentLink = link;
    },

    // ── Used by the appointments module, inside its own transactions ──────────────────────

    feeSettingsWithin: settings.feeSettingsWithin,
    feeSettingsRead: settings.feeSettingsRead,
    currentPolicyWithin: settings.currentPolicyWithin,

    /** Every invoice of the appointments, oldest first (fee invoices and checkouts). */
    async invoicesOfAppointmentsWithin(
      tx: Transaction,
      practiceId: string,
      appointmentIds: readonly string[],
    ): Promise<Map<string, InvoiceRecord[]>> {
      const byAppointment = new Map<string, InvoiceRecord[]>();
      for (const invoice of await repository.findInvoicesOfAppointments(tx, practiceId, appointmentIds)) {
        if (!invoice.appointmentId) continue;
        const list = byAppointment.get(invoice.appointmentId) ?? [];
        list.push(invoice);
        byAppointment.set(invoice.appointmentId, list);
      }
      return byAppointment;
    },

    /**
     * The appointment's latest cancellation or no-show fee with money received (what a fee
     * receipt names): the amount paid, in the invoice's currency.
     */
    async latestChargedFeeWithin(
      tx: Transaction,
      practiceId: string,
      appointmentId: string,
    ): Promise<{ kind: 'cancellation_fee' | 'no_show_fee'; amountMinor: number; currency: string } | undefined> {
      const invoices = await repository.findInvoicesOfAppointments(tx, practiceId, [appointmentId]);
      const charged = invoices.filter(
        (invoice): invoice is InvoiceRecord & { kind: 'cancellation_fee' | 'no_show_fee' } =>
          (invoice.kind === 'cancellation_fee' || invoice.kind === 'no_show_fee') && invoice.amountPaidCents > 0,
      );
      const latest = charged.at(-1);
      return latest ? { kind: latest.kind, amountMinor: latest.amountPaidCents, currency: latest.currency } : undefined;
    },

    /** The fee invoice of a kind and its latest payment attempt, as the fee's outcome (replays, restore). */
    async feeOutcomeWithin(tx: Transaction, practiceId: string, invoiceId: string): Promise<FeeOutcome> {
      const invoice = await requireInvoice(tx, practiceId, invoiceId);
      const payments = await repository.listPayments(tx, practiceId, invoiceId);
      return feeOutcomeOf(invoice, payments.at(-1));
    },

    /**
     * Opens the fee invoice of an appointment and writes its card attempt, inside the
     * caller's transaction (with the cancel or no-show it belongs to). Charge it with
     * `chargePayment` after the transaction commits.
     */
    async openFeeInvoiceWithin(tx: Transaction, actor: StaffActor, request: FeeInvoiceRequest, meta: RequestMeta): Promise<OpenedInvoice> {
      const draft = draftInvoice({
        items: [
          {
            kind: 'fee',
            description: request.description,
            serviceId: null,
            quantity: 1,
            unitAmountCents: request.amountCents,
            field: 'chargeFee',
          },
        ],
        taxRateBps: 0,
      });
      const invoice = await createInvoiceWithin(
        tx,
        actor,
        {
          kind: request.kind,
          patientId: request.patientId,
          clinicId: request.clinicId,
          appointmentId: request.appointmentId,
          currency: request.currency,
        },
        draft,
        meta,
      );
      const pendingPayment = await insertCardAttempt(
        tx,
        actor,
        invoice,
        { method: 'card_on_file', paymentMethodId: request.paymentMethodId, amountCents: invoice.totalCents, requestKey: null },
        meta,
        () =>
          new ConflictError('The card entered at booking is no longer on file, so no fee can be charged.', 'no_card_on_file', {
            field: 'chargeFee',
          }),
      );
      return { invoice, pendingPayment };
    },

    /** Opens the checkout invoice of an appointment inside the caller's transaction; cash and zero totals are paid at once. */
    async openCheckoutInvoiceWithin(
      tx: Transaction,
      actor: StaffActor,
      request: CheckoutInvoiceRequest,
      meta: RequestMeta,
    ): Promise<OpenedInvoice> {
      const taxRateBps =
        (await settings.feeSettingsWithin(tx, actor.practiceId, [request.clinicId])).get(request.clinicId)?.taxRateBps ?? 0;
      const items: BilledItem[] = [
        ...request.services.map((service, index) => ({
          kind: 'service' as const,
          description: service.name,
          serviceId: service.serviceId,
          quantity: 1,
          unitAmountCents: service.priceCents,
          field: `services[${index}]`,
        })),
        ...request.products.map((product, index) => ({
          kind: 'product' as const,
          description: product.name,
          serviceId: null,
          quantity: product.quantity,
          unitAmountCents: product.unitPriceCents,
          field: `products[${index}]`,
        })),
      ];
      const draft = draftInvoice({ items, discount: request.discount, taxRateBps });
      const invoice = await createInvoiceWithin(
        tx,
        actor,
        {
          kind: 'service',
          patientId: request.patientId,
          clinicId: request.clinicId,
          appointmentId: request.appointmentId,
          currency: request.currency,
        },
        draft,
        meta,
      );
      if (invoice.totalCents === 0) return { invoice, pendingPayment: null };
      if (request.payment.method === 'cash') {
        const paid = await insertCashPayment(
          tx,
          actor,
          invoice,
          { amountCents: invoice.totalCents, amountTenderedCents: request.payment.amountTenderedCents, requestKey: null },
          meta,
        );
        return { invoice: paid.invoice, pendingPayment: null };
      }
      const pendingPayment = await insertCardAttempt(
        tx,
        actor,
        invoice,
        {
          method: request.payment.method,
          paymentMethodId: request.payment.paymentMethodId,
          amountCents: invoice.totalCents,
          requestKey: null,
        },
        meta,
        missingCard('payment.paymentMethodId'),
      );
      return { invoice, pendingPayment };
    },

    resolvePayment,
    chargePayment,
    settleStalePayment,
    describeInvoice,
    throwForUnsettledPayment,

    // ── Sales tab use cases ───────────────────────────────────────────────────────────────

    async listInvoices(
      actor: StaffActor,
      query: InvoiceFilter & { cursor?: string | undefined; limit: number },
      meta: RequestMeta,
    ): Promise<{ items: InvoiceListItem[]; nextCursor: string | null }> {
      if (query.from && query.to && query.to <= query.from) throw new ValidationError('"to" must be after "from".', { field: 'to' });
      const after = query.cursor ? decodeCursor(query.cursor) : undefined;
      return inPractice(database, actor.practiceId, async (tx) => {
        const rows = await repository.listInvoices(tx, actor.practiceId, query, after, query.limit + 1);
        const page = rows.slice(0, query.limit);
        const people = await patients.findPatientSummariesWithin(
          tx,
          actor.practiceId,
          page.map((invoice) => invoice.patientId),
        );
        await recordAudit(
          tx,
          auditOf(actor.practiceId, actor, meta, 'invoice.list', null, {
            count: page.length,
            patientIds: [...new Set(page.map((invoice) => invoice.patientId))],
            filter: {
              from: query.from?.toISOString() ?? null,
              to: query.to?.toISOString() ?? null,
              clinicId: query.clinicId ?? null,
              status: query.status ?? null,
              kind: query.kind ?? null,
              patientId: query.patientId ?? null,
              appointmentId: query.appointmentId ?? null,
            },
          }),
        );
        const last = page.at(-1);
        return {
          items: page.map((invoice) => ({ invoice, patient: people.get(invoice.patientId) ?? null })),
          nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
        };
      });
    },

    async getInvoice(actor: StaffActor, invoiceId: string, meta: RequestMeta): Promise<InvoiceDetail> {
      return describeInvoice(actor, invoiceId, { action: 'invoice.read', meta });
    },

    /** What a printed receipt needs beyond the invoice: the practice and the clinic's address. */
    async receiptOf(
      actor: StaffActor,
      invoiceId: string,
      meta: RequestMeta,
    ): Promise<{ detail: InvoiceDetail; practiceName: string; clinic: ClinicAddress }> {
      const detail = await describeInvoice(actor, invoiceId, { action: 'invoice.receipt', meta });
      const [session, clinic] = [
        await deps.staffDirectory.describeSession(actor),
        await deps.clinicDetails.get(actor, detail.invoice.clinicId),
      ];
      return { detail, practiceName: session.practice.name, clinic };
    },

    /**
     * Pays all or part of an unpaid invoice. A repeated Idempotency-Key replays the first
     * payment; a pending card attempt nobody is driving is settled first, so money is never
     * taken twice for one balance.
     */
    async payInvoice(
      actor: StaffActor,
      invoiceId: string,
      input: { payment: PaymentChoice; amountCents?: number | undefined; currency?: string | undefined },
      requestKey: string | undefined,
      meta: RequestMeta,
    ): Promise<{ detail: InvoiceDetail; payment: PaymentRecord; replayed: boolean }> {
      const practiceId = actor.practiceId;
      const replay = async (payment: PaymentRecord) => {
        if (payment.invoiceId !== invoiceId) {
          throw new ConflictError('This Idempotency-Key was already used for another invoice.', 'idempotency_key_reused', {
            field: 'Idempotency-Key',
          });
        }
        if (payment.status === 'pending') await settleStalePayment(actor, practiceId, invoiceId, meta);
        const settled = (await inPractice(database, practiceId, (tx) => repository.findPayment(tx, practiceId, payment.id))) ?? payment;
        if (settled.status === 'pending' && isInFlight(settled)) {
          throw new ConflictError(
            'An earlier request with this Idempotency-Key is still charging the card; ask again in a moment.',
            'payment_in_progress',
            {
              field: 'Idempotency-Key',
              extensions: { invoiceId, paymentId: settled.id },
            },
          );
        }
        const detail = await describeInvoice(actor, invoiceId, { action: 'invoice.payment_replayed', meta });
        throwForUnsettledPayment(detail.invoice, settled);
        return { detail, payment: settled, replayed: true };
      };
      if (requestKey) {
        const earlier = await inPractice(database, practiceId, (tx) => repository.findPaymentByRequestKey(tx, practiceId, requestKey));
        if (earlier) return replay(earlier);
      }
      const found = await inPractice(database, practiceId, (tx) => requireInvoice(tx, practiceId, invoiceId));
      checkCurrency(found.currency, input.currency, 'currency');
      const resolved = await resolvePayment(actor, found.patientId, input.payment, meta);
      // An attempt left pending by an outage is asked about first (same key): if it went through,
      // that is this request's answer, and nothing more is charged.
      const earlierAttempt = await settleStalePayment(actor, practiceId, invoiceId, meta);
      if (earlierAttempt?.payment.status === 'succeeded' && earlierAttempt.invoice.amountPaidCents >= earlierAttempt.invoice.totalCents) {
        return {
          detail: await describeInvoice(actor, invoiceId, { action: 'invoice.payment_settled', meta }),
          payment: earlierAttempt.payment,
          replayed: true,
        };
      }

      let opened: { payment: PaymentRecord; invoice: InvoiceRecord };
      try {
        opened = await inPractice(database, practiceId, async (tx) => {
          const invoice = await requireInvoice(tx, practiceId, invoiceId, true);
          if (invoice.status === 'void')
            throw new ConflictError(`Invoice #${invoice.number} is void.`, 'invoice_void', { field: 'invoiceId' });
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
            return insertCashPayment(
              tx,
              actor,
              invoice,
              { amountCents, amountTenderedCents: resolved.amountTenderedCents, requestKey: requestKey ?? null },
              meta,
            );
          }
          const payment = await insertCardAttempt(
            tx,
            actor,
            invoice,
            { method: resolved.method, paymentMethodId: resolved.paymentMethodId, amountCents, requestKey: requestKey ?? null },
            meta,
            missingCard('payment.paymentMethodId'),
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
        opened.payment.status === 'pending' ? (await chargePayment(actor, practiceId, opened.payment.id, meta)).payment : opened.payment;
      const detail = await describeInvoice(actor, invoiceId);
      throwForUnsettledPayment(detail.invoice, settled);
      return { detail, payment: settled, replayed: false };
    },

    /**
     * Refunds part or all of one payment. Owners and admins may; the front desk only when the
     * practice allows it. Card refunds go to the gateway (its refund id is recorded); cash
     * refunds are recorded as cash handed back. Never more than was paid.
     */
    async refundInvoice(
      actor: StaffActor,
      invoiceId: string,
      input: RefundInvoiceRequest,
      requestKey: string | undefined,
      meta: RequestMeta,
    ): Promise<{ detail: InvoiceDetail; refund: RefundRecord; replayed: boolean }> {
      const practiceId = actor.practiceId;
      const finish = async (refundId: string, replayed: boolean) => {
        const refund = await inPractice(database, practiceId, (tx) => repository.findRefund(tx, practiceId, refundId));
        if (!refund) throw new NotFoundError('Refund', 'refundId');
        if (replayed && refund.status === 'pending' && isInFlight(refund)) {
          throw new ConflictError(
            'An earlier request with this Idempotency-Key is still refunding; ask again in a moment.',
            'refund_in_progress',
            {
              field: 'Idempotency-Key',
              extensions: { invoiceId, refundId: refund.id },
            },
          );
        }
        const detail = await describeInvoice(actor, invoiceId, replayed ? { action: 'invoice.refund_replayed', meta } : undefined);
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
        if (refund.invoiceId !== invoiceId || refund.amountCents !== input.amountCents) {
          throw new ConflictError('This Idempotency-Key was already used for another refund.', 'idempotency_key_reused', {
            field: 'Idempotency-Key',
          });
        }
        if (refund.status === 'pending') await settleStaleRefund(actor, practiceId, refund, meta);
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
          if (!(await mayRefundWithin(tx, actor))) {
            throw new ForbiddenError(
              'Only owners and admins refund, unless the practice lets the front desk refund (Sales settings).',
              'refund_not_permitted',
            );
          }
          checkCurrency(invoice.currency, input.currency, 'currency');
          if (invoice.status === 'void')
            throw new ConflictError(`Invoice #${invoice.number} is void.`, 'invoice_void', { field: 'invoiceId' });
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
          const isCash = payment.method === 'cash';
          const created = await repository.insertRefund(tx, practiceId, {
            invoiceId,
            paymentId: payment.id,
            method: isCash ? 'cash' : 'card',
            amountCents: input.amountCents,
            currency: invoice.currency,
            reason: input.reason,
            status: isCash ? 'succeeded' : 'pending',
            idempotencyKey: `refund:${invoiceId}:${refunds.length + 1}`,
            requestKey: requestKey ?? null,
            inFlightUntil: isCash ? null : inFlightUntil(),
            createdAt: now,
            createdBy: actor.staffId,
            settledAt: isCash ? now : null,
          });
          await addEvent(tx, practiceId, invoiceId, actor, isCash ? 'refund_succeeded' : 'refund_started', {
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
          if (isCash) await applyRefund(tx, practiceId, invoice, created.amountCents);
          return created;
        });
      } catch (error) {
        if (requestKey && sqlStateOf(error) === '23505' && constraintOf(error) === 'invoice_refunds_request_key') {
          const earlier = await inPractice(database, practiceId, (tx) => repository.findRefundByRequestKey(tx, practiceId, requestKey));
          if (earlier) return replay(earlier);
        }
        throw error;
      }
      if (refund.status === 'pending') await driveRefund(actor, practiceId, refund.id, meta);
      return finish(refund.id, false);
    },

    /** Voids an invoice nothing was paid on (a fee the clinic forgives, a checkout to redo). */
    async voidInvoice(actor: StaffActor, invoiceId: string, input: { reason: string }, meta: RequestMeta): Promise<InvoiceDetail> {
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
        await addEvent(tx, practiceId, invoiceId, actor, 'voided', { reason: input.reason });
        await recordAudit(tx, auditOf(practiceId, actor, meta, 'invoice.void', invoice, { number: invoice.number, reason: input.reason }));
      });
      return describeInvoice(actor, invoiceId);
    },
  };
}

export type SalesService = ReturnType<typeof createSalesService>;
