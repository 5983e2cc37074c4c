import type { OpenSlot, VisitMode } from '@glowdesk/contracts';
import type { BookableClinic, BookableProvider, BookableService, BookingCatalog } from './api/booking-catalog.ts';

/** What the patient books: one or more services, or one package. */
export type Treatment = { kind: 'services'; serviceIds: string[] } | { kind: 'package'; packageId: string };

/** What the chosen treatment adds up to, for the summary lines. */
export interface TreatmentSummary {
  names: string[];
  durationMinutes: number;
  /** Null when any part has no listed price. */
  priceCents: number | null;
  currency: string;
  /** The services the visit covers (a package's own). */
  serviceIds: string[];
  requiresCard: boolean;
  mode: VisitMode;
}

export function clinicsOffering(catalog: BookingCatalog): BookableClinic[] {
  return catalog.clinics.filter(
    (clinic) =>
      catalog.services.some((service) => service.clinicIds.includes(clinic.id)) ||
      catalog.packages.some((bookable) => bookable.clinicIds.includes(clinic.id)),
  );
}

/** A package or a set of services, as the patient sees it; undefined when it names nothing the catalog has. */
export function summarizeTreatment(catalog: BookingCatalog, treatment: Treatment): TreatmentSummary | undefined {
  const servicesById = new Map(catalog.services.map((service) => [service.id, service]));
  if (treatment.kind === 'package') {
    const bookable = catalog.packages.find((candidate) => candidate.id === treatment.packageId);
    if (!bookable) return undefined;
    const parts = bookable.serviceIds.map((id) => servicesById.get(id)).filter((service): service is BookableService => !!service);
    return {
      names: [bookable.name],
      durationMinutes: bookable.durationMinutes,
      priceCents: bookable.priceCents,
      currency: bookable.currency,
      serviceIds: bookable.serviceIds,
      requiresCard: bookable.requiresCard || parts.some((service) => service.requiresCard),
      mode: visitModeFor(parts),
    };
  }
  const services = treatment.serviceIds.map((id) => servicesById.get(id)).filter((service): service is BookableService => !!service);
  if (services.length === 0 || services.length !== treatment.serviceIds.length) return undefined;
  return {
    names: services.map((service) => service.name),
    durationMinutes: services.reduce((total, service) => total + service.durationMinutes, 0),
    priceCents: services.every((service) => service.priceCents !== null)
      ? services.reduce((total, service) => total + (service.priceCents ?? 0), 0)
      : null,
    currency: services[0]?.currency ?? 'USD',
    serviceIds: services.map((service) => service.id),
    requiresCard: services.some((service) => service.requiresCard),
    mode: visitModeFor(services),
  };
}

/** In person whenever every service can be done in person (the clinic's own booking default); virtual only for virtual-only visits. */
export function visitModeFor(services: Pick<BookableService, 'modes'>[]): VisitMode {
  return services.length > 0 && services.every((service) => !service.modes.includes('in_person')) ? 'virtual' : 'in_person';
}

/** Providers at the clinic who perform every service of the visit. */
export function providersFor(catalog: BookingCatalog, clinicId: string, serviceIds: string[]): BookableProvider[] {
  return catalog.providers.filter(
    (provider) => provider.clinicIds.includes(clinicId) && serviceIds.every((serviceId) => provider.serviceIds.includes(serviceId)),
  );
}

/** "45 min", "1 h", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The clinic-local date (YYYY-MM-DD) of an instant. */
export function localDateOf(instant: string | number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
}

export interface BookingDay {
  /** Clinic-local date, YYYY-MM-DD. */
  localDate: string;
  weekday: string;
  dayOfMonth: string;
  /** "Tuesday, December 8". */
  label: string;
  slots: OpenSlot[];
}

/**
 * The seven clinic-local days from `fromMs` on, each with its open slots in time order. Days
 * are stepped at noon UTC of each local date, so a daylight-saving change never skips or
 * repeats one.
 */
export function bookingWeek(fromMs: number, slots: OpenSlot[], timeZone: string): BookingDay[] {
  const first = localDateOf(fromMs, timeZone);
  const byDate = new Map<string, OpenSlot[]>();
  for (const slot of [...slots].sort((a, b) => a.start.localeCompare(b.start))) {
    const date = localDateOf(slot.start, timeZone);
    byDate.set(date, [...(byDate.get(date) ?? []), slot]);
  }
  const noon = Date.parse(`${first}T12:00:00Z`);
  const label = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'long', month: 'long', day: 'numeric' });
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', weekday: 'short' });
  return Array.from({ length: 7 }, (_, index) => {
    const moment = new Date(noon + index * 86_400_000);
    const localDate = moment.toISOString().slice(0, 10);
    return {
      localDate,
      weekday: weekday.format(moment),
      dayOfMonth: String(moment.getUTCDate()),
      label: label.format(moment),
      slots: byDate.get(localDate) ?? [],
    };
  });
}
