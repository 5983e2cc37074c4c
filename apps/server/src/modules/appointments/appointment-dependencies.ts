import type { StaffActor } from '../../platform/auth/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Database, type Transaction } from '../../platform/database.ts';
import type { IdentityService } from '../identity/index.ts';
import type { PatientsService } from '../patients/index.ts';
import { type SalesService } from '../sales/index.ts';
import { type ServiceFee } from './appointment-fees.ts';
import type { BookingCatalog } from './booking-catalog.ts';
import { type BookingObserver } from './booking-observers.ts';
import type { StaffScopeSources } from './provider-scope.ts';

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

/** The service catalog's fees, read outside transactions (the practice module's catalog service). */
export interface ServiceFeeCatalog {
  listServices(actor: StaffActor, filter: { active?: boolean }): Promise<({ id: string } & ServiceFee)[]>;
}

export interface AppointmentDependencies {
  database: Database;
  clock: Clock;
  catalog: BookingCatalog;
  patients: PatientsService;
  identity: IdentityService;
  /** The practice's provider setting and the staff member's provider record: who may change which appointments. */
  staffScope: StaffScopeSources;
  /**
   * Cards on file (billing), invoices (sales) and the services' fees (practice). Without
   * them (a bare booking service, as the demo's back-dated one) bookings carry no card
   * evidence and no fee or checkout can be taken.
   */
  cards?: CardDirectory;
  sales?: SalesService;
  serviceFees?: ServiceFeeCatalog;
  /** Other modules' reactions to bookings (paperwork, reminders), run in the booking's transaction. */
  bookingObservers?: readonly BookingObserver[];
  /** Forms outstanding per appointment, shown on the book's cards; without it the list leaves them out. */
  paperworkStatus?: PaperworkStatusSource;
}

/** The dependencies with their defaults, as every use case of the module receives them. */
export interface AppointmentContext extends AppointmentDependencies {
  bookingObservers: readonly BookingObserver[];
}
