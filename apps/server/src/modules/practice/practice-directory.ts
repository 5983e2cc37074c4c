import type { ResourceKind } from '@glowdesk/contracts';
import type { Transaction } from '../../platform/database.ts';
import * as clinicRepository from './clinic-repository.ts';
import * as providerRepository from './provider-repository.ts';
import * as resourceRepository from './resource-repository.ts';
import * as serviceRepository from './service-repository.ts';

/** What a patient message or a clinic alert says about a clinic. */
export interface ClinicContact {
  id: string;
  name: string;
  /** IANA zone: every time in a message to its patients is shown in it. */
  timezone: string;
  phone: string | null;
  /** Street, city, region and postal code on one line; null when none is set. */
  address: string | null;
  /** Where alerts about patients' actions go (Settings → Clinics → Notification Email). */
  notificationEmail: string | null;
  smsNotificationPhone: string | null;
}

export function addressLine(clinic: clinicRepository.ClinicRecord): string | null {
  const regionAndCode = [clinic.region, clinic.postalCode].filter(Boolean).join(' ');
  const parts = [clinic.addressLine1, clinic.addressLine2, clinic.city, regionAndCode].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(', ') : null;
}

/**
 * Reads for other modules inside their own transaction (messages to patients, clinic
 * alerts, forms attached to services).
 */
export async function findClinicContactWithin(tx: Transaction, practiceId: string, clinicId: string): Promise<ClinicContact | undefined> {
  const clinic = await clinicRepository.findClinic(tx, practiceId, clinicId);
  if (!clinic) return undefined;
  return {
    id: clinic.id,
    name: clinic.name,
    timezone: clinic.timezone,
    phone: clinic.phone,
    address: addressLine(clinic),
    notificationEmail: clinic.notificationEmail,
    smsNotificationPhone: clinic.smsNotificationPhone,
  };
}

/** The provider's display name, or undefined when there is no such provider. */
export async function findProviderNameWithin(tx: Transaction, practiceId: string, providerId: string): Promise<string | undefined> {
  const [provider] = await providerRepository.findProviderSummariesByIds(tx, practiceId, [providerId]);
  return provider?.displayName;
}

/** The provider record a staff member signs in as, or null when they are not a provider. */
export async function findProviderIdOfStaffWithin(tx: Transaction, practiceId: string, staffId: string): Promise<string | null> {
  return (await providerRepository.findProviderIdOfStaff(tx, practiceId, staffId)) ?? null;
}

/** The services among `serviceIds` that exist, with their names and whether they are active. */
export async function findServiceNamesWithin(
  tx: Transaction,
  practiceId: string,
  serviceIds: readonly string[],
): Promise<{ id: string; name: string; active: boolean }[]> {
  return serviceRepository.findServiceNamesByIds(tx, practiceId, serviceIds);
}

/** A room or piece of equipment as another module records its use (a chart's laser device). */
export interface ResourceSummary {
  id: string;
  clinicId: string;
  name: string;
  kind: ResourceKind;
  active: boolean;
}

/** The resources among `resourceIds` that exist, by id. */
export async function findResourceSummariesWithin(
  tx: Transaction,
  practiceId: string,
  resourceIds: readonly string[],
): Promise<Map<string, ResourceSummary>> {
  const records = await resourceRepository.findResourcesByIds(tx, practiceId, [...new Set(resourceIds)]);
  return new Map(
    records.map((record) => [
      record.id,
      { id: record.id, clinicId: record.clinicId, name: record.name, kind: record.kind, active: record.active },
    ]),
  );
}
