import type { ServiceMode } from '@glowdesk/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import { providerClinics, providers, services } from './practice-tables.ts';
import type { ProviderSummary } from './provider-repository.ts';

/** A requested service as a search at one clinic needs it. */
export interface BookableServiceRow {
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
  /** Resources it needs at this clinic. */
  resourceIds: string[];
  /** Everyone who performs it, at any clinic. */
  providerIds: string[];
}

/** The requested services with what they need at the clinic, in one query. */
export async function findServicesForSearch(
  tx: Transaction,
  practiceId: string,
  clinicId: string,
  serviceIds: readonly string[],
): Promise<BookableServiceRow[]> {
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
      providerIds: sql<
        string[]
      >`array(select ps.provider_id::text from provider_services ps where ps.practice_id = ${services.practiceId} and ps.service_id = ${services.id})`,
    })
    .from(services)
    .where(and(eq(services.practiceId, practiceId), inArray(services.id, [...serviceIds])));
}

/** Active providers who work at the clinic, in the order the appointment book shows them. */
export async function listActiveProvidersAtClinic(tx: Transaction, practiceId: string, clinicId: string): Promise<ProviderSummary[]> {
  return tx
    .select({ id: providers.id, displayName: providers.displayName, title: providers.title, color: providers.color })
    .from(providers)
    .innerJoin(providerClinics, and(eq(providerClinics.practiceId, providers.practiceId), eq(providerClinics.providerId, providers.id)))
    .where(and(eq(providers.practiceId, practiceId), eq(providerClinics.clinicId, clinicId), eq(providers.active, true)))
    .orderBy(asc(providers.displayName), asc(providers.id));
}
