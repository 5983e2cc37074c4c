import type { BillingSettingsService } from './billing-settings-service.ts';
import { type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Database, type Read, type Transaction } from '../../platform/database.ts';
import type { BillingActor, BillingService } from '../billing/index.ts';
import type { PatientsService } from '../patients/index.ts';
import type { WalletLedger } from '../wallet/index.ts';
import { type ClinicNames } from './billing-settings-service.ts';

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
 * What Sales needs of the appointment book (implemented by the appointments module's
 * `createAppointmentInvoiceLink`, wired in `createCoreServices`).
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

/** What a service charges when its appointment is cancelled late or missed. */
export interface ServiceFee {
  currency: string;
  cancellationFeeCents: number;
  noShowFeeCents: number;
}

/**
 * The services' fee amounts, kept with the services in practice setup (implemented by the
 * practice module's `createServiceFeeCatalog`, wired in `createCoreServices`). Sales answers
 * the appointment book's questions about fees with it (VisitBilling), so the book never
 * reads fee amounts from setup itself.
 */
export interface ServiceFeeCatalog {
  /** Services' fees (inactive services too), as a read that can travel with BEGIN. */
  serviceFeesRead(practiceId: string, serviceIds: readonly string[]): Read<Map<string, ServiceFee>>;
}

export interface SalesDependencies {
  database: Database;
  clock: Clock;
  billing: BillingService;
  patients: PatientsService;
  /** Clinic names inside a transaction (the practice module's booking catalog). */
  clinics: ClinicNames;
  /** Clinic addresses for receipts (the practice module's clinics service). */
  clinicDetails: { get(actor: Pick<StaffActor, 'practiceId'>, clinicId: string): Promise<ClinicAddress> };
  /** The practice's name on a patient's receipt (the identity module's practice settings). */
  practices: { findPracticeSettingsOf(practiceId: string): Promise<{ name: string } | undefined> };
  /** Staff names and the practice's name (the identity service). */
  staffDirectory: {
    listStaff(actor: StaffActor): Promise<{ id: string; displayName: string }[]>;
    describeSession(actor: StaffActor): Promise<{ practice: { name: string } }>;
  };
  /** The services' cancellation and no-show fee amounts (the practice module's). */
  serviceFees: ServiceFeeCatalog;
  /** Describes an invoice's appointment, and completes a checked-out one when its invoice is paid. */
  appointments: AppointmentLink;
  /** The client wallet's ledger: wallet payments, prepaid units, what invoices sell into it (the wallet module). */
  wallet: WalletLedger;
  /** A patient's member prices at checkout (the memberships module). */
  memberDiscounts: MemberDiscountSource;
}

/** A membership's percent off the plan's chosen services and products (lower-cased names). */
export interface MemberDiscountRule {
  planName: string;
  percent: number;
  serviceIds: readonly string[];
  productNames: readonly string[];
}

export interface MemberDiscountSource {
  /** The discounts the patient's memberships give today (none for a member On Hold, Suspended or Cancelled). */
  memberDiscountsWithin(tx: Transaction, practiceId: string, patientId: string): Promise<MemberDiscountRule[]>;
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

/** The dependencies and what the service builds from them, as every use case of the module receives them. */
export interface SalesContext extends SalesDependencies {
  settings: BillingSettingsService;
}
