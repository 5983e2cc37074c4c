import type { Clock } from '../../platform/clock.ts';
import { type Database, type Read, type Transaction } from '../../platform/database.ts';
import type { IdentityService } from '../identity/index.ts';
import type { PatientsService } from '../patients/index.ts';
import type { BookingCatalog } from './booking-catalog.ts';
import { type BookingObserver } from './booking-observers.ts';
import type { StaffScopeSources } from './provider-scope.ts';
import type { VisitBilling } from './visit-billing.ts';

/** A card on file of a patient, read in the caller's transaction (the billing module). */
export interface CardDirectory {
  findPaymentMethodWithin(
    tx: Transaction,
    practiceId: string,
    patientId: string,
    paymentMethodId: string,
  ): Promise<{ id: string; brand: string; last4: string } | undefined>;
}

/** How many forms each appointment still waits for, read in the caller's transaction (the paperwork module). */
export interface PaperworkStatusSource {
  countOutstandingFormsWithin(tx: Transaction, practiceId: string, appointmentIds: readonly string[]): Promise<Map<string, number>>;
}

/** A membership tier as the book shows it beside a patient's name. */
export interface MemberTier {
  name: string;
  color: string | null;
}

/** The tiers of each patient's memberships whose perks hold today, read in one query (the memberships module). */
export interface MemberTierSource {
  memberTiersWithin(tx: Transaction, practiceId: string, patientIds: readonly string[]): Promise<Map<string, MemberTier[]>>;
  /** The same as a read that travels with a booking's BEGIN. */
  memberTiersRead(practiceId: string, patientIds: readonly string[]): Read<Map<string, MemberTier[]>>;
}

export interface AppointmentDependencies {
  database: Database;
  clock: Clock;
  catalog: BookingCatalog;
  patients: PatientsService;
  identity: IdentityService;
  /** The practice's provider setting and the staff member's provider record: who may change which appointments. */
  staffScope: StaffScopeSources;
  /** Cards on file (the billing module). */
  cards: CardDirectory;
  /** Invoices, fees, checkout and cancellation policies (the sales module). */
  billing: VisitBilling;
  /** Other modules' reactions to bookings (paperwork, reminders), run in the booking's transaction. */
  bookingObservers: readonly BookingObserver[];
  /** Forms outstanding per appointment, shown on the book's cards. */
  paperworkStatus: PaperworkStatusSource;
  /** Membership tiers per patient, shown on the book's cards and in the appointment drawer. */
  memberTiers: MemberTierSource;
}

/** What every use case of the module receives. */
export type AppointmentContext = AppointmentDependencies;
