import type { BookingCatalog } from '@glowdesk/contracts';
import type { Database } from '../../platform/database.ts';
import { NotFoundError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import { readOnlineBookingCatalogWithin } from '../practice/index.ts';
import type { CancellationPolicies } from './online-booking-ports.ts';
import { findPortalPractice, type PortalPracticeDirectory } from './portal-practice.ts';

/**
 * The online booking page's catalog at a portal address (no sign-in): the practice, its
 * active clinics with their current cancellation policy, the services bookable online,
 * the packages made only of them, and the providers who perform them. 404 for an unknown
 * address.
 */
export async function readBookingCatalog(
  deps: { database: Database; practices: PortalPracticeDirectory; cancellationPolicies: CancellationPolicies },
  slug: string,
): Promise<BookingCatalog> {
  const practice = await findPortalPractice(deps.practices, slug);
  if (!practice.slug) throw new NotFoundError('Practice', 'slug');
  const practiceSlug = practice.slug;
  return inPractice(deps.database, practice.id, async (tx) => {
    const catalog = await readOnlineBookingCatalogWithin(tx, practice.id);
    const cancellationPolicies = [];
    for (const clinic of catalog.clinics) {
      const policy = await deps.cancellationPolicies.currentPolicyWithin(tx, practice.id, clinic.id);
      cancellationPolicies.push({
        clinicId: clinic.id,
        policyVersionId: policy.id,
        text: policy.text,
        cancellationWindowHours: policy.windowHours,
      });
    }
    return {
      practice: { name: practice.name, slug: practiceSlug, timezone: practice.timezone },
      ...catalog,
      cancellationPolicies,
    };
  });
}
