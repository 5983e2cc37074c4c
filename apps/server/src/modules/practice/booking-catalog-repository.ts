import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import type { ServiceMode } from '@glowdesk/contracts';
import { providerClinics, providers, resources, services } from './practice-tables.ts';

/** A requested service with what booking it at one clinic needs, in one query. */
export interface BookingServiceRow {
  id: string;
  name: string;
  active: boolean;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  priceCents: number;
  currency: string;
  mode: ServiceMode;
  offeredAtClinic: boolean;
  resourceIds: string[];
  performedByProvider: boolean;
}

export async function findServicesForBooking(
  tx: Transaction,
  practiceId: string,
  clinicId: string,
  providerId: string,
  serviceIds: readonly string[],
): Promise<BookingServiceRow[]> {
  if (serviceIds.length === 0) return [];
  return tx
    .select({
      id: services.id,
      name: services.name,
      active: services.active,
      durationMinutes: services.durationMinutes,
      bufferBeforeMinutes: services.bufferBeforeMinutes,
      bufferAfterMinutes: services.bufferAfterMinutes,
      priceCents: services.priceCents,
      currency: services.currency,
      mode: services.mode,
      offeredAtClinic: sql<boolean>`exists (select 1 from service_clinics sc where sc.practice_id = ${services.practiceId} and sc.service_id = ${services.id} and sc.clinic_id = ${clinicId})`,
      resourceIds: sql<
        string[]
      >`array(select sr.resource_id::text from service_resources sr where sr.practice_id = ${services.practiceId} and sr.service_id = ${services.id} and sr.clinic_id = ${clinicId} order by sr.resource_id)`,
      performedByProvider: sql<boolean>`exists (select 1 from provider_services ps where ps.practice_id = ${services.practiceId} and ps.service_id = ${services.id} and ps.provider_id = ${providerId})`,
    })
    .from(services)
    .where(and(eq(services.practiceId, practiceId), inArray(services.id, [...serviceIds])));
}

export interface BookingProviderRow {
  id: string;
  displayName: string;
  active: boolean;
  virtualRoomUrl: string | null;
  worksAtClinic: boolean;
}

export async function findProviderForBooking(
  tx: Transaction,
  practiceId: string,
  providerId: string,
  clinicId: string,
): Promise<BookingProviderRow | undefined> {
  const [row] = await tx
    .select({
      id: providers.id,
      displayName: providers.displayName,
      active: providers.active,
      virtualRoomUrl: providers.virtualRoomUrl,
      worksAtClinic: sql<boolean>`exists (select 1 from ${providerClinics} pc where pc.practice_id = ${providers.practiceId} and pc.provider_id = ${providers.id} and pc.clinic_id = ${clinicId})`,
    })
    .from(providers)
    .where(and(eq(providers.practiceId, practiceId), eq(providers.id, providerId)));
  return row;
}

export async function findResourcesByIds(
  tx: Transaction,
  practiceId: string,
  resourceIds: readonly string[],
): Promise<{ id: string; name: string; quantity: number; active: boolean }[]> {
  if (resourceIds.length === 0) return [];
  return tx
    .select({ id: resources.id, name: resources.name, quantity: resources.quantity, active: resources.active })
    .from(resources)
    .where(and(eq(resources.practiceId, practiceId), inArray(resources.id, [...resourceIds])));
}

export async function findProviderNames(
  tx: Transaction,
  practiceId: string,
  providerIds: readonly string[],
): Promise<{ id: string; displayName: string }[]> {
  if (providerIds.length === 0) return [];
  return tx
    .select({ id: providers.id, displayName: providers.displayName })
    .from(providers)
    .where(and(eq(providers.practiceId, practiceId), inArray(providers.id, [...providerIds])));
}
