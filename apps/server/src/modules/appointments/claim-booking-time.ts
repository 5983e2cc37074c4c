import { constraintOf, sqlStateOf, type Transaction } from '../../platform/database.ts';
import { ConflictError } from '../../platform/errors.ts';
import type { AppointmentServiceRecord } from './appointments-repository.ts';
import type { BookingConflict } from './booking-insert-repository.ts';
import * as repository from './appointments-repository.ts';
import type { VisitCatalog } from './booking-catalog.ts';
import { type BookingTimeline } from './booking-timeline.ts';
import { describeLocalTime } from './clinic-local-time.ts';

export interface ConflictDetail {
  appointmentId: string;
  start: string;
  end: string;
  on: 'provider' | 'resource';
  resourceId?: string;
}

/** What a booking holds: the provider's span and one unit per resource per service. */
export interface Claim {
  providerId: string;
  providerStart: Date;
  providerEnd: Date;
  exclusive: boolean;
  resources: { position: number; resourceId: string; start: Date; end: Date }[];
}

/** A resource unit a booking holds for one of its services. */
type ResourceUnitClaim = Claim['resources'][number] & { unit: number };

/**
 * Lost to another booking: an exclusion constraint refused the claim, or two bookings each
 * waited on the other's claims (a provider's and a room's) until PostgreSQL broke the
 * deadlock. Either way the transaction rolled back and running it again sees the winner.
 */
function isBookingRace(error: unknown): boolean {
  const state = sqlStateOf(error);
  if (state === '40P01') return true;
  const constraint = constraintOf(error);
  return state === '23P01' && (constraint === 'provider_claims_no_overlap' || constraint === 'resource_claims_no_overlap');
}

async function describeConflicts(
  tx: Transaction,
  practiceId: string,
  conflicts: { appointmentId: string; on: 'provider' | 'resource'; resourceId?: string }[],
): Promise<ConflictDetail[]> {
  const details: ConflictDetail[] = [];
  for (const conflict of conflicts.slice(0, 5)) {
    const other = await repository.findAppointment(tx, practiceId, conflict.appointmentId);
    if (!other) continue;
    details.push({ ...conflict, start: other.startsAt.toISOString(), end: other.endsAt.toISOString() });
  }
  return details;
}

export function describeConflict(conflict: BookingConflict, on: 'provider'): ConflictDetail {
  return { appointmentId: conflict.appointmentId, on, start: conflict.startsAt.toISOString(), end: conflict.endsAt.toISOString() };
}

function conflictError(message: string, conflicts: ConflictDetail[]): ConflictError {
  return new ConflictError(message, 'booking_conflict', {
    field: 'start',
    extensions: { conflicts, conflictingAppointmentId: conflicts[0]?.appointmentId ?? null },
  });
}

/** The 409 for provider time another booking holds, naming the first of them. */
export function providerConflictError(conflicts: ConflictDetail[], providerName: string, zone: string): ConflictError {
  const first = conflicts[0];
  return conflictError(
    first
      ? `${providerName} already has a booking from ${describeLocalTime(new Date(first.start), zone)} to ${describeLocalTime(new Date(first.end), zone)} that overlaps this time (buffers included). Choose another time, or tick "Allow double booking".`
      : `${providerName} is already booked at this time.`,
    conflicts,
  );
}

/**
 * Claims the provider's time and a unit of every resource, checking first so the 409 can
 * name the booking in the way; the exclusion constraints settle races between transactions.
 */
export async function claimTime(
  tx: Transaction,
  practiceId: string,
  appointmentId: string,
  claim: Claim,
  resources: VisitCatalog['resources'],
  zone: string,
  providerName: string,
): Promise<void> {
  const providerConflicts = await repository.findProviderConflicts(
    tx,
    practiceId,
    claim.providerId,
    claim.providerStart,
    claim.providerEnd,
    appointmentId,
  );
  if (claim.exclusive && providerConflicts.length > 0) {
    const conflicts = await describeConflicts(
      tx,
      practiceId,
      providerConflicts.map((conflict) => ({ appointmentId: conflict.appointmentId, on: 'provider' as const })),
    );
    throw providerConflictError(conflicts, providerName, zone);
  }
  await repository.insertProviderClaim(tx, practiceId, {
    appointmentId,
    providerId: claim.providerId,
    start: claim.providerStart,
    end: claim.providerEnd,
    exclusive: claim.exclusive,
  });
  await claimResources(tx, practiceId, appointmentId, claim, resources, zone);
}

/** Claims a free unit of every resource the booking needs; a resource with none free is a 409 naming a booking holding it. */
async function claimResources(
  tx: Transaction,
  practiceId: string,
  appointmentId: string,
  claim: Claim,
  resources: VisitCatalog['resources'],
  zone: string,
): Promise<void> {
  const units = await chooseResourceUnits(tx, practiceId, appointmentId, claim, resources, zone);
  await repository.insertResourceClaims(tx, practiceId, appointmentId, units);
}

/** A free unit of every resource the booking needs (reads only); none free is a 409 naming a booking holding it. */
export async function chooseResourceUnits(
  tx: Transaction,
  practiceId: string,
  appointmentId: string,
  claim: Claim,
  resources: VisitCatalog['resources'],
  zone: string,
): Promise<ResourceUnitClaim[]> {
  const units: ResourceUnitClaim[] = [];
  for (const need of claim.resources) {
    const resource = resources.get(need.resourceId);
    const inUse = await repository.findResourceUnitsInUse(tx, practiceId, need.resourceId, need.start, need.end, appointmentId);
    const taken = new Set(inUse.map((use) => use.unit));
    let unit = 0;
    for (let candidate = 1; resource && candidate <= resource.quantity; candidate++) {
      if (!taken.has(candidate)) {
        unit = candidate;
        break;
      }
    }
    if (unit === 0) {
      const conflicts = await describeConflicts(
        tx,
        practiceId,
        inUse.map((use) => ({ appointmentId: use.appointmentId, on: 'resource' as const, resourceId: need.resourceId })),
      );
      const name = resource?.name ?? 'A room or device this service needs';
      throw conflictError(
        resource
          ? `${name} is fully booked at this time${conflicts[0] ? ` (in use ${describeLocalTime(new Date(conflicts[0].start), zone)} – ${describeLocalTime(new Date(conflicts[0].end), zone)})` : ''}. Rooms and equipment are never double booked.`
          : `${name} is deactivated, so this service cannot be booked.`,
        conflicts,
      );
    }
    units.push({ ...need, unit });
  }
  return units;
}

export function claimFor(providerId: string, timeline: BookingTimeline, allowDoubleBooking: boolean): Claim {
  return {
    providerId,
    providerStart: timeline.providerStart,
    providerEnd: timeline.providerEnd,
    exclusive: !allowDoubleBooking,
    resources: timeline.segments.flatMap((segment) =>
      [...new Set(segment.service.resourceIds)].map((resourceId) => ({
        position: segment.position,
        resourceId,
        start: segment.start,
        end: segment.end,
      })),
    ),
  };
}

export function servicesOf(timeline: BookingTimeline): AppointmentServiceRecord[] {
  return timeline.segments.map((segment) => ({
    position: segment.position,
    serviceId: segment.service.serviceId,
    serviceName: segment.service.name,
    startsAt: segment.start,
    endsAt: segment.end,
    priceCents: segment.service.priceCents,
    currency: segment.service.currency,
  }));
}

/**
 * Runs a booking change; when it fails an exclusion constraint (another transaction
 * claimed the time between our check and our insert, or a new booking left the overlap
 * with exclusive claims to the constraint) it runs once more, told it is a retry, so the
 * check now sees the winner and the 409 names it (or a free unit is found).
 */
export async function withBookingRaceRetried<T>(work: (retry: boolean) => Promise<T>): Promise<T> {
  try {
    return await work(false);
  } catch (error) {
    if (!isBookingRace(error)) throw error;
  }
  try {
    return await work(true);
  } catch (error) {
    if (!isBookingRace(error)) throw error;
    throw new ConflictError('Someone booked this time a moment ago. Choose another time.', 'booking_conflict', {
      field: 'start',
      extensions: { conflicts: [], conflictingAppointmentId: null },
    });
  }
}
