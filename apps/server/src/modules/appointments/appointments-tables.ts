import { sql } from 'drizzle-orm';
import { bigint, boolean, customType, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** A tstzrange written as '[start,end)'; read back as text. */
const tstzrange = customType<{ data: string; driverData: string }>({
  dataType: () => 'tstzrange',
});

export type AppointmentStatus = 'booked' | 'confirmed' | 'checked_in' | 'in_procedure' | 'completed' | 'cancelled' | 'no_show';
export type AppointmentKind = 'appointment' | 'out_of_office';
export type AppointmentMode = 'in_person' | 'virtual';
/** Who booked: the front desk, or the patient on the online booking page (migration 0024). */
export type AppointmentSource = 'staff' | 'online';

export const appointments = pgTable(
  'appointments',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    kind: text('kind').$type<AppointmentKind>().notNull(),
    mode: text('mode').$type<AppointmentMode>(),
    clinicId: uuid('clinic_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    patientId: uuid('patient_id'),
    packageId: uuid('package_id'),
    title: text('title'),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: text('status').$type<AppointmentStatus>().notNull().default('booked'),
    notes: text('notes'),
    virtualRoomUrl: text('virtual_room_url'),
    allowDoubleBooking: boolean('allow_double_booking').notNull().default(false),
    requireCardOnFile: boolean('require_card_on_file').notNull().default(false),
    cancellationReason: text('cancellation_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    noShowMarkedAt: timestamp('no_show_marked_at', { withTimezone: true }),
    noShowFeeRequested: boolean('no_show_fee_requested'),
    /** The staff member who booked; null when the patient booked online (`source`, migration 0024). */
    createdBy: uuid('created_by'),
    source: text('source').$type<AppointmentSource>().notNull().default('staff'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    version: integer('version').notNull().default(1),
    idempotencyKey: text('idempotency_key'),
    /** SHA-256 of the booking request that used idempotencyKey (migration 0017). */
    requestFingerprint: text('request_fingerprint'),
    /** Generated: lasts over 24 hours. Lookups by time find these apart from the rest (migration 0012). */
    overADay: boolean('over_a_day').generatedAlwaysAs(sql`ends_at - starts_at > interval '24 hours'`),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export const appointmentServices = pgTable(
  'appointment_services',
  {
    practiceId: uuid('practice_id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    position: smallint('position').notNull(),
    serviceId: uuid('service_id').notNull(),
    serviceName: text('service_name').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.appointmentId, table.position] })],
);

export const providerClaims = pgTable(
  'provider_claims',
  {
    practiceId: uuid('practice_id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    providerId: uuid('provider_id').notNull(),
    period: tstzrange('period').notNull(),
    exclusive: boolean('exclusive').notNull(),
    /** The period's end, generated: what lookups under row-level security can use an index on (migration 0010). */
    endsAt: timestamp('ends_at', { withTimezone: true }).generatedAlwaysAs(sql`coalesce(upper(period), 'infinity')`),
    /** The period's start and whether it lasts over 24 hours, generated: lookups by time bound both ends (migration 0012). */
    startsAt: timestamp('starts_at', { withTimezone: true }).generatedAlwaysAs(sql`lower(period)`),
    overADay: boolean('over_a_day').generatedAlwaysAs(sql`coalesce(upper(period) - lower(period) > interval '24 hours', true)`),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.appointmentId] })],
);

export const resourceClaims = pgTable(
  'resource_claims',
  {
    practiceId: uuid('practice_id').notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    position: smallint('position').notNull(),
    resourceId: uuid('resource_id').notNull(),
    unit: smallint('unit').notNull(),
    period: tstzrange('period').notNull(),
    /** The period's end, start and length, generated (see provider_claims). */
    endsAt: timestamp('ends_at', { withTimezone: true }).generatedAlwaysAs(sql`coalesce(upper(period), 'infinity')`),
    startsAt: timestamp('starts_at', { withTimezone: true }).generatedAlwaysAs(sql`lower(period)`),
    overADay: boolean('over_a_day').generatedAlwaysAs(sql`coalesce(upper(period) - lower(period) > interval '24 hours', true)`),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.appointmentId, table.position, table.resourceId] })],
);

export const appointmentEvents = pgTable(
  'appointment_events',
  {
    practiceId: uuid('practice_id').notNull(),
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity(),
    appointmentId: uuid('appointment_id').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorStaffId: uuid('actor_staff_id'),
    type: text('type').notNull(),
    before: jsonb('before').$type<Record<string, unknown> | null>(),
    after: jsonb('after').$type<Record<string, unknown> | null>(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

/** The card entered or re-confirmed at booking, with the policy shown (migration 0007; append-only). */
export const bookingCardAuthorizations = pgTable(
  'booking_card_authorizations',
  {
    practiceId: uuid('practice_id').notNull(),
    id: uuid('id').notNull().defaultRandom(),
    appointmentId: uuid('appointment_id').notNull(),
    patientId: uuid('patient_id').notNull(),
    paymentMethodId: uuid('payment_method_id').notNull(),
    cardBrand: text('card_brand').notNull(),
    cardLast4: text('card_last4').notNull(),
    policyVersionId: uuid('policy_version_id').notNull(),
    policyVersion: integer('policy_version').notNull(),
    cancellationWindowHours: integer('cancellation_window_hours').notNull(),
    authorizedAt: timestamp('authorized_at', { withTimezone: true }).notNull().defaultNow(),
    /** The staff member who took the card; null when the patient gave it online (`acceptedByPatient`, migration 0024). */
    authorizedBy: uuid('authorized_by'),
    acceptedByPatient: boolean('accepted_by_patient').notNull().default(false),
    clientIp: text('client_ip'),
    userAgent: text('user_agent'),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.id] })],
);

export type AppointmentRequestAction = 'cancel' | 'no_show' | 'reschedule' | 'checkout';

/** Idempotency-Key of money-moving appointment actions (migration 0007). */
export const appointmentRequestKeys = pgTable(
  'appointment_request_keys',
  {
    practiceId: uuid('practice_id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    action: text('action').$type<AppointmentRequestAction>().notNull(),
    appointmentId: uuid('appointment_id').notNull(),
    /** SHA-256 of the request body that used the key (migration 0017). */
    requestFingerprint: text('request_fingerprint'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.practiceId, table.idempotencyKey] })],
);
