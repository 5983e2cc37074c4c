import { and, asc, eq, gt, inArray, lte, or, type SQL } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import {
  appointmentEvents,
  appointments,
  appointmentServices,
  type AppointmentKind,
  type AppointmentMode,
  type AppointmentStatus,
} from './appointments-tables.ts';

/**
 * Read-only lookups other modules make inside their own transaction (notifications,
 * paperwork, the reminder job): an appointment's facts, its history, and live appointments
 * by start time. Kept apart from the booking repository so readers do not depend on its
 * write paths.
 */

export interface AppointmentSnapshot {
  id: string;
  kind: AppointmentKind;
  /** In person or virtual; null for an out-of-office block. */
  mode: AppointmentMode | null;
  status: AppointmentStatus;
  clinicId: string;
  providerId: string;
  patientId: string | null;
  startsAt: Date;
  endsAt: Date;
  /** The provider's video room, copied at booking; set for virtual visits. */
  virtualRoomUrl: string | null;
  /** Goes up with every change to the appointment. */
  version: number;
  createdAt: Date;
  /** The booked services in order, named as booked. */
  services: { serviceId: string; name: string }[];
}

export interface AppointmentEventSnapshot {
  id: number;
  type: string;
  occurredAt: Date;
  actorStaffId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  details: Record<string, unknown>;
}

/** Statuses in which an appointment is still ahead of the patient (reminders are sent for these). */
export const UPCOMING_STATUSES: readonly AppointmentStatus[] = ['booked', 'confirmed'];

/**
 * One appointment with its services, or undefined. `lock: 'share'` holds the row until the
 * caller's transaction ends, so a concurrent cancel or move waits for it (and vice versa).
 */
export async function findAppointmentSnapshotWithin(
  tx: Transaction,
  practiceId: string,
  appointmentId: string,
  options: { lock?: 'share' } = {},
): Promise<AppointmentSnapshot | undefined> {
  const query = tx
    .select({
      id: appointments.id,
      kind: appointments.kind,
      mode: appointments.mode,
      status: appointments.status,
      clinicId: appointments.clinicId,
      providerId: appointments.providerId,
      patientId: appointments.patientId,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      virtualRoomUrl: appointments.virtualRoomUrl,
      version: appointments.version,
      createdAt: appointments.createdAt,
    })
    .from(appointments)
    .where(and(eq(appointments.practiceId, practiceId), eq(appointments.id, appointmentId)));
  const [row] = options.lock === 'share' ? await query.for('share') : await query;
  if (!row) return undefined;
  const services = await tx
    .select({ serviceId: appointmentServices.serviceId, name: appointmentServices.serviceName })
    .from(appointmentServices)
    .where(and(eq(appointmentServices.practiceId, practiceId), eq(appointmentServices.appointmentId, appointmentId)))
    .orderBy(asc(appointmentServices.position));
  return { ...row, services };
}

/** The appointment's history, oldest first; only the given event types when `types` is set. */
export async function listAppointmentEventsWithin(
  tx: Transaction,
  practiceId: string,
  appointmentId: string,
  options: { types?: readonly string[] } = {},
): Promise<AppointmentEventSnapshot[]> {
  const conditions: SQL[] = [eq(appointmentEvents.practiceId, practiceId), eq(appointmentEvents.appointmentId, appointmentId)];
  if (options.types) conditions.push(inArray(appointmentEvents.type, [...options.types]));
  const rows = await tx
    .select({
      id: appointmentEvents.id,
      type: appointmentEvents.type,
      occurredAt: appointmentEvents.occurredAt,
      actorStaffId: appointmentEvents.actorStaffId,
      before: appointmentEvents.before,
      after: appointmentEvents.after,
      details: appointmentEvents.details,
    })
    .from(appointmentEvents)
    .where(and(...conditions))
    .orderBy(asc(appointmentEvents.id));
  return rows.map((row) => ({ ...row, before: row.before ?? null, after: row.after ?? null }));
}

export interface UpcomingAppointmentStart {
  practiceId: string;
  appointmentId: string;
  startsAt: Date;
}

/**
 * Upcoming (booked or confirmed) appointments starting in (from, to], in start order, across
 * every practice the transaction can see: the reminder job runs it through `asPlatform`.
 * Served by the partial index `appointments_live_start_idx`. Pages by keyset: pass the last
 * row of a page as `after`. `practiceIds` narrows it (tests sharing one database).
 */
export async function listUpcomingAppointmentStarts(
  tx: Transaction,
  window: {
    from: Date;
    to: Date;
    after?: { startsAt: Date; appointmentId: string } | undefined;
    practiceIds?: readonly string[] | undefined;
    limit: number;
  },
): Promise<UpcomingAppointmentStart[]> {
  const conditions: (SQL | undefined)[] = [
    eq(appointments.kind, 'appointment'),
    inArray(appointments.status, [...UPCOMING_STATUSES]),
    gt(appointments.startsAt, window.from),
    lte(appointments.startsAt, window.to),
  ];
  if (window.after) {
    conditions.push(
      or(
        gt(appointments.startsAt, window.after.startsAt),
        and(eq(appointments.startsAt, window.after.startsAt), gt(appointments.id, window.after.appointmentId)),
      ),
    );
  }
  if (window.practiceIds) conditions.push(inArray(appointments.practiceId, [...window.practiceIds]));
  return tx
    .select({ practiceId: appointments.practiceId, appointmentId: appointments.id, startsAt: appointments.startsAt })
    .from(appointments)
    .where(and(...conditions))
    .orderBy(asc(appointments.startsAt), asc(appointments.id))
    .limit(window.limit);
}
