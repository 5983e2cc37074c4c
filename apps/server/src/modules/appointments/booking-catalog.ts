import type { Read, Transaction } from '../../platform/database.ts';

/** What to book: services in order, or a package (its services in its order). */
export type ServiceChoice = { serviceIds: readonly string[]; packageId?: undefined } | { packageId: string; serviceIds?: undefined };

export interface CatalogService {
  serviceId: string;
  name: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  priceCents: number;
  currency: string;
  mode: 'in_person' | 'virtual' | 'both';
  /** Resources it needs at the clinic, one unit each. */
  resourceIds: string[];
}

export interface VisitCatalog {
  /** bookingHorizonDays: how many local days ahead of today the clinic takes bookings. */
  clinic: { id: string; name: string; timezone: string; bookingHorizonDays: number };
  provider: { id: string; displayName: string; virtualRoomUrl: string | null };
  packageId: string | null;
  services: CatalogService[];
  /** Active rooms and devices at the clinic the services need. */
  resources: Map<string, { name: string; quantity: number }>;
  /** The provider's working hours at the clinic, read with the catalog around the requested start. */
  workingHours: WorkingHours;
}

export interface WorkingHours {
  /**
   * True when the provider's working hours at the clinic cover [start, end) entirely;
   * undefined when [start, end) lies too far from the start the catalog was loaded for (ask
   * BookingCatalog.isProviderWorking then).
   */
  covers(start: Date, end: Date): boolean | undefined;
}

export interface ClinicSummary {
  id: string;
  name: string;
  timezone: string;
}

/**
 * What booking needs from practice setup, read in the booking's own transaction. The
 * practice module implements it; each method throws NotFoundError/ValidationError naming
 * the request field at fault (unknown or inactive clinic, provider not at the clinic or not
 * eligible, service not offered, virtual for an in-person-only service).
 */
export interface BookingCatalog {
  /** Everything a booking at `start` reads from setup, in one round trip, as a read that can travel with BEGIN. */
  visitCatalogRead(
    practiceId: string,
    request: { clinicId: string; providerId: string; choice: ServiceChoice; mode: 'in_person' | 'virtual'; start: Date },
  ): Read<VisitCatalog>;
  /** The same, run now in the caller's transaction. */
  loadVisitCatalog(
    tx: Transaction,
    practiceId: string,
    request: { clinicId: string; providerId: string; choice: ServiceChoice; mode: 'in_person' | 'virtual'; start: Date },
  ): Promise<VisitCatalog>;
  /** The clinic and the provider, for an out-of-office block (no services). */
  loadClinicAndProvider(
    tx: Transaction,
    practiceId: string,
    clinicId: string,
    providerId: string,
  ): Promise<Pick<VisitCatalog, 'clinic' | 'provider'>>;
  /** True when the provider's working hours at the clinic cover [start, end) entirely. */
  isProviderWorking(
    tx: Transaction,
    practiceId: string,
    request: { providerId: string; clinicId: string; start: Date; end: Date },
  ): Promise<boolean>;
  findClinics(tx: Transaction, practiceId: string, clinicIds: readonly string[]): Promise<Map<string, ClinicSummary>>;
  findProviderNames(tx: Transaction, practiceId: string, providerIds: readonly string[]): Promise<Map<string, string>>;
}
