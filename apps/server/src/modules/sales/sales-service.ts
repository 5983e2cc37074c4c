import type { FeeOutcome, PaymentChoice, RefundInvoiceRequest } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import { runRead, type Transaction } from '../../platform/database.ts';
import type { BillingActor, PatientBillingActor } from '../billing/index.ts';
import { feeOutcomeWithin, invoicesOfAppointmentsWithin, latestChargedFeeWithin } from './appointment-invoices.ts';
import { findPolicyVersion, type CancellationPolicyRecord } from './billing-settings-repository.ts';
import { createBillingSettingsService, type BillingSettingsService } from './billing-settings-service.ts';
import { chargePayment, settleStalePayment } from './charge-payment.ts';
import { mayRefundWithin } from './invoice-ledger.ts';
import type { InvoiceFilter, InvoiceRecord, PaymentRecord, RefundRecord } from './invoice-repository.ts';
import {
  describeInvoice,
  getInvoice,
  listInvoices,
  receiptOf,
  type InvoiceDetail,
  type InvoiceListItem,
  type InvoiceViewer,
} from './invoice-views.ts';
import { countUnpaidInvoicesWithin, listOwnInvoices } from './own-invoices.ts';
import { openCheckoutInvoiceWithin, type CheckoutInvoiceRequest } from './open-checkout-invoice.ts';
import { openFeeInvoiceWithin, type FeeInvoiceRequest, type OpenedInvoice } from './open-fee-invoice.ts';
import {
  chargeMembershipPayments,
  membershipInvoicesWithin,
  openMembershipInvoiceWithin,
  openMembershipInvoicesWithin,
  retryMembershipInvoiceWithin,
  type MembershipInvoiceRequest,
  type MembershipInvoiceState,
} from './open-membership-invoice.ts';
import { payInvoice } from './pay-invoice.ts';
import { throwForUnsettledPayment } from './payment-outcomes.ts';
import type { PaymentAndInvoice } from './record-payment.ts';
import { refundInvoice } from './refund-payment.ts';
import { resolvePayment, type ResolvedPayment } from './resolve-payment.ts';
import type { ClinicAddress, SalesContext, SalesDependencies, ServiceFee, ServiceFeeCatalog } from './sales-dependencies.ts';
import { settleFromGatewayEvent } from './settle-from-gateway-events.ts';
import { voidDeclinedEnrolmentInvoiceWithin } from './void-declined-enrolment.ts';
import { voidInvoice } from './void-invoice.ts';

/** Invoices, payments, refunds, fee and checkout invoices; per-clinic billing settings. One use case per file. */
export interface SalesService {
  settings: BillingSettingsService;

  // ── The appointments module's VisitBilling port, mostly inside its own transactions ────
  feeSettingsWithin: BillingSettingsService['feeSettingsWithin'];
  feeSettingsRead: BillingSettingsService['feeSettingsRead'];
  serviceFeesRead: ServiceFeeCatalog['serviceFeesRead'];
  serviceFeesWithin(tx: Transaction, practiceId: string, serviceIds: readonly string[]): Promise<Map<string, ServiceFee>>;
  currentPolicyWithin: BillingSettingsService['currentPolicyWithin'];
  /** One version of a clinic's cancellation policy (what a booking's card evidence names). */
  cancellationPolicyVersionWithin(
    tx: Transaction,
    practiceId: string,
    policyVersionId: string,
  ): Promise<CancellationPolicyRecord | undefined>;
  /** Every invoice of the appointments, oldest first (fee invoices and checkouts). */
  invoicesOfAppointmentsWithin(
    tx: Transaction,
    practiceId: string,
    appointmentIds: readonly string[],
  ): Promise<Map<string, InvoiceRecord[]>>;
  /** The appointment's latest cancellation or no-show fee with money received (what a fee receipt names). */
  latestChargedFeeWithin(
    tx: Transaction,
    practiceId: string,
    appointmentId: string,
  ): Promise<{ kind: 'cancellation_fee' | 'no_show_fee'; amountMinor: number; currency: string } | undefined>;
  /** Whether the staff member may refund (owners and admins; the front desk where the practice allows it). */
  mayRefundWithin(tx: Transaction, actor: StaffActor): Promise<boolean>;
  /** The fee invoice and its latest payment attempt, as the fee's outcome (replays). */
  feeOutcomeWithin(tx: Transaction, practiceId: string, invoiceId: string): Promise<FeeOutcome>;
  /** Opens an appointment's fee invoice and its card attempt in the caller's transaction; charge it after commit. */
  openFeeInvoiceWithin(
    tx: Transaction,
    actor: StaffActor | PatientBillingActor,
    request: FeeInvoiceRequest,
    meta: RequestMeta,
  ): Promise<OpenedInvoice>;
  /** Opens an appointment's checkout invoice in the caller's transaction; cash and zero totals are paid at once. */
  openCheckoutInvoiceWithin(tx: Transaction, actor: StaffActor, request: CheckoutInvoiceRequest, meta: RequestMeta): Promise<OpenedInvoice>;
  /** Saves a new card's token to the patient first (a gateway call, outside any transaction). */
  resolvePayment(actor: StaffActor, patientId: string, choice: PaymentChoice, meta: RequestMeta): Promise<ResolvedPayment>;
  /** Charges a pending card attempt at the gateway (between transactions) and records the outcome. */
  chargePayment(actor: BillingActor, practiceId: string, paymentId: string, meta: RequestMeta | undefined): Promise<PaymentAndInvoice>;
  /** Asks the gateway again, under the same key, about a pending attempt nobody is driving. */
  settleStalePayment(
    actor: BillingActor,
    practiceId: string,
    invoiceId: string,
    meta: RequestMeta | undefined,
  ): Promise<PaymentAndInvoice | undefined>;
  describeInvoice(actor: InvoiceViewer, invoiceId: string, audit?: { action: string; meta: RequestMeta }): Promise<InvoiceDetail>;
  throwForUnsettledPayment(invoice: InvoiceRecord, payment: PaymentRecord): void;

  // ── The memberships module's MembershipBilling port ───────────────────────────────────
  /** Opens a membership payment's invoice and card attempt in the caller's transaction; charge it after commit. */
  openMembershipInvoiceWithin(tx: Transaction, actor: BillingActor, request: MembershipInvoiceRequest): Promise<OpenedInvoice>;
  /** The next card attempt of an unpaid membership invoice (a retry after a decline, or a new card), under its own key. */
  retryMembershipInvoiceWithin(
    tx: Transaction,
    actor: BillingActor,
    practiceId: string,
    invoiceId: string,
    paymentMethodId: string,
    idempotencyKeyOfAttempt: (attempt: number) => string,
  ): Promise<PaymentRecord>;
  /** A billing batch's invoices and first card attempts of one practice, set-based, in the caller's transaction. */
  openMembershipInvoicesWithin(
    tx: Transaction,
    actor: BillingActor,
    practiceId: string,
    requests: readonly MembershipInvoiceRequest[],
  ): Promise<OpenedInvoice[]>;
  /** Charges a batch's pending attempts, `concurrency` at a time, and records their outcomes in one transaction. */
  chargeMembershipPayments(
    actor: BillingActor,
    practiceId: string,
    paymentIds: readonly string[],
    options: { concurrency: number },
  ): Promise<void>;
  /** Membership invoices with their payment attempts. */
  membershipInvoicesWithin(
    tx: Transaction,
    practiceId: string,
    invoiceIds: readonly string[],
  ): Promise<Map<string, MembershipInvoiceState>>;
  /** Voids the unpaid invoice of a declined enrolment. */
  /** Voids the unpaid invoice of a declined enrolment as staff or as the system (a patient's own enrolment). */
  voidDeclinedEnrolmentInvoiceWithin(
    tx: Transaction,
    actor: BillingActor,
    practiceId: string,
    invoiceId: string,
    reason: string,
  ): Promise<void>;

  // ── Sales tab use cases ───────────────────────────────────────────────────────────────
  listInvoices(
    actor: StaffActor,
    query: InvoiceFilter & { cursor?: string | undefined; limit: number },
    meta: RequestMeta,
  ): Promise<{ items: InvoiceListItem[]; nextCursor: string | null }>;
  getInvoice(actor: InvoiceViewer, invoiceId: string, meta: RequestMeta): Promise<InvoiceDetail>;
  /** What a printed receipt needs beyond the invoice: the practice and the clinic's address. */
  receiptOf(
    actor: InvoiceViewer,
    invoiceId: string,
    meta: RequestMeta,
  ): Promise<{ detail: InvoiceDetail; practiceName: string; clinic: ClinicAddress }>;
  payInvoice(
    actor: StaffActor | PatientBillingActor,
    invoiceId: string,
    input: { payment: PaymentChoice; amountCents?: number | undefined; currency?: string | undefined },
    requestKey: string | undefined,
    meta: RequestMeta,
  ): Promise<{ detail: InvoiceDetail; payment: PaymentRecord; replayed: boolean }>;
  refundInvoice(
    actor: StaffActor,
    invoiceId: string,
    input: RefundInvoiceRequest,
    requestKey: string | undefined,
    meta: RequestMeta,
  ): Promise<{ detail: InvoiceDetail; refund: RefundRecord; replayed: boolean }>;
  voidInvoice(actor: StaffActor, invoiceId: string, input: { reason: string }, meta: RequestMeta): Promise<InvoiceDetail>;

  // ── The portal's Payment History ──────────────────────────────────────────────────────
  /** Every invoice of the patient's active profile, newest first (audited). */
  listOwnInvoices(actor: PatientBillingActor, meta: RequestMeta): Promise<{ invoice: InvoiceRecord; clinicName: string | null }[]>;
  /** Invoices of the patient with a balance to pay, inside the caller's transaction (the dashboard's badge). */
  countUnpaidInvoicesWithin(tx: Transaction, practiceId: string, patientId: string): Promise<number>;
}

export function createSalesService(dependencies: SalesDependencies): SalesService {
  const { database, clock, billing, clinics, serviceFees } = dependencies;
  const settings = createBillingSettingsService({ database, clock, clinics });
  const deps: SalesContext = { ...dependencies, settings };
  billing.onGatewayEvent((event) => settleFromGatewayEvent(deps, event));

  return {
    settings,
    feeSettingsWithin: settings.feeSettingsWithin,
    feeSettingsRead: settings.feeSettingsRead,
    serviceFeesRead: (practiceId, serviceIds) => serviceFees.serviceFeesRead(practiceId, serviceIds),
    serviceFeesWithin: async (tx, practiceId, serviceIds) =>
      serviceIds.length === 0 ? new Map() : runRead(tx, serviceFees.serviceFeesRead(practiceId, serviceIds)),
    currentPolicyWithin: settings.currentPolicyWithin,
    cancellationPolicyVersionWithin: (tx, practiceId, policyVersionId) => findPolicyVersion(tx, practiceId, policyVersionId),
    invoicesOfAppointmentsWithin,
    latestChargedFeeWithin,
    mayRefundWithin: (tx, actor) => mayRefundWithin(deps, tx, actor),
    feeOutcomeWithin,
    openFeeInvoiceWithin: (tx, actor, request, meta) => openFeeInvoiceWithin(deps, tx, actor, request, meta),
    openCheckoutInvoiceWithin: (tx, actor, request, meta) => openCheckoutInvoiceWithin(deps, tx, actor, request, meta),
    resolvePayment: (actor, patientId, choice, meta) => resolvePayment(deps, actor, patientId, choice, meta),
    // The appointment book's own charges and replays: its checkout completes the visit itself.
    chargePayment: (actor, practiceId, paymentId, meta) => chargePayment(deps, actor, practiceId, paymentId, meta, 'by_checkout'),
    settleStalePayment: (actor, practiceId, invoiceId, meta) => settleStalePayment(deps, actor, practiceId, invoiceId, meta, 'by_checkout'),
    describeInvoice: (actor, invoiceId, audit) => describeInvoice(deps, actor, invoiceId, audit),
    throwForUnsettledPayment,
    openMembershipInvoiceWithin: (tx, actor, request) => openMembershipInvoiceWithin(deps, tx, actor, request),
    retryMembershipInvoiceWithin: (tx, actor, practiceId, invoiceId, paymentMethodId, keyOf) =>
      retryMembershipInvoiceWithin(deps, tx, actor, practiceId, invoiceId, paymentMethodId, keyOf),
    openMembershipInvoicesWithin: (tx, actor, practiceId, requests) => openMembershipInvoicesWithin(deps, tx, actor, practiceId, requests),
    chargeMembershipPayments: (actor, practiceId, paymentIds, options) =>
      chargeMembershipPayments(deps, actor, practiceId, paymentIds, options),
    membershipInvoicesWithin,
    voidDeclinedEnrolmentInvoiceWithin: (tx, actor, practiceId, invoiceId, reason) =>
      voidDeclinedEnrolmentInvoiceWithin(deps, tx, actor, practiceId, invoiceId, reason),
    listInvoices: (actor, query, meta) => listInvoices(deps, actor, query, meta),
    getInvoice: (actor, invoiceId, meta) => getInvoice(deps, actor, invoiceId, meta),
    receiptOf: (actor, invoiceId, meta) => receiptOf(deps, actor, invoiceId, meta),
    payInvoice: (actor, invoiceId, input, requestKey, meta) => payInvoice(deps, actor, invoiceId, input, requestKey, meta),
    refundInvoice: (actor, invoiceId, input, requestKey, meta) => refundInvoice(deps, actor, invoiceId, input, requestKey, meta),
    voidInvoice: (actor, invoiceId, input, meta) => voidInvoice(deps, actor, invoiceId, input, meta),
    listOwnInvoices: (actor, meta) => listOwnInvoices(deps, actor, meta),
    countUnpaidInvoicesWithin,
  };
}
