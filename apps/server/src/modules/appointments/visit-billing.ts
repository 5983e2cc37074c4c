import type { FeeOutcome, PaymentChoice } from '@glowdesk/contracts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import type { Read, Transaction } from '../../platform/database.ts';
import type { ServiceFee } from './appointment-fees.ts';
import type {
  CheckoutInvoiceRequest,
  FeeInvoiceRequest,
  InvoiceDetail,
  InvoiceRecord,
  OpenedInvoice,
  PaymentRecord,
  ResolvedPayment,
} from '../sales/index.ts';

/** A clinic's cancellation window now (a card taken at booking keeps the window shown then). */
export interface ClinicCancellationWindow {
  cancellationWindowHours: number;
}

/**
 * Fees and checkout, as the appointment book needs them (implemented by the sales module,
 * which owns invoices, payments and the clinics' cancellation policies). The `…Within`
 * methods and `feeSettingsRead` run in the appointments module's own transaction, so a
 * cancel, no-show, reschedule or checkout and its invoice commit or roll back together;
 * the card is charged after that transaction commits (decision 007).
 */
export interface VisitBilling {
  /** The clinics' cancellation windows, read with a booking's BEGIN. */
  feeSettingsRead(practiceId: string, clinicIds: readonly string[]): Read<Map<string, ClinicCancellationWindow>>;
  feeSettingsWithin(tx: Transaction, practiceId: string, clinicIds: readonly string[]): Promise<Map<string, ClinicCancellationWindow>>;
  /** What the services charge for a late cancellation or a no-show (inactive services too), read with a booking's BEGIN. */
  serviceFeesRead(practiceId: string, serviceIds: readonly string[]): Read<Map<string, ServiceFee>>;
  serviceFeesWithin(tx: Transaction, practiceId: string, serviceIds: readonly string[]): Promise<Map<string, ServiceFee>>;
  /** One version of a clinic's cancellation policy: what a patient agreed to when their card was taken. */
  cancellationPolicyVersionWithin(
    tx: Transaction,
    practiceId: string,
    policyVersionId: string,
  ): Promise<{ id: string; version: number; text: string; windowHours: number } | undefined>;
  /** The clinic's cancellation policy shown when a card is taken (the card evidence names its version). */
  currentPolicyWithin(tx: Transaction, practiceId: string, clinicId: string): Promise<{ id: string; version: number; windowHours: number }>;
  /** Every invoice of the appointments, oldest first (fee invoices and checkouts). */
  invoicesOfAppointmentsWithin(
    tx: Transaction,
    practiceId: string,
    appointmentIds: readonly string[],
  ): Promise<Map<string, InvoiceRecord[]>>;
  /** Whether the staff member may refund (a restored no-show's notice says what they may do about its fee). */
  mayRefundWithin(tx: Transaction, actor: StaffActor): Promise<boolean>;
  /** Opens a cancellation or no-show fee's invoice and its card attempt, after the appointment changed. */
  openFeeInvoiceWithin(
    tx: Transaction,
    actor: StaffActor | PatientBillingActor,
    request: FeeInvoiceRequest,
    meta: RequestMeta,
  ): Promise<OpenedInvoice>;
  /** Opens a checkout's invoice; cash and zero totals are paid at once. */
  openCheckoutInvoiceWithin(tx: Transaction, actor: StaffActor, request: CheckoutInvoiceRequest, meta: RequestMeta): Promise<OpenedInvoice>;
  /** The fee invoice and its latest attempt, as the fee's outcome (replays). */
  feeOutcomeWithin(tx: Transaction, practiceId: string, invoiceId: string): Promise<FeeOutcome>;
  /** Saves a new card's token to the patient before a checkout's transaction (a gateway call). */
  resolvePayment(actor: StaffActor, patientId: string, choice: PaymentChoice, meta: RequestMeta): Promise<ResolvedPayment>;
  /** Charges a pending card attempt after the transaction that opened it committed; paid in full, a checkout completes its appointment. */
  chargePayment(
    actor: StaffActor | PatientBillingActor,
    practiceId: string,
    paymentId: string,
    meta: RequestMeta,
  ): Promise<{ invoice: InvoiceRecord; payment: PaymentRecord }>;
  /** Asks the gateway again, under the same key, about a pending attempt nobody is driving (replays). */
  settleStalePayment(actor: StaffActor, practiceId: string, invoiceId: string, meta: RequestMeta): Promise<unknown>;
  describeInvoice(actor: StaffActor, invoiceId: string, audit?: { action: string; meta: RequestMeta }): Promise<InvoiceDetail>;
  /** Throws the 402/503 a declined, failed or unanswered card attempt answers with. */
  throwForUnsettledPayment(invoice: InvoiceRecord, payment: PaymentRecord): void;
}
