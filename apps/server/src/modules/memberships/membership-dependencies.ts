import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import { auditActorFieldsOf, type BillingActor, type PaymentMethodRecord } from '../billing/index.ts';
import type { AuditEntry } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database, Transaction } from '../../platform/database.ts';
import type { PatientsService } from '../patients/index.ts';
import type { MembershipInvoiceRequest, MembershipInvoiceState, OpenedInvoice, PaymentRecord, ServiceFeeCatalog } from '../sales/index.ts';
import type { WalletLedger } from '../wallet/index.ts';

/**
 * What memberships need of sales (implemented by the sales service, wired in
 * `createCoreServices`): a membership payment is an invoice of kind `membership` and card
 * attempts on it, opened in the membership's own transaction and charged after it commits,
 * as the appointment book's fees are (docs/decisions/019, 030).
 */
export interface MembershipBilling {
  openMembershipInvoiceWithin(tx: Transaction, actor: BillingActor, request: MembershipInvoiceRequest): Promise<OpenedInvoice>;
  retryMembershipInvoiceWithin(
    tx: Transaction,
    actor: BillingActor,
    practiceId: string,
    invoiceId: string,
    paymentMethodId: string,
    idempotencyKeyOfAttempt: (attempt: number) => string,
  ): Promise<PaymentRecord>;
  /** Opens a billing batch's invoices and first attempts (one practice) with a handful of statements. */
  openMembershipInvoicesWithin(
    tx: Transaction,
    actor: BillingActor,
    practiceId: string,
    requests: readonly MembershipInvoiceRequest[],
  ): Promise<OpenedInvoice[]>;
  /** Charges a batch's pending attempts (between transactions), `concurrency` at a time, and records the outcomes on the invoices. */
  chargeMembershipPayments(
    actor: BillingActor,
    practiceId: string,
    paymentIds: readonly string[],
    options: { concurrency: number },
  ): Promise<void>;
  membershipInvoicesWithin(
    tx: Transaction,
    practiceId: string,
    invoiceIds: readonly string[],
  ): Promise<Map<string, MembershipInvoiceState>>;
  /** Voids a declined enrolment's unpaid invoice as staff or as the system (a patient's own enrolment has no staff member). */
  voidDeclinedEnrolmentInvoiceWithin(
    tx: Transaction,
    actor: BillingActor,
    practiceId: string,
    invoiceId: string,
    reason: string,
  ): Promise<void>;
  /** Charges a pending attempt at the gateway (between transactions) and records the outcome on the invoice. */
  chargePayment(actor: BillingActor, practiceId: string, paymentId: string, meta: RequestMeta | undefined): Promise<unknown>;
  /** Asks the gateway again, under the same key, about a pending attempt nobody is driving (a run that died mid-charge). */
  settleStalePayment(actor: BillingActor, practiceId: string, invoiceId: string, meta: RequestMeta | undefined): Promise<unknown>;
}

/** A clinic's name and time zone (the practice module's booking catalog). */
export interface MembershipClinics {
  findClinics(
    tx: Transaction,
    practiceId: string,
    clinicIds: readonly string[],
  ): Promise<Map<string, { id: string; name: string; timezone: string }>>;
}

/** Cards on file (the billing module). */
export interface MembershipCards {
  findPaymentMethodWithin(
    tx: Transaction,
    practiceId: string,
    patientId: string,
    paymentMethodId: string,
  ): Promise<PaymentMethodRecord | undefined>;
  /** Cards on file by id (removed ones left out); the caller checks each one's patient. */
  findPaymentMethodsWithin(
    tx: Transaction,
    practiceId: string,
    paymentMethodIds: readonly string[],
  ): Promise<Map<string, PaymentMethodRecord>>;
}

/** Signed agreements (the paperwork module): a plan's agreement is a consent template. */
export interface MembershipAgreements {
  /**
   * The template's kind and whether its current version needs a witness's signature; undefined
   * when it is not the practice's. Holds a share lock on the template until the transaction
   * ends, so a concurrent edit that adds a witness requirement waits and then sees the plan.
   */
  findAgreementTemplateWithin(
    tx: Transaction,
    practiceId: string,
    templateId: string,
  ): Promise<{ isConsent: boolean; requiresWitnessSignature: boolean } | undefined>;
  /** The assignment's patient, template and status, or undefined. */
  findConsentAssignmentWithin(
    tx: Transaction,
    practiceId: string,
    assignmentId: string,
  ): Promise<{ patientId: string; templateId: string; signed: boolean } | undefined>;
  /** The client's copies of the template signed (or to sign) outside any visit, newest first. */
  listAgreementsWithin(tx: Transaction, practiceId: string, patientId: string, templateId: string): Promise<MembershipAgreementRecord[]>;
  /** Assigns the template's current version to the client, or returns the unsigned copy already waiting. */
  openAgreementWithin(
    tx: Transaction,
    practiceId: string,
    request: { patientId: string; templateId: string; actorStaffId: string | null; now: Date },
  ): Promise<MembershipAgreementRecord>;
  /** Records the client's drawn signature and the signed PDF; 404 when not this client's copy, 409 once signed. */
  signAgreementWithin(
    tx: Transaction,
    practiceId: string,
    request: {
      assignmentId: string;
      patientId: string;
      signature: string;
      typedName: string;
      ip: string | null;
      userAgent: string | null;
      actorStaffId: string | null;
      occasion: { clinicName: string; timezone: string; appointmentStartsAt: Date | null; services: readonly string[]; signedFor?: string };
      now: Date;
    },
  ): Promise<MembershipAgreementRecord>;
}

/** A client's copy of a plan's agreement (a consent assigned with no visit), as the paperwork module keeps it. */
export interface MembershipAgreementRecord {
  assignmentId: string;
  templateVersion: number;
  name: string;
  body: string;
  format: 'plain' | 'markdown';
  status: 'not_signed' | 'witness_signature_required' | 'signed';
  requiresWitnessSignature: boolean;
  assignedAt: Date;
  signedAt: Date | null;
  signerName: string | null;
}

/** The client wallet (the wallet module): what a paid period grants lands there. */
export type MembershipWallet = Pick<WalletLedger, 'grantMembershipPerksWithin'>;

export interface MembershipsDependencies {
  database: Database;
  clock: Clock;
  patients: Pick<PatientsService, 'findPatientSummariesWithin'>;
  clinics: MembershipClinics;
  cards: MembershipCards;
  sales: MembershipBilling;
  agreements: MembershipAgreements;
  wallet: MembershipWallet;
  /** The practice's services (the booking catalog), which a plan's perks name. */
  services: Pick<ServiceFeeCatalog, 'serviceFeesRead'>;
  /** The patient portal's address for the practice (undefined without a public address), for links in members' emails. */
  portalLinks: (tx: Transaction, practiceId: string) => Promise<string | undefined>;
}

/** Who the billing run acts as in invoice histories and the audit trail. */
export const BILLING_RUN_ACTOR: BillingActor = { kind: 'system', label: 'Membership billing' };

/** Who voids the invoice of a patient's own declined enrolment (no staff member took part). */
export const ENROLMENT_VOID_ACTOR: BillingActor = { kind: 'system', label: 'Membership enrolment' };

/** Why a declined enrolment's invoice was voided, as its history says. */
export const DECLINED_ENROLMENT_REASON = 'The first membership payment was declined; nothing was enrolled.';

export function membershipAudit(
  practiceId: string,
  actor: BillingActor,
  meta: RequestMeta | undefined,
  action: string,
  membershipId: string | null,
  details: Record<string, unknown>,
): AuditEntry {
  return {
    practiceId,
    ...auditActorFieldsOf(actor),
    action,
    objectType: 'membership',
    objectId: membershipId,
    ip: meta?.ip ?? null,
    requestId: meta?.requestId ?? null,
    details,
  };
}
