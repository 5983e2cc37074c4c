import { sql } from 'drizzle-orm';
import { bind, prepareStatement, runInOrder, sqlStateOf, type BoundStatement, type Transaction } from '../../platform/database.ts';
import {
  epochMilliseconds,
  lookbackFrom,
  periodOf,
  timestampOf,
  type AppointmentInsert,
  type AppointmentRecord,
  type AppointmentServiceRecord,
} from './appointments-repository.ts';

/**
 * The booking statement: one appointment with its services, claims, card and event, written
 * in one round trip, refused (without writing) when the provider's time is taken.
 */

/** A booking whose provider time another one holds (the 409 names it). */
export interface BookingConflict {
  appointmentId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface NewBooking {
  /** Chosen by the caller, so later writes can refer to it before the booking is sent. */
  id: string;
  appointment: Omit<AppointmentInsert, 'id' | 'status' | 'createdAt' | 'updatedAt' | 'version'>;
  services: AppointmentServiceRecord[];
  /** The provider's time it holds, buffers included; an exclusive claim first checks for any overlap. */
  providerClaim: { start: Date; end: Date; exclusive: boolean };
  /** Its 'created' history event; `occurredAt` is also its creation time. */
  event: { actorStaffId: string | null; after: Record<string, unknown>; details: Record<string, unknown>; occurredAt: Date };
}

interface InsertBookingValues {
  practiceId: string;
  id: string;
  kind: string;
  mode: string | null;
  clinicId: string;
  providerId: string;
  patientId: string | null;
  packageId: string | null;
  title: string | null;
  startsAt: Date;
  endsAt: Date;
  notes: string | null;
  virtualRoomUrl: string | null;
  allowDoubleBooking: boolean;
  requireCardOnFile: boolean;
  createdBy: string | null;
  source: 'staff' | 'online';
  idempotencyKey: string | null;
  requestFingerprint: string | null;
  period: string;
  /** The period's start, end, and a day before its start: what the claims' indexes answer (migrations 0010, 0012, `overlappingClaims`). */
  periodStart: Date;
  periodEnd: Date;
  periodLookback: Date;
  exclusive: boolean;
  /** The services as a JSON array of appointment_services rows. */
  services: string;
  occurredAt: Date;
  actorStaffId: string | null;
  after: string;
  details: string;
}

/** The SQLSTATE `raise_booking_conflict` fails with (migration 0011). */
const BOOKING_CONFLICT_STATE = 'GB409';

/**
 * The booking statement. An exclusive claim must not overlap any other claim of the
 * provider. The exclusion constraint already refuses an overlap with another exclusive
 * claim, so the `shared` variant looks only at the non-exclusive ones (double bookings, a
 * partial index, migration 0011) and leaves the rest to the constraint; the `every`
 * variant looks at all of them, to name the bookings in the way after the constraint failed.
 */
function insertBookingStatementFor(claims: 'shared' | 'every') {
  return prepareStatement<{ conflicted: boolean }, InsertBookingValues>(
    claims === 'shared' ? 'appointments.insert_booking' : 'appointments.insert_booking_checked',
    (value) => sql`
    with conflicts as (
      select c.appointment_id, a.starts_at, a.ends_at, lower(c.period) as claimed_from
      from provider_claims c
      join appointments a on a.practice_id = c.practice_id and a.id = c.appointment_id
      where ${value('exclusive')}::boolean and c.practice_id = ${value('practiceId')}::uuid
        and c.provider_id = ${value('providerId')}::uuid and c.period && ${value('period')}::tstzrange
        and ${
          claims === 'shared'
            ? sql`not c.exclusive and c.ends_at > ${value('periodStart')}::timestamptz`
            : sql`((c.starts_at > ${value('periodLookback')}::timestamptz and c.starts_at < ${value('periodEnd')}::timestamptz)
                   or (c.over_a_day and c.ends_at > ${value('periodStart')}::timestamptz))`
        }
      order by lower(c.period)
      limit 5
    ), inserted as (
      insert into appointments (practice_id, id, kind, mode, clinic_id, provider_id, patient_id, package_id, title, starts_at, ends_at,
                                notes, virtual_room_url, allow_double_booking, require_card_on_file, created_by, source,
                                idempotency_key, request_fingerprint, created_at, updated_at)
      select ${value('practiceId')}::uuid, ${value('id')}::uuid, ${value('kind')}::text, ${value('mode')}::text,
             ${value('clinicId')}::uuid, ${value('providerId')}::uuid, ${value('patientId')}::uuid,
             ${value('packageId')}::uuid, ${value('title')}::text, ${value('startsAt')}::timestamptz,
             ${value('endsAt')}::timestamptz, ${value('notes')}::text, ${value('virtualRoomUrl')}::text,
             ${value('allowDoubleBooking')}::boolean, ${value('requireCardOnFile')}::boolean, ${value('createdBy')}::uuid,
             ${value('source')}::text, ${value('idempotencyKey')}::text, ${value('requestFingerprint')}::text,
             ${value('occurredAt')}::timestamptz, ${value('occurredAt')}::timestamptz
      where not exists (select 1 from conflicts)
      returning practice_id, id, provider_id
    ), booked_services as (
      insert into appointment_services (practice_id, appointment_id, position, service_id, service_name, starts_at, ends_at, price_cents, currency)
      select i.practice_id, i.id, s.position, s.service_id, s.service_name, s.starts_at, s.ends_at, s.price_cents, s.currency
      from inserted i
      cross join jsonb_to_recordset(${value('services')}::jsonb)
        as s(position smallint, service_id uuid, service_name text, starts_at timestamptz, ends_at timestamptz, price_cents integer, currency text)
    ), claim as (
      insert into provider_claims (practice_id, appointment_id, provider_id, period, exclusive)
      select i.practice_id, i.id, i.provider_id, ${value('period')}::tstzrange, ${value('exclusive')}::boolean from inserted i
    ), created_event as (
      insert into appointment_events (practice_id, appointment_id, occurred_at, actor_staff_id, type, after, details)
      select i.practice_id, i.id, ${value('occurredAt')}::timestamptz, ${value('actorStaffId')}::uuid, 'created',
             ${value('after')}::jsonb, ${value('details')}::jsonb
      from inserted i
    )
    select raise_booking_conflict(json_agg(json_build_object('appointmentId', c.appointment_id,
                                                             'startsAt', ${sql.raw(epochMilliseconds('c.starts_at'))},
                                                             'endsAt', ${sql.raw(epochMilliseconds('c.ends_at'))})
                                           order by c.claimed_from)) as conflicted
    from conflicts c
    having count(*) > 0`,
  );
}
const insertBookingStatements = { shared: insertBookingStatementFor('shared'), every: insertBookingStatementFor('every') };

/**
 * Books in one statement: unless the claim is exclusive and the provider already holds
 * bookings overlapping it, inserts the appointment, its services, its provider claim and its
 * 'created' event. With bookings in the way it writes nothing and fails with an error
 * `bookingConflictsOf` reads (up to five of them, first to start first), which rolls the
 * transaction back. By default only double-booked claims are looked at and an overlap with
 * an exclusive one fails the exclusion constraint (which also settles races between
 * transactions); `checkEveryClaim` looks at all of them, to name the bookings in the way.
 * Statements `sentWith` the record (its audit events) are sent together with it (`runInOrder`):
 * one wait for all. Returns the record as the statement wrote it.
 */
export async function insertBooking(
  tx: Transaction,
  practiceId: string,
  booking: NewBooking,
  options: { checkEveryClaim: boolean },
  sentWith: (record: AppointmentRecord) => readonly BoundStatement[] = () => [],
): Promise<AppointmentRecord> {
  const { id, appointment, providerClaim, event } = booking;
  const values: InsertBookingValues = {
    practiceId,
    id,
    kind: appointment.kind,
    mode: appointment.mode ?? null,
    clinicId: appointment.clinicId,
    providerId: appointment.providerId,
    patientId: appointment.patientId ?? null,
    packageId: appointment.packageId ?? null,
    title: appointment.title ?? null,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    notes: appointment.notes ?? null,
    virtualRoomUrl: appointment.virtualRoomUrl ?? null,
    allowDoubleBooking: appointment.allowDoubleBooking ?? false,
    requireCardOnFile: appointment.requireCardOnFile ?? false,
    createdBy: appointment.createdBy ?? null,
    source: appointment.source ?? 'staff',
    idempotencyKey: appointment.idempotencyKey ?? null,
    requestFingerprint: appointment.requestFingerprint ?? null,
    period: periodOf(providerClaim.start, providerClaim.end),
    periodStart: providerClaim.start,
    periodEnd: providerClaim.end,
    periodLookback: lookbackFrom(providerClaim.start),
    exclusive: providerClaim.exclusive,
    services: JSON.stringify(
      booking.services.map((service) => ({
        position: service.position,
        service_id: service.serviceId,
        service_name: service.serviceName,
        starts_at: service.startsAt.toISOString(),
        ends_at: service.endsAt.toISOString(),
        price_cents: service.priceCents,
        currency: service.currency,
      })),
    ),
    occurredAt: event.occurredAt,
    actorStaffId: event.actorStaffId,
    after: JSON.stringify(event.after),
    details: JSON.stringify(event.details),
  };
  const record: AppointmentRecord = {
    id,
    kind: appointment.kind,
    mode: values.mode as AppointmentRecord['mode'],
    clinicId: values.clinicId,
    providerId: values.providerId,
    patientId: values.patientId,
    packageId: values.packageId,
    title: values.title,
    startsAt: values.startsAt,
    endsAt: values.endsAt,
    status: 'booked',
    notes: values.notes,
    virtualRoomUrl: values.virtualRoomUrl,
    allowDoubleBooking: values.allowDoubleBooking,
    requireCardOnFile: values.requireCardOnFile,
    cancellationReason: null,
    cancelledAt: null,
    noShowMarkedAt: null,
    noShowFeeRequested: null,
    createdBy: values.createdBy,
    source: values.source,
    createdAt: event.occurredAt,
    updatedAt: event.occurredAt,
    version: 1,
  };
  await runInOrder(tx, [bind(insertBookingStatements[options.checkEveryClaim ? 'every' : 'shared'], values), ...sentWith(record)]);
  return record;
}

/** The bookings in the way when a booking statement failed for them (see `insertBooking`); undefined for any other error. */
export function bookingConflictsOf(error: unknown): BookingConflict[] | undefined {
  if (sqlStateOf(error) !== BOOKING_CONFLICT_STATE) return undefined;
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const detail = (current as { detail?: unknown }).detail;
    if (typeof detail === 'string') {
      const conflicts = JSON.parse(detail) as { appointmentId: string; startsAt: number; endsAt: number }[];
      return conflicts.map((conflict) => ({
        appointmentId: conflict.appointmentId,
        startsAt: timestampOf(conflict.startsAt),
        endsAt: timestampOf(conflict.endsAt),
      }));
    }
    current = (current as { cause?: unknown }).cause;
  }
  return [];
}
