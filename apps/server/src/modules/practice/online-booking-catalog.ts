import type { Transaction } from '../../platform/database.ts';
import { ValidationError } from '../../platform/errors.ts';
import * as clinicRepository from './clinic-repository.ts';
import * as packageRepository from './package-repository.ts';
import { addressLine } from './practice-directory.ts';
import * as providerRepository from './provider-repository.ts';
import * as serviceRepository from './service-repository.ts';

type VisitMode = 'in_person' | 'virtual';

/** What the online booking page may offer, read in the caller's transaction. */
export interface OnlineBookingCatalog {
  clinics: { id: string; name: string; timezone: string; address: string | null }[];
  services: {
    id: string;
    name: string;
    description: string | null;
    category: string | null;
    durationMinutes: number;
    priceCents: number;
    currency: string;
    modes: VisitMode[];
    clinicIds: string[];
    requiresCard: boolean;
  }[];
  packages: {
    id: string;
    name: string;
    description: string | null;
    serviceIds: string[];
    durationMinutes: number;
    priceCents: number;
    currency: string;
    clinicIds: string[];
    requiresCard: boolean;
  }[];
  providers: { id: string; displayName: string; title: string | null; clinicIds: string[]; serviceIds: string[] }[];
}

function modesOf(mode: 'in_person' | 'virtual' | 'both'): VisitMode[] {
  return mode === 'both' ? ['in_person', 'virtual'] : [mode];
}

/**
 * The practice's online booking catalog: active services marked bookable online at active
 * clinics, active packages whose services all are (offered at the clinics that offer every
 * one of them), and active providers at active clinics with the online services they
 * perform. Deactivated or staff-only entries never appear.
 */
export async function readOnlineBookingCatalogWithin(tx: Transaction, practiceId: string): Promise<OnlineBookingCatalog> {
  const clinics = await clinicRepository.listClinics(tx, practiceId, { active: true });
  const activeClinicIds = new Set(clinics.map((clinic) => clinic.id));
  const services = (await serviceRepository.listServices(tx, practiceId, { active: true, bookableOnline: true }))
    .map((service) => ({ ...service, clinicIds: service.clinicIds.filter((clinicId) => activeClinicIds.has(clinicId)) }))
    .filter((service) => service.clinicIds.length > 0);
  const servicesById = new Map(services.map((service) => [service.id, service]));
  const packages = (await packageRepository.listServicePackages(tx, practiceId, { active: true }))
    .filter((servicePackage) => servicePackage.serviceIds.length > 0 && servicePackage.serviceIds.every((id) => servicesById.has(id)))
    .map((servicePackage) => {
      const members = servicePackage.serviceIds.map((id) => servicesById.get(id)).filter((service) => service !== undefined);
      const clinicIds = [...activeClinicIds].filter((clinicId) => members.every((service) => service.clinicIds.includes(clinicId)));
      return {
        id: servicePackage.id,
        name: servicePackage.name,
        description: servicePackage.description,
        serviceIds: servicePackage.serviceIds,
        durationMinutes: members.reduce((total, service) => total + service.durationMinutes, 0),
        priceCents: servicePackage.priceCents,
        currency: servicePackage.currency,
        clinicIds,
        requiresCard: members.some((service) => service.requiresCardForOnlineBooking),
      };
    })
    .filter((servicePackage) => servicePackage.clinicIds.length > 0);
  const providers = (await providerRepository.listProviders(tx, practiceId, { active: true }))
    .map((provider) => ({
      id: provider.id,
      displayName: provider.displayName,
      title: provider.title,
      clinicIds: provider.clinicIds.filter((clinicId) => activeClinicIds.has(clinicId)),
      serviceIds: provider.serviceIds.filter((serviceId) => servicesById.has(serviceId)),
    }))
    .filter((provider) => provider.clinicIds.length > 0 && provider.serviceIds.length > 0);
  return {
    clinics: clinics.map((clinic) => ({ id: clinic.id, name: clinic.name, timezone: clinic.timezone, address: addressLine(clinic) })),
    services: services.map((service) => ({
      id: service.id,
      name: service.name,
      description: service.description,
      category: service.category,
      durationMinutes: service.durationMinutes,
      priceCents: service.priceCents,
      currency: service.currency,
      modes: modesOf(service.mode),
      clinicIds: service.clinicIds,
      requiresCard: service.requiresCardForOnlineBooking,
    })),
    packages,
    providers,
  };
}

/**
 * Refuses a selection the booking page may not book (400 naming `serviceIds[i]`, or
 * `packageId` for a package holding such a service): a service not marked bookable online.
 * Unknown services and packages are left to the search or booking, which answer 404.
 * Returns whether any of the services requires a card on file to book online.
 */
export async function checkOnlineSelectionWithin(
  tx: Transaction,
  practiceId: string,
  selection: { serviceIds: readonly string[]; packageId?: undefined } | { packageId: string; serviceIds?: undefined },
): Promise<{ requiresCard: boolean }> {
  const servicePackage =
    selection.packageId === undefined ? undefined : await packageRepository.findServicePackage(tx, practiceId, selection.packageId);
  const serviceIds = selection.packageId === undefined ? selection.serviceIds : (servicePackage?.serviceIds ?? []);
  const rows = await serviceRepository.findOnlineBookingFlags(tx, practiceId, [...new Set(serviceIds)]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const problems = serviceIds.flatMap((serviceId, index) =>
    byId.get(serviceId)?.bookableOnline === false
      ? [
          {
            field: selection.packageId === undefined ? `serviceIds[${index}]` : 'packageId',
            message: `Service ${serviceId} cannot be booked online.`,
            code: 'not_bookable_online',
          },
        ]
      : [],
  );
  if (problems.length > 0) {
    const offending = [...new Set(serviceIds.filter((serviceId) => byId.get(serviceId)?.bookableOnline === false))];
    throw new ValidationError(
      `${offending.length === 1 ? 'This service is' : 'These services are'} not bookable online: ${offending.join(', ')}. Call the clinic to book ${offending.length === 1 ? 'it' : 'them'}.`,
      { field: selection.packageId === undefined ? 'serviceIds' : 'packageId', code: 'not_bookable_online', problems },
    );
  }
  return { requiresCard: rows.some((row) => row.bookableOnline && row.requiresCardForOnlineBooking) };
}
