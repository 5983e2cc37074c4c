import type { Availability } from '@glowdesk/contracts';
import type { Database } from '../../platform/database.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { checkOnlineSelectionWithin, type PracticeService } from '../practice/index.ts';
import { findPortalPractice, type PortalPracticeDirectory } from './portal-practice.ts';

export interface OnlineAvailabilityQuery {
  clinicId: string;
  serviceIds?: string[] | undefined;
  packageId?: string | undefined;
  providerId?: string | undefined;
  mode?: 'in_person' | 'virtual' | undefined;
  from: string;
  to: string;
}

/**
 * The booking page's open times: the staff availability search (same query, same answer)
 * for services bookable online only; a service that is not is a 400 naming it
 * (`serviceIds[i]`, or `packageId`). 404 for an unknown address.
 */
export async function searchOnlineAvailability(
  deps: { database: Database; practices: PortalPracticeDirectory; availability: Pick<PracticeService['availability'], 'searchOpenSlots'> },
  slug: string,
  query: OnlineAvailabilityQuery,
): Promise<Availability> {
  const practice = await findPortalPractice(deps.practices, slug);
  const selection = query.packageId !== undefined ? { packageId: query.packageId } : { serviceIds: query.serviceIds ?? [] };
  await inPractice(deps.database, practice.id, (tx) => checkOnlineSelectionWithin(tx, practice.id, selection));
  const result = await deps.availability.searchOpenSlots(
    { practiceId: practice.id },
    {
      ...selection,
      clinicId: query.clinicId,
      providerId: query.providerId,
      mode: query.mode,
      from: new Date(query.from),
      to: new Date(query.to),
    },
  );
  return {
    clinicId: result.clinic.id,
    timezone: result.clinic.timezone,
    serviceIds: result.serviceIds,
    mode: result.mode,
    slots: result.slots.map((slot) => ({
      start: new Date(slot.start).toISOString(),
      end: new Date(slot.end).toISOString(),
      providerIds: slot.providerIds,
      resourceIds: slot.resourceIds,
    })),
  };
}
