import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { prepareStatement, readOf, type PreparedStatement, type Read, type Transaction, type ValueOf } from '../../platform/database.ts';
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

export type AppointmentRecord = Omit<typeof appointments.$inferSelect, 'practiceId' | 'idempotencyKey' | 'requestFingerprint' | 'overADay'>;
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
  source: appointments.source,
  createdAt: appointments.createdAt,
  updatedAt: appointments.updatedAt,
  version: appointments.version,
};

const DAY_MILLISECONDS = 24 * 60 * 60 * 1000;

/** What lasts 24 hours or less and ends after `from` starts after this. */
export function lookbackFrom(from: Date): Date {
  return new Date(from.getTime() - DAY_MILLISECONDS);
}

type ClaimTable = 'provider_claims' | 'resource_claims';

/**
 * The claims (alias c) of one table overlapping [from, to) and meeting `where`, with the
 * columns given, as a subquery. A claim lasting 24 hours or less that ends after `from`
 * starts within the day before it, so that arm reads an index on the start bounded on both
 * sides; the few longer ones (over_a_day, migration 0012) come from their own index. Two
 * arms of a UNION ALL rather than one OR: each has its index whatever the statistics say.
 */
function overlappingClaims(table: ClaimTable, columns: SQL, where: SQL, from: Date, to: Date): SQL {
  const [lookback, start, end] = [lookbackFrom(from), from, to].map((instant) => instant.toISOString());
  const overlaps = sql`${where} and c.period && ${periodOf(from, to)}::tstzrange`;
  return sql`(select ${columns} from ${sql.raw(table)} c
      where ${overlaps} and not c.over_a_day and c.starts_at > ${lookback}::timestamptz and c.starts_at < ${end}::timestamptz
    union all
    select ${columns} from ${sql.raw(table)} c
      where ${overlaps} and c.over_a_day and c.ends_at > ${start}::timestamptz)`;
}

/** A half-open instant range as Postgres writes it. */
export function periodOf(start: Date, end: Date): string {
  return `[${start.toISOString()},${end.toISOString()})`;
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

/** The appointment an Idempotency-Key booked, with the fingerprint of the request that booked it. */
export interface KeyedBooking {
  appointmentId: string;
  requestFingerprint: string | null;
}

const keyedBookingStatement = prepareStatement<
  { id: string; request_fingerprint: string | null },
  { practiceId: string; idempotencyKey: string }
>(
  'appointments.keyed_booking',
  (value) =>
    sql`select id, request_fingerprint from appointments
        where practice_id = ${value('practiceId')}::uuid and idempotency_key = ${value('idempotencyKey')}::text`,
);

/** The appointment booked with an Idempotency-Key, as a read sent with the booking's BEGIN. */
export function keyedBookingRead(practiceId: string, idempotencyKey: string): Read<KeyedBooking | undefined> {
  return readOf(keyedBookingStatement, { practiceId, idempotencyKey }, ([row]) =>
    row ? { appointmentId: row.id, requestFingerprint: row.request_fingerprint } : undefined,
  );
}

export async function findKeyedBooking(tx: Transaction, practiceId: string, idempotencyKey: string): Promise<KeyedBooking | undefined> {
  const [row] = await tx
    .select({ appointmentId: appointments.id, requestFingerprint: appointments.requestFingerprint })
    .from(appointments)
    .where(and(eq(appointments.practiceId, practiceId), eq(appointments.idempotencyKey, idempotencyKey)));
  return row;
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
  const insert = tx.insert(resourceClaims).values(
    claims.map((claim) => ({
      practiceId,
      appointmentId,
      position: claim.position,
      resourceId: claim.resourceId,
      unit: claim.unit,
      period: periodOf(claim.start, claim.end),
    })),
  );
  // A unit taken meanwhile fails the exclusion constraint here.
  await insert;
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
  const where = sql`c.practice_id = ${practiceId}::uuid and c.provider_id = ${providerId}::uuid${
    excludeAppointmentId ? sql` and c.appointment_id <> ${excludeAppointmentId}::uuid` : sql``
  }`;
  const claims = overlappingClaims('provider_claims', sql`c.appointment_id, c.exclusive, c.starts_at`, where, start, end);
  const result = await tx.execute<{ appointmentId: string; exclusive: boolean }>(
    sql`select c.appointment_id as "appointmentId", c.exclusive from ${claims} c order by c.starts_at, c.appointment_id`,
  );
  return result.rows;
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
  const where = sql`c.practice_id = ${practiceId}::uuid and c.resource_id = ${resourceId}::uuid${
    excludeAppointmentId ? sql` and c.appointment_id <> ${excludeAppointmentId}::uuid` : sql``
  }`;
  const claims = overlappingClaims('resource_claims', sql`c.unit, c.appointment_id`, where, start, end);
  const result = await tx.execute<{ unit: number; appointmentId: string }>(
    sql`select c.unit, c.appointment_id as "appointmentId" from ${claims} c`,
  );
  return result.rows;
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
  const packed = sql`string_agg((extract(epoch from lower(c.period)) * 1000)::bigint || ',' || (extract(epoch from upper(c.period)) * 1000)::bigint, ',')`;
  const busy = async (table: ClaimTable, owner: 'provider_id' | 'resource_id', ids: readonly string[]) => {
    if (ids.length === 0) return [];
    const where = sql`c.practice_id = ${practiceId}::uuid and c.${sql.raw(owner)} in ${[...ids]}`;
    const claims = overlappingClaims(table, sql`c.${sql.raw(owner)}, c.period`, where, query.from, query.to);
    const result = await tx.execute<{ owner: string; intervals: string }>(
      sql`select c.${sql.raw(owner)} as owner, ${packed} as intervals from ${claims} c group by c.${sql.raw(owner)}`,
    );
    return result.rows;
  };
  const providerRows = await busy('provider_claims', 'provider_id', query.providerIds);
  const resourceRows = await busy('resource_claims', 'resource_id', query.resourceIds);
  return {
    providerBusy: providerRows.flatMap((row) => unpackIntervals('providerId', row.owner, row.intervals)),
    resourceBusy: resourceRows.flatMap((row) => unpackIntervals('resourceId', row.owner, row.intervals)),
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

export async function insertCardAuthorization(
  tx: Transaction,
  practiceId: string,
  authorization: CardAuthorizationInsert,
): Promise<CardAuthorizationRecord> {
  const [row] = await tx
    .insert(bookingCardAuthorizations)
    .values({ ...authorization, practiceId })
    .returning();
  if (!row) throw new Error('insert into booking_card_authorizations returned no row');
  const { practiceId: _practice, ...record } = row;
  return record;
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
): Promise<{ action: AppointmentRequestAction; appointmentId: string; requestFingerprint: string | null } | undefined> {
  const [row] = await tx
    .select({
      action: appointmentRequestKeys.action,
      appointmentId: appointmentRequestKeys.appointmentId,
      requestFingerprint: appointmentRequestKeys.requestFingerprint,
    })
    .from(appointmentRequestKeys)
    .where(and(eq(appointmentRequestKeys.practiceId, practiceId), eq(appointmentRequestKeys.idempotencyKey, idempotencyKey)));
  return row;
}

export async function insertRequestKey(
  tx: Transaction,
  practiceId: string,
  key: { idempotencyKey: string; requestFingerprint: string; action: AppointmentRequestAction; appointmentId: string; createdAt: Date },
): Promise<void> {
  await tx.insert(appointmentRequestKeys).values({ ...key, practiceId });
}

/*
 * The hot paths below (booking, the appointment book) are plain SQL: one statement each
 * instead of one per table, because every round trip is spent holding a pooled connection
 * inside a transaction, and building drizzle queries costs more CPU than the statements.
 */

/** An appointments row as the plain-SQL reads below select it (timestamps as epoch milliseconds). */
type AppointmentRow = {
  [Key in keyof AppointmentRecord]: AppointmentRecord[Key] extends Date
    ? number
    : AppointmentRecord[Key] extends Date | null
      ? number | null
      : AppointmentRecord[Key];
};

/** A timestamptz as epoch milliseconds: a float8 the drivers hand over as a number, cheaper than parsing text. */
export function epochMilliseconds(expression: string): string {
  return `(extract(epoch from ${expression}) * 1000)::float8`;
}

/** The appointments columns under their record names, for `select` and `returning`. */
function appointmentRowColumns(alias: string) {
  const column = (name: string, as?: string) => (as ? `${alias}.${name} as "${as}"` : `${alias}.${name}`);
  const instant = (name: string, as: string) => `${epochMilliseconds(`${alias}.${name}`)} as "${as}"`;
  return sql.raw(
    [
      column('id'),
      column('kind'),
      column('mode'),
      column('clinic_id', 'clinicId'),
      column('provider_id', 'providerId'),
      column('patient_id', 'patientId'),
      column('package_id', 'packageId'),
      column('title'),
      instant('starts_at', 'startsAt'),
      instant('ends_at', 'endsAt'),
      column('status'),
      column('notes'),
      column('virtual_room_url', 'virtualRoomUrl'),
      column('allow_double_booking', 'allowDoubleBooking'),
      column('require_card_on_file', 'requireCardOnFile'),
      column('cancellation_reason', 'cancellationReason'),
      instant('cancelled_at', 'cancelledAt'),
      instant('no_show_marked_at', 'noShowMarkedAt'),
      column('no_show_fee_requested', 'noShowFeeRequested'),
      column('created_by', 'createdBy'),
      column('source'),
      instant('created_at', 'createdAt'),
      instant('updated_at', 'updatedAt'),
      column('version'),
    ].join(', '),
  );
}

export function timestampOf(epochMilliseconds: number): Date {
  return new Date(epochMilliseconds);
}

/** Field by field (not spread): the book maps hundreds of rows per request, and this keeps one object shape. */
function toAppointmentRecord(row: AppointmentRow): AppointmentRecord {
  return {
    id: row.id,
    kind: row.kind,
    mode: row.mode,
    clinicId: row.clinicId,
    providerId: row.providerId,
    patientId: row.patientId,
    packageId: row.packageId,
    title: row.title,
    startsAt: timestampOf(row.startsAt),
    endsAt: timestampOf(row.endsAt),
    status: row.status,
    notes: row.notes,
    virtualRoomUrl: row.virtualRoomUrl,
    allowDoubleBooking: row.allowDoubleBooking,
    requireCardOnFile: row.requireCardOnFile,
    cancellationReason: row.cancellationReason,
    cancelledAt: row.cancelledAt === null ? null : timestampOf(row.cancelledAt),
    noShowMarkedAt: row.noShowMarkedAt === null ? null : timestampOf(row.noShowMarkedAt),
    noShowFeeRequested: row.noShowFeeRequested,
    createdBy: row.createdBy,
    source: row.source,
    createdAt: timestampOf(row.createdAt),
    updatedAt: timestampOf(row.updatedAt),
    version: row.version,
  };
}

/** What the book shows with an appointment, from its own tables: its services and the card taken at booking. */
export interface AppointmentDetails {
  services: AppointmentServiceRecord[];
  /** The newest card authorization, or null. */
  cardOnFile: CardAuthorizationRecord | null;
}

type ServiceJson = Omit<AppointmentServiceRecord, 'startsAt' | 'endsAt'> & { startsAt: number; endsAt: number };
type CardJson = Omit<CardAuthorizationRecord, 'authorizedAt'> & { authorizedAt: number };

/** Subqueries of an appointment's services (JSON, in order) and newest card authorization (JSON or null). */
function detailColumns(practiceId: SQL, appointmentId: SQL) {
  return sql`
    (select coalesce(json_agg(json_build_object(
         'position', s.position, 'serviceId', s.service_id, 'serviceName', s.service_name,
         'startsAt', ${sql.raw(epochMilliseconds('s.starts_at'))}, 'endsAt', ${sql.raw(epochMilliseconds('s.ends_at'))},
         'priceCents', s.price_cents, 'currency', s.currency) order by s.position), '[]')
       from appointment_services s where s.practice_id = ${practiceId} and s.appointment_id = ${appointmentId}) as services,
    (select json_build_object(
         'id', b.id, 'appointmentId', b.appointment_id, 'patientId', b.patient_id, 'paymentMethodId', b.payment_method_id,
         'cardBrand', b.card_brand, 'cardLast4', b.card_last4, 'policyVersionId', b.policy_version_id,
         'policyVersion', b.policy_version, 'cancellationWindowHours', b.cancellation_window_hours,
         'authorizedAt', ${sql.raw(epochMilliseconds('b.authorized_at'))}, 'authorizedBy', b.authorized_by,
         'acceptedByPatient', b.accepted_by_patient, 'clientIp', b.client_ip, 'userAgent', b.user_agent)
       from booking_card_authorizations b where b.practice_id = ${practiceId} and b.appointment_id = ${appointmentId}
       order by b.authorized_at desc, b.id desc limit 1) as card`;
}

function toDetails(row: { services: ServiceJson[]; card: CardJson | null }): AppointmentDetails {
  return {
    services: row.services.map((service) => ({
      ...service,
      startsAt: timestampOf(service.startsAt),
      endsAt: timestampOf(service.endsAt),
    })),
    cardOnFile: row.card ? { ...row.card, authorizedAt: timestampOf(row.card.authorizedAt) } : null,
  };
}

type DetailsRow = { services: ServiceJson[]; card: CardJson | null };

const findDetailsStatement = prepareStatement<{ id: string } & DetailsRow, { practiceId: string; appointmentIds: string[] }>(
  'appointments.details',
  (value) => sql`
    select w.id, ${detailColumns(sql`${value('practiceId')}::uuid`, sql`w.id`)}
    from unnest(${value('appointmentIds')}::uuid[]) as w(id)`,
);

/** Services and card of each appointment, in one statement. */
export async function findAppointmentDetails(
  tx: Transaction,
  practiceId: string,
  appointmentIds: readonly string[],
): Promise<Map<string, AppointmentDetails>> {
  const byAppointment = new Map<string, AppointmentDetails>();
  if (appointmentIds.length === 0) return byAppointment;
  const rows = await findDetailsStatement(tx, { practiceId, appointmentIds: [...new Set(appointmentIds)] });
  for (const row of rows) byAppointment.set(row.id, toDetails(row));
  return byAppointment;
}

interface ListValues {
  practiceId: string;
  from: Date;
  to: Date;
  lookback: Date;
  clinicId: string | null;
  providerId: string | null;
  patientId: string | null;
  statuses: string[] | null;
  limit: number;
}

type ListRow = AppointmentRow & DetailsRow & { patientIsNew: boolean };
type ListStatement = PreparedStatement<ListRow, ListValues>;

/** One statement per combination of filters (each has its own text), built when first used. */
const listStatements = new Map<string, ListStatement>();

function listStatementFor(filter: AppointmentFilter): ListStatement {
  const names: string[] = [];
  if (filter.clinicId) names.push('clinic');
  if (filter.providerId) names.push('provider');
  if (filter.patientId) names.push('patient');
  if (filter.statuses) names.push('status');
  const whereOf = (value: ValueOf<ListValues>) => {
    const conditions = [
      sql`a.practice_id = ${value('practiceId')}::uuid`,
      sql`a.starts_at < ${value('to')}::timestamptz`,
      sql`a.ends_at > ${value('from')}::timestamptz`,
    ];
    if (filter.clinicId) conditions.push(sql`a.clinic_id = ${value('clinicId')}::uuid`);
    if (filter.providerId) conditions.push(sql`a.provider_id = ${value('providerId')}::uuid`);
    if (filter.patientId) conditions.push(sql`a.patient_id = ${value('patientId')}::uuid`);
    if (filter.statuses) conditions.push(sql`a.status = any(${value('statuses')}::text[])`);
    return sql.join(conditions, sql` and `);
  };
  // What lasts 24 hours or less starts within the day before `from`: that arm reads an index on
  // the start bounded on both sides, the longer ones their own (see `overlappingClaims`).
  const name = ['appointments.list', ...names].join('_');
  let statement = listStatements.get(name);
  if (!statement) {
    statement = prepareStatement<ListRow, ListValues>(name, (value) => {
      const where = whereOf(value);
      // patientIsNew: the patient has no earlier appointment that took place (checked in, in
      // procedure or completed), found through appointments_took_place_idx (migration 0020).
      return sql`
        select ${appointmentRowColumns('a')}, ${detailColumns(sql`a.practice_id`, sql`a.id`)},
          (a.kind = 'appointment' and a.patient_id is not null and not exists (
            select 1 from appointments p
            where p.practice_id = a.practice_id and p.patient_id = a.patient_id and p.starts_at < a.starts_at
              and p.kind = 'appointment' and p.status in ('checked_in', 'in_procedure', 'completed'))) as "patientIsNew"
        from (select * from appointments a
                where ${where} and not a.over_a_day and a.starts_at > ${value('lookback')}::timestamptz
              union all
              select * from appointments a where ${where} and a.over_a_day) a
        order by a.starts_at, a.id
        limit ${value('limit')}`;
    });
    listStatements.set(name, statement);
  }
  return statement;
}

/**
 * Appointments overlapping [from, to) in start order, each with its services and card, and
 * which of them are their patient's first visit (the book's flag): one statement.
 */
export async function listAppointmentsWithDetails(
  tx: Transaction,
  practiceId: string,
  filter: AppointmentFilter,
  limit: number,
): Promise<{ records: (AppointmentRecord & AppointmentDetails)[]; firstVisits: Set<string> }> {
  const rows = await listStatementFor(filter)(tx, {
    practiceId,
    from: filter.from,
    to: filter.to,
    lookback: lookbackFrom(filter.from),
    clinicId: filter.clinicId ?? null,
    providerId: filter.providerId ?? null,
    patientId: filter.patientId ?? null,
    statuses: filter.statuses ? [...filter.statuses] : null,
    limit,
  });
  const firstVisits = new Set<string>();
  const records = rows.map((row) => {
    if (row.patientIsNew) firstVisits.add(row.id);
    return Object.assign(toAppointmentRecord(row), toDetails(row));
  });
  return { records, firstVisits };
}

/** How far below the latest updated_at the book's change token still counts rows (decision 022). */
const CHANGE_SLICE = '5 minutes';

/**
 * The practice's book change token (decision 022): the latest updated_at up to a minute past
 * `now`, and the count and version sum of the rows updated within CHANGE_SLICE below it. Every
 * insert and update of an appointment moves it (an update adds 1 to version), and so does a
 * write that commits after a later one with an earlier clock, as long as it lands within the
 * slice. Rows stamped further ahead (demo or imported data, a clock set back) are left out
 * until their time comes, so they cannot hide the changes made now. Two probes of
 * appointments_changes_idx: the latest row, then the slice below it.
 */
export async function readBookChangeToken(tx: Transaction, practiceId: string, now: Date): Promise<string> {
  const bound = new Date(now.getTime() + 60_000).toISOString();
  const result = await tx.execute<{ token: string }>(sql`
    with latest as (
      select max(updated_at) as at from appointments
      where practice_id = ${practiceId}::uuid and updated_at <= ${bound}::timestamptz
    )
    select coalesce((extract(epoch from latest.at) * 1000000)::bigint, 0)::text
           || '.' || count(a.version)::text || '.' || coalesce(sum(a.version), 0)::text as token
    from latest
    left join appointments a
      on a.practice_id = ${practiceId}::uuid
      and a.updated_at >= latest.at - interval '${sql.raw(CHANGE_SLICE)}' and a.updated_at <= ${bound}::timestamptz
    group by latest.at`);
  const row = result.rows[0];
  if (!row) throw new Error('book change token query returned no row');
  return row.token;
}
