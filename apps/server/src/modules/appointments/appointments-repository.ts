import { and, asc, desc, eq, gt, inArray, lt, ne, sql, type SQL } from 'drizzle-orm';
import type { Transaction } from '../../platform/database.ts';
import {
  appointmentEvents,
  appointmentRequestKeys,
  appointments,
  appointmentServices,
  bookingCardAuthorizations,
  providerClaims,
  resourceClaims,
  type AppointmentRequestAction,
  type AppointmentStatus,
} from './appointments-tables.ts';

export type AppointmentRecord = Omit<typeof appointments.$inferSelect, 'practiceId' | 'idempotencyKey'>;
export type AppointmentServiceRecord = Omit<typeof appointmentServices.$inferSelect, 'practiceId' | 'appointmentId'>;
export type AppointmentInsert = Omit<typeof appointments.$inferInsert, 'practiceId'>;
export type AppointmentEventRecord = Omit<typeof appointmentEvents.$inferSelect, 'practiceId'>;
export type CardAuthorizationRecord = Omit<typeof bookingCardAuthorizations.$inferSelect, 'practiceId'>;
export type CardAuthorizationInsert = Omit<typeof bookingCardAuthorizations.$inferInsert, 'practiceId' | 'id'>;

const appointmentColumns = {
  id: appointments.id,
  kind: appointments.kind,
  mode: appointments.mode,
  clinicId: appointments.clinicId,
  providerId: appointments.providerId,
  patientId: appointments.patientId,
  packageId: appointments.packageId,
  title: appointments.title,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  notes: appointments.notes,
  virtualRoomUrl: appointments.virtualRoomUrl,
  allowDoubleBooking: appointments.allowDoubleBooking,
  requireCardOnFile: appointments.requireCardOnFile,
  cancellationReason: appointments.cancellationReason,
  cancelledAt: appointments.cancelledAt,
  noShowMarkedAt: appointments.noShowMarkedAt,
  noShowFeeRequested: appointments.noShowFeeRequested,
  createdBy: appointments.createdBy,
  createdAt: appointments.createdAt,
  updatedAt: appointments.updatedAt,
  version: appointments.version,
};

/** A half-open instant range as Postgres writes it. */
export function periodOf(start: Date, end: Date): string {
  return `[${start.toISOString()},${end.toISOString()})`;
}

export async function insertAppointment(tx: Transaction, practiceId: string, appointment: AppointmentInsert): Promise<AppointmentRecord> {
  const [row] = await tx
    .insert(appointments)
    .values({ ...appointment, practiceId })
    .returning(appointmentColumns);
  if (!row) throw new Error('insert into appointments returned no row');
  return row;
}

export async function insertAppointmentServices(
  tx: Transaction,
  practiceId: string,
  appointmentId: string,
  services: AppointmentServiceRecord[],
): Promise<void> {
  if (services.length === 0) return;
  await tx.insert(appointmentServices).values(services.map((service) => ({ ...service, practiceId, appointmentId })));
}

export async function findAppointment(
  tx: Transaction,
  practiceId: string,
  appointmentId: string,
  options: { forUpdate?: boolean } = {},
): Promise<AppointmentRecord | undefined> {
  const query = tx
    .select(appointmentColumns)
    .from(appointments)
    .where(and(eq(appointments.practiceId, practiceId), eq(appointments.id, appointmentId)));
  const [row] = options.forUpdate ? await query.for('update') : await query;
  return row;
}

export async function findAppointments(
  tx: Transaction,
  practiceId: string,
  appointmentIds: readonly string[],
): Promise<AppointmentRecord[]> {
  if (appointmentIds.length === 0) return [];
  return tx
    .select(appointmentColumns)
    .from(appointments)
    .where(and(eq(appointments.practiceId, practiceId), inArray(appointments.id, [...appointmentIds])));
}

export async function findAppointmentIdByIdempotencyKey(
  tx: Transaction,
  practiceId: string,
  idempotencyKey: string,
): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.practiceId, practiceId), eq(appointments.idempotencyKey, idempotencyKey)));
  return row?.id;
}

export async function listServicesOf(
  tx: Transaction,
  practiceId: string,
  appointmentIds: readonly string[],
): Promise<Map<string, AppointmentServiceRecord[]>> {
  const byAppointment = new Map<string, AppointmentServiceRecord[]>();
  if (appointmentIds.length === 0) return byAppointment;
  const rows = await tx
    .select()
    .from(appointmentServices)
    .where(and(eq(appointmentServices.practiceId, practiceId), inArray(appointmentServices.appointmentId, [...appointmentIds])))
    .orderBy(asc(appointmentServices.appointmentId), asc(appointmentServices.position));
  for (const { practiceId: _practice, appointmentId, ...service } of rows) {
    const list = byAppointment.get(appointmentId) ?? [];
    list.push(service);
    byAppointment.set(appointmentId, list);
  }
  return byAppointment;
}

export async function replaceAppointmentServices(
  tx: Transaction,
  practiceId: string,
  appointmentId: string,
  services: AppointmentServiceRecord[],
): Promise<void> {
  await tx
    .delete(appointmentServices)
    .where(and(eq(appointmentServices.practiceId, practiceId), eq(appointmentServices.appointmentId, appointmentId)));
  await insertAppointmentServices(tx, practiceId, appointmentId, services);
}

export interface AppointmentFilter {
  clinicId?: string | undefined;
  providerId?: string | undefined;
  patientId?: string | undefined;
  statuses?: readonly AppointmentStatus[] | undefined;
  from: Date;
  to: Date;
}

/** Appointments overlapping [from, to), in start order. */
export async function listAppointments(
  tx: Transaction,
  practiceId: string,
  filter: AppointmentFilter,
  limit: number,
): Promise<AppointmentRecord[]> {
  const conditions: (SQL | undefined)[] = [
    eq(appointments.practiceId, practiceId),
    lt(appointments.startsAt, filter.to),
    gt(appointments.endsAt, filter.from),
    filter.clinicId ? eq(appointments.clinicId, filter.clinicId) : undefined,
    filter.providerId ? eq(appointments.providerId, filter.providerId) : undefined,
    filter.patientId ? eq(appointments.patientId, filter.patientId) : undefined,
    filter.statuses ? inArray(appointments.status, [...filter.statuses]) : undefined,
  ];
  return tx
    .select(appointmentColumns)
    .from(appointments)
    .where(and(...conditions))
    .orderBy(asc(appointments.startsAt), asc(appointments.id))
    .limit(limit);
}

export async function updateAppointment(
  tx: Transaction,
  practiceId: string,
  appointmentId: string,
  changes: Partial<AppointmentInsert>,
  now: Date,
): Promise<AppointmentRecord> {
  const [row] = await tx
    .update(appointments)
    .set({ ...changes, updatedAt: now, version: sql`${appointments.version} + 1` })
    .where(and(eq(appointments.practiceId, practiceId), eq(appointments.id, appointmentId)))
    .returning(appointmentColumns);
  if (!row) throw new Error(`appointment ${appointmentId} vanished during update`);
  return row;
}

export async function insertProviderClaim(
  tx: Transaction,
  practiceId: string,
  claim: { appointmentId: string; providerId: string; start: Date; end: Date; exclusive: boolean },
): Promise<void> {
  await tx.insert(providerClaims).values({
    practiceId,
    appointmentId: claim.appointmentId,
    providerId: claim.providerId,
    period: periodOf(claim.start, claim.end),
    exclusive: claim.exclusive,
  });
}

export async function insertResourceClaims(
  tx: Transaction,
  practiceId: string,
  appointmentId: string,
  claims: { position: number; resourceId: string; unit: number; start: Date; end: Date }[],
): Promise<void> {
  if (claims.length === 0) return;
  await tx.insert(resourceClaims).values(
    claims.map((claim) => ({
      practiceId,
      appointmentId,
      position: claim.position,
      resourceId: claim.resourceId,
      unit: claim.unit,
      period: periodOf(claim.start, claim.end),
    })),
  );
}

/** Releases the time an appointment held (cancelled, no-show, or about to be re-claimed). */
export async function releaseClaims(tx: Transaction, practiceId: string, appointmentId: string): Promise<void> {
  await tx.delete(providerClaims).where(and(eq(providerClaims.practiceId, practiceId), eq(providerClaims.appointmentId, appointmentId)));
  await tx.delete(resourceClaims).where(and(eq(resourceClaims.practiceId, practiceId), eq(resourceClaims.appointmentId, appointmentId)));
}

export interface ClaimConflict {
  appointmentId: string;
  exclusive: boolean;
}

/** Live bookings holding the provider's time in [start, end), other than the one given. */
export async function findProviderConflicts(
  tx: Transaction,
  practiceId: string,
  providerId: string,
  start: Date,
  end: Date,
  excludeAppointmentId: string | undefined,
): Promise<ClaimConflict[]> {
  return tx
    .select({ appointmentId: providerClaims.appointmentId, exclusive: providerClaims.exclusive })
    .from(providerClaims)
    .where(
      and(
        eq(providerClaims.practiceId, practiceId),
        eq(providerClaims.providerId, providerId),
        sql`${providerClaims.period} && ${periodOf(start, end)}::tstzrange`,
        excludeAppointmentId ? ne(providerClaims.appointmentId, excludeAppointmentId) : undefined,
      ),
    )
    .orderBy(sql`lower(${providerClaims.period})`);
}

/** Units of the resource held at some moment of [start, end), with the bookings holding them. */
export async function findResourceUnitsInUse(
  tx: Transaction,
  practiceId: string,
  resourceId: string,
  start: Date,
  end: Date,
  excludeAppointmentId: string | undefined,
): Promise<{ unit: number; appointmentId: string }[]> {
  return tx
    .select({ unit: resourceClaims.unit, appointmentId: resourceClaims.appointmentId })
    .from(resourceClaims)
    .where(
      and(
        eq(resourceClaims.practiceId, practiceId),
        eq(resourceClaims.resourceId, resourceId),
        sql`${resourceClaims.period} && ${periodOf(start, end)}::tstzrange`,
        excludeAppointmentId ? ne(resourceClaims.appointmentId, excludeAppointmentId) : undefined,
      ),
    );
}

/** Unpacks 'start,end,start,end…' (epoch milliseconds) into intervals. */
function unpackIntervals<K extends string>(key: K, owner: string, packed: string): ({ start: number; end: number } & Record<K, string>)[] {
  const numbers = packed.split(',').map(Number);
  const intervals: ({ start: number; end: number } & Record<K, string>)[] = [];
  for (let index = 0; index + 1 < numbers.length; index += 2) {
    intervals.push({ [key]: owner, start: numbers[index] ?? 0, end: numbers[index + 1] ?? 0 } as { start: number; end: number } & Record<
      K,
      string
    >);
  }
  return intervals;
}

/**
 * Busy time for availability: one query per kind, bounded by the providers/resources and
 * range. Rows come back one per provider or resource with the intervals packed as text,
 * because decoding thousands of rows costs more than the scan.
 */
export async function findBusyIntervals(
  tx: Transaction,
  practiceId: string,
  query: { providerIds: readonly string[]; resourceIds: readonly string[]; from: Date; to: Date },
): Promise<{
  providerBusy: { providerId: string; start: number; end: number }[];
  resourceBusy: { resourceId: string; start: number; end: number }[];
}> {
  const window = periodOf(query.from, query.to);
  const packed = (period: typeof providerClaims.period | typeof resourceClaims.period) =>
    sql<string>`string_agg((extract(epoch from lower(${period})) * 1000)::bigint || ',' || (extract(epoch from upper(${period})) * 1000)::bigint, ',')`;
  const providerRows =
    query.providerIds.length === 0
      ? []
      : await tx
          .select({ providerId: providerClaims.providerId, intervals: packed(providerClaims.period) })
          .from(providerClaims)
          .where(
            and(
              eq(providerClaims.practiceId, practiceId),
              inArray(providerClaims.providerId, [...query.providerIds]),
              sql`${providerClaims.period} && ${window}::tstzrange`,
            ),
          )
          .groupBy(providerClaims.providerId);
  const resourceRows =
    query.resourceIds.length === 0
      ? []
      : await tx
          .select({ resourceId: resourceClaims.resourceId, intervals: packed(resourceClaims.period) })
          .from(resourceClaims)
          .where(
            and(
              eq(resourceClaims.practiceId, practiceId),
              inArray(resourceClaims.resourceId, [...query.resourceIds]),
              sql`${resourceClaims.period} && ${window}::tstzrange`,
            ),
          )
          .groupBy(resourceClaims.resourceId);
  return {
    providerBusy: providerRows.flatMap((row) => unpackIntervals('providerId', row.providerId, row.intervals)),
    resourceBusy: resourceRows.flatMap((row) => unpackIntervals('resourceId', row.resourceId, row.intervals)),
  };
}

export async function insertEvent(
  tx: Transaction,
  practiceId: string,
  event: {
    appointmentId: string;
    actorStaffId: string | null;
    type: string;
    before?: Record<string, unknown> | null;
    after?: Record<string, unknown> | null;
    details?: Record<string, unknown>;
    occurredAt: Date;
  },
): Promise<void> {
  await tx.insert(appointmentEvents).values({
    practiceId,
    appointmentId: event.appointmentId,
    actorStaffId: event.actorStaffId,
    type: event.type,
    before: event.before ?? null,
    after: event.after ?? null,
    details: event.details ?? {},
    occurredAt: event.occurredAt,
  });
}

export async function listEvents(tx: Transaction, practiceId: string, appointmentId: string): Promise<AppointmentEventRecord[]> {
  const rows = await tx
    .select()
    .from(appointmentEvents)
    .where(and(eq(appointmentEvents.practiceId, practiceId), eq(appointmentEvents.appointmentId, appointmentId)))
    .orderBy(asc(appointmentEvents.id));
  return rows.map(({ practiceId: _practice, ...event }) => event);
}

export async function insertCardAuthorization(tx: Transaction, practiceId: string, authorization: CardAuthorizationInsert): Promise<void> {
  await tx.insert(bookingCardAuthorizations).values({ ...authorization, practiceId });
}

/** The card authorization in force for each appointment: its newest. */
export async function findCardAuthorizations(
  tx: Transaction,
  practiceId: string,
  appointmentIds: readonly string[],
): Promise<Map<string, CardAuthorizationRecord>> {
  const byAppointment = new Map<string, CardAuthorizationRecord>();
  if (appointmentIds.length === 0) return byAppointment;
  const rows = await tx
    .select()
    .from(bookingCardAuthorizations)
    .where(and(eq(bookingCardAuthorizations.practiceId, practiceId), inArray(bookingCardAuthorizations.appointmentId, [...appointmentIds])))
    .orderBy(desc(bookingCardAuthorizations.authorizedAt), desc(bookingCardAuthorizations.id));
  for (const { practiceId: _practice, ...row } of rows) {
    if (!byAppointment.has(row.appointmentId)) byAppointment.set(row.appointmentId, row);
  }
  return byAppointment;
}

export async function findRequestKey(
  tx: Transaction,
  practiceId: string,
  idempotencyKey: string,
): Promise<{ action: AppointmentRequestAction; appointmentId: string } | undefined> {
  const [row] = await tx
    .select({ action: appointmentRequestKeys.action, appointmentId: appointmentRequestKeys.appointmentId })
    .from(appointmentRequestKeys)
    .where(and(eq(appointmentRequestKeys.practiceId, practiceId), eq(appointmentRequestKeys.idempotencyKey, idempotencyKey)));
  return row;
}

export async function insertRequestKey(
  tx: Transaction,
  practiceId: string,
  key: { idempotencyKey: string; action: AppointmentRequestAction; appointmentId: string; createdAt: Date },
): Promise<void> {
  await tx.insert(appointmentRequestKeys).values({ ...key, practiceId });
}
