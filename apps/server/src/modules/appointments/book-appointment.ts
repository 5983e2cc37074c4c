import type { CreateAppointmentRequest } from '@glowdesk/contracts';
import { randomUUID } from 'node:crypto';
import { auditStatement, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { constraintOf, sqlStateOf, type Transaction } from '../../platform/database.ts';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../../platform/errors.ts';
import { isSameRequest } from '../../platform/request-fingerprint.ts';
import { inPractice, inPracticeReading } from '../../platform/tenancy.ts';
import type { PatientSummaryRecord } from '../patients/index.ts';
import { audit, patientAudit, snapshot, type SnapshotFields } from './appointment-audit.ts';
import type { AppointmentContext, MemberTier } from './appointment-dependencies.ts';
import { type ServiceFee } from './appointment-fees.ts';
import { keyReusedError, type RequestKey, requestKeyOf } from './appointment-request-keys.ts';
import { assertNotBeforeToday, assertProviderWorking, assertWithinBookingHorizon } from './appointment-rules.ts';
import type { AppointmentServiceRecord } from './appointments-repository.ts';
import * as repository from './appointments-repository.ts';
import { bookingConflictsOf, insertBooking, type NewBooking } from './booking-insert-repository.ts';
import {
  type CardForBooking,
  checkCardForBooking,
  checkOnlineCardForBooking,
  type OnlineBooker,
  recordCardAuthorization,
} from './booking-card-evidence.ts';
import type { ServiceChoice, VisitCatalog } from './booking-catalog.ts';
import { announceAppointmentBooked, type BookedReaction } from './booking-observers.ts';
import { layOutServices } from './booking-timeline.ts';
import { type AppointmentView, draftOf, finishView, type ViewDraft, viewOf } from './build-appointment-views.ts';
import { assertMayActForProvider, staffScopeWithin } from './provider-scope.ts';
import {
  chooseResourceUnits,
  type Claim,
  claimFor,
  describeConflict,
  providerConflictError,
  servicesOf,
  withBookingRaceRetried,
} from './claim-booking-time.ts';

/**
 * Who books: a staff member in the appointment book, or a patient on the online booking page
 * for their own profile (no double booking, no new patient, the card and policy they gave).
 */
export type Booker = StaffActor | OnlineBooker;

/** What a booking read with BEGIN (absent: read in the transaction). */
interface BookingReads {
  visit?: VisitCatalog | undefined;
  patients?: Map<string, PatientSummaryRecord> | undefined;
  feeSettings?: Map<string, { cancellationWindowHours: number }> | undefined;
  /** The services' fees (VisitBilling), when the services are known before the setup is read (not a package). */
  serviceFees?: Map<string, ServiceFee> | undefined;
  /** Observers' reactions decided by what they read with BEGIN, by observer. */
  reactions?: (BookedReaction | undefined)[] | undefined;
  /** The chosen patient's membership tiers, shown on the booked card. */
  memberTiers?: Map<string, MemberTier[]> | undefined;
}

/** The patient a booking is for: the one picked (it must be of this practice) or the one entered, created now. */
async function findOrCreatePatient(
  deps: AppointmentContext,
  tx: Transaction,
  actor: Booker,
  input: CreateAppointmentRequestParsed,
  meta: RequestMeta,
  read: Map<string, PatientSummaryRecord> | undefined,
): Promise<PatientSummaryRecord | null> {
  const { patients } = deps;
  if (input.patientId) {
    const summaries = read ?? (await patients.findPatientSummariesWithin(tx, actor.practiceId, [input.patientId]));
    const patient = summaries.get(input.patientId);
    if (!patient) throw new NotFoundError('Patient', 'patientId');
    return patient;
  }
  if (!input.newPatient) return null;
  if (actor.kind === 'patient') throw new Error('a patient books for their own profile only');
  const { patient } = await patients.createPatientWithin(tx, actor, input.newPatient, meta);
  return {
    id: patient.id,
    firstName: patient.firstName,
    lastName: patient.lastName,
    email: patient.email,
    phone: patient.phone,
    dateOfBirth: patient.dateOfBirth,
  };
}

/**
 * Books in one transaction: setup read in one statement, the appointment with its services,
 * provider claim and history event written in one (which first looks for bookings in the
 * way, to name them in the 409), then resources, card evidence, audit and observers. The
 * answer is built from what the transaction read and wrote. `checkEveryClaim` looks at every
 * claim of the provider for conflicts, not only the double-booked ones (see insertBooking in booking-insert-repository.ts).
 */
async function createInTransaction(
  deps: AppointmentContext,
  tx: Transaction,
  actor: Booker,
  input: CreateAppointmentRequestParsed,
  requestKey: RequestKey | undefined,
  meta: RequestMeta,
  checkEveryClaim: boolean,
  read: BookingReads = {},
): Promise<ViewDraft> {
  const { clock, catalog, billing, bookingObservers: observers } = deps;
  const start = new Date(input.start);
  const now = clock.now();
  if (actor.kind === 'staff') assertMayActForProvider(await staffScopeWithin(deps.staffScope, tx, actor), input.providerId, 'providerId');
  const actorStaffId = actor.kind === 'staff' ? actor.staffId : null;
  const bookedBy = { createdBy: actorStaffId, source: actor.kind === 'staff' ? ('staff' as const) : ('online' as const) };
  let booking: NewBooking;
  let claim: Claim;
  let resources: VisitCatalog['resources'] = new Map();
  let zone: string;
  let providerName: string;
  let patient: PatientSummaryRecord | null = null;
  let card: CardForBooking | undefined;
  let serviceIds: string[] = [];
  const eventOf = (appointment: Omit<SnapshotFields, 'status'>, services?: AppointmentServiceRecord[]) => ({
    actorStaffId,
    after: snapshot({ ...appointment, status: 'booked' }, services),
    details:
      actor.kind === 'patient'
        ? { by: 'patient', patientId: actor.patientId, source: 'online' }
        : input.allowDoubleBooking
          ? { allowDoubleBooking: true }
          : {},
    occurredAt: now,
  });

  if (input.kind === 'out_of_office') {
    if (actor.kind === 'patient') throw new Error('a patient books appointments only');
    const place = await catalog.loadClinicAndProvider(tx, actor.practiceId, input.clinicId, input.providerId);
    zone = place.clinic.timezone;
    providerName = place.provider.displayName;
    assertNotBeforeToday(deps, start, zone, 'start');
    assertWithinBookingHorizon(deps, start, place.clinic, 'start');
    const end = new Date(input.end ?? input.start);
    const appointment = {
      kind: 'out_of_office' as const,
      mode: null,
      clinicId: place.clinic.id,
      providerId: place.provider.id,
      patientId: null,
      packageId: null,
      title: input.title ?? null,
      startsAt: start,
      endsAt: end,
      notes: input.notes ?? null,
      virtualRoomUrl: null,
      allowDoubleBooking: input.allowDoubleBooking,
      requireCardOnFile: false,
      ...bookedBy,
      idempotencyKey: requestKey?.key ?? null,
      requestFingerprint: requestKey?.fingerprint ?? null,
    };
    claim = {
      providerId: place.provider.id,
      providerStart: start,
      providerEnd: end,
      exclusive: !input.allowDoubleBooking,
      resources: [],
    };
    booking = {
      id: randomUUID(),
      appointment,
      services: [],
      providerClaim: { start, end, exclusive: claim.exclusive },
      event: eventOf(appointment),
    };
  } else {
    const mode = input.mode ?? 'in_person';
    const choice: ServiceChoice = input.packageId ? { packageId: input.packageId } : { serviceIds: input.serviceIds ?? [] };
    const visit =
      read.visit ??
      (await catalog.loadVisitCatalog(tx, actor.practiceId, {
        clinicId: input.clinicId,
        providerId: input.providerId,
        choice,
        mode,
        start,
      }));
    zone = visit.clinic.timezone;
    providerName = visit.provider.displayName;
    assertNotBeforeToday(deps, start, zone, 'start');
    assertWithinBookingHorizon(deps, start, visit.clinic, 'start');
    if (mode === 'virtual' && !visit.provider.virtualRoomUrl) {
      throw new ValidationError(`${visit.provider.displayName} has no virtual-visit room URL; add one in Settings → Providers first.`, {
        field: 'mode',
        code: 'no_virtual_room',
      });
    }
    const timeline = layOutServices(visit.services, start);
    await assertProviderWorking(deps, tx, actor, visit, timeline);
    patient = await findOrCreatePatient(deps, tx, actor, input, meta, read.patients);
    card =
      actor.kind === 'patient'
        ? await checkOnlineCardForBooking(deps, tx, actor, visit.clinic.id)
        : patient
          ? await checkCardForBooking(deps, tx, actor, input, patient.id)
          : undefined;
    const services = servicesOf(timeline);
    const appointment = {
      kind: 'appointment' as const,
      mode,
      clinicId: visit.clinic.id,
      providerId: visit.provider.id,
      patientId: patient?.id ?? null,
      packageId: visit.packageId,
      title: null,
      startsAt: timeline.visitStart,
      endsAt: timeline.visitEnd,
      notes: input.notes ?? null,
      virtualRoomUrl: mode === 'virtual' ? visit.provider.virtualRoomUrl : null,
      allowDoubleBooking: input.allowDoubleBooking,
      requireCardOnFile: actor.kind === 'patient' ? card !== undefined : input.requireCardOnFile,
      ...bookedBy,
      idempotencyKey: requestKey?.key ?? null,
      requestFingerprint: requestKey?.fingerprint ?? null,
    };
    claim = claimFor(visit.provider.id, timeline, input.allowDoubleBooking);
    resources = visit.resources;
    booking = {
      id: randomUUID(),
      appointment,
      services,
      providerClaim: { start: claim.providerStart, end: claim.providerEnd, exclusive: claim.exclusive },
      event: eventOf(appointment, services),
    };
    serviceIds = visit.services.map((service) => service.serviceId);
  }

  const units = await chooseResourceUnits(tx, actor.practiceId, booking.id, claim, resources, zone);
  // The booking statement and its audit events are sent together: one wait for all of them.
  const record = await insertBooking(tx, actor.practiceId, booking, { checkEveryClaim }, (booked) => [
    auditStatement(
      actor.kind === 'patient'
        ? patientAudit(actor, meta, 'appointment.create', booked, { booked_by: 'patient', source: 'online' })
        : audit(actor, meta, 'appointment.create', booked, { kind: booked.kind, allowDoubleBooking: booked.allowDoubleBooking }),
    ),
    ...(booked.allowDoubleBooking && actor.kind === 'staff'
      ? [auditStatement(audit(actor, meta, 'appointment.double_booking_allowed', booked))]
      : []),
  ]).catch((error: unknown) => {
    // The booking statement found the provider's time taken (see insertBooking in booking-insert-repository.ts).
    const conflicts = bookingConflictsOf(error);
    if (!conflicts) throw error;
    throw providerConflictError(
      conflicts.map((conflict) => describeConflict(conflict, 'provider')),
      providerName,
      zone,
    );
  });
  await repository.insertResourceClaims(tx, actor.practiceId, record.id, units);
  const cardOnFile = card && patient ? await recordCardAuthorization(deps, tx, actor, record, patient.id, card, meta) : null;
  if (record.kind === 'appointment' && record.patientId) {
    await announceAppointmentBooked(
      observers,
      tx,
      actor.practiceId,
      {
        id: record.id,
        patientId: record.patientId,
        serviceIds: booking.services.map((service) => service.serviceId),
        startsAt: record.startsAt,
        actorStaffId,
      },
      read.reactions,
    );
  }
  if (actor.kind === 'patient') {
    await actor.afterBooked(tx, record, {
      serviceNames: booking.services.map((service) => service.serviceName),
      card: cardOnFile ? { brand: cardOnFile.cardBrand, last4: cardOnFile.cardLast4 } : null,
    });
  }
  const fees =
    record.kind === 'appointment' ? (read.serviceFees ?? (await billing.serviceFeesWithin(tx, actor.practiceId, serviceIds))) : new Map();
  // A card taken now carries its own window; otherwise the clinic's applies.
  const settings =
    record.kind === 'appointment' && !cardOnFile
      ? (read.feeSettings ?? (await billing.feeSettingsWithin(tx, actor.practiceId, [record.clinicId])))
      : new Map<string, { cancellationWindowHours: number }>();
  const draft = draftOf(
    deps,
    { ...record, services: booking.services, cardOnFile },
    {
      patient,
      timeZone: zone,
      invoices: [],
      defaultCancellationWindowHours: settings.get(record.clinicId)?.cancellationWindowHours,
      fees,
    },
  );
  if (draft.view.kind === 'appointment') {
    // A patient created by this booking holds no membership yet.
    const tiers =
      patient && input.kind === 'appointment' && input.patientId
        ? (read.memberTiers ?? (await deps.memberTiers.memberTiersWithin(tx, actor.practiceId, [patient.id])))
        : undefined;
    draft.view.memberTiers = (patient && tiers?.get(patient.id)) || [];
  }
  return draft;
}

/**
 * One booking transaction. Its first reads are sent with BEGIN, one wait for all: the
 * session's confirmation, the booking already made with the Idempotency-Key (a replay
 * answers with it and writes nothing), and for an appointment its setup, patient, the
 * clinic's fee settings and the observers' reads.
 */
async function book(
  deps: AppointmentContext,
  actor: Booker,
  input: CreateAppointmentRequestParsed,
  requestKey: RequestKey | undefined,
  meta: RequestMeta,
  checkEveryClaim: boolean,
): Promise<{ draft: ViewDraft; replayed: boolean }> {
  const { database, catalog, patients, identity, billing, bookingObservers: observers } = deps;
  // A session taken from memory is confirmed by the transaction's first read (decision 013).
  const session = actor.kind === 'staff' ? identity.sessionConfirmationRead(actor) : undefined;
  const replayOf = requestKey ? repository.keyedBookingRead(actor.practiceId, requestKey.key) : undefined;
  const replay = async (tx: Transaction, keyed: repository.KeyedBooking) => {
    if (requestKey && !isSameRequest(keyed.requestFingerprint, requestKey.fingerprint)) throw keyReusedError();
    const existing = await repository.findAppointment(tx, actor.practiceId, keyed.appointmentId);
    if (!existing) throw new NotFoundError('Appointment', 'appointmentId');
    return { draft: await viewOf(deps, tx, actor.practiceId, existing), replayed: true };
  };
  if (input.kind === 'out_of_office') {
    return inPracticeReading(database, actor.practiceId, { session, replayOf }, async (tx, read) =>
      read.replayOf
        ? replay(tx, read.replayOf)
        : { draft: await createInTransaction(deps, tx, actor, input, requestKey, meta, checkEveryClaim), replayed: false },
    );
  }
  const reads = {
    session,
    replayOf,
    visit: catalog.visitCatalogRead(actor.practiceId, {
      clinicId: input.clinicId,
      providerId: input.providerId,
      choice: input.packageId ? { packageId: input.packageId } : { serviceIds: input.serviceIds ?? [] },
      mode: input.mode ?? 'in_person',
      start: new Date(input.start),
    }),
    patients: input.patientId ? patients.patientSummariesRead(actor.practiceId, [input.patientId]) : undefined,
    memberTiers: input.patientId ? deps.memberTiers.memberTiersRead(actor.practiceId, [input.patientId]) : undefined,
    feeSettings: billing.feeSettingsRead(actor.practiceId, [input.clinicId]),
    serviceFees: input.packageId ? undefined : billing.serviceFeesRead(actor.practiceId, input.serviceIds ?? []),
    // A package's services are known only once its setup is read: its observers read in the transaction.
    reactions: input.packageId ? [] : observers.map((observer) => observer.readForBooking?.(actor.practiceId, input.serviceIds ?? [])),
  };
  return inPracticeReading(database, actor.practiceId, reads, async (tx, read) =>
    read.replayOf
      ? replay(tx, read.replayOf)
      : { draft: await createInTransaction(deps, tx, actor, input, requestKey, meta, checkEveryClaim, read), replayed: false },
  );
}

async function findByRequestKey(deps: AppointmentContext, actor: Booker, requestKey: RequestKey): Promise<ViewDraft | undefined> {
  const { database } = deps;
  return inPractice(database, actor.practiceId, async (tx) => {
    const keyed = await repository.findKeyedBooking(tx, actor.practiceId, requestKey.key);
    if (!keyed) return undefined;
    if (!isSameRequest(keyed.requestFingerprint, requestKey.fingerprint)) throw keyReusedError();
    const existing = await repository.findAppointment(tx, actor.practiceId, keyed.appointmentId);
    return existing ? viewOf(deps, tx, actor.practiceId, existing) : undefined;
  });
}

/**
 * Books an appointment or out-of-office block. A repeated Idempotency-Key with the same body
 * returns the first booking; with another body it is refused (409 idempotency_key_reused).
 */
export async function bookAppointment(
  deps: AppointmentContext,
  actor: Booker,
  input: CreateAppointmentRequestParsed,
  idempotencyKey: string | undefined,
  meta: RequestMeta,
  /** What the Idempotency-Key is bound to, when not the whole input (an online booking's "any provider"). */
  fingerprinted: unknown = input,
): Promise<{ appointment: AppointmentView; replayed: boolean }> {
  const requestKey = requestKeyOf(idempotencyKey, fingerprinted);
  try {
    const { draft, replayed } = await withBookingRaceRetried((retry) => book(deps, actor, input, requestKey, meta, retry));
    return { appointment: finishView(draft), replayed };
  } catch (error) {
    // Another request with the same key booked after this one's read: answer with its booking.
    if (requestKey && sqlStateOf(error) === '23505' && constraintOf(error) === 'appointments_idempotency_key') {
      const existing = await findByRequestKey(deps, actor, requestKey);
      if (existing) return { appointment: finishView(existing), replayed: true };
    }
    throw error;
  }
}

/** What a patient books on the online booking page: the visit, with the provider chosen (by them or for them). */
export interface OnlineBookingRequest {
  clinicId: string;
  providerId: string;
  /** The provider the patient asked for; undefined for "any provider" (a retried request replays whichever was booked). */
  requestedProviderId: string | undefined;
  serviceIds?: string[] | undefined;
  packageId?: string | undefined;
  mode?: 'in_person' | 'virtual' | undefined;
  start: string;
  notes?: string | undefined;
}

/** The 409 a patient gets for a time someone else holds (or that is no longer open): never who holds it. */
export function slotTakenError(): ConflictError {
  return new ConflictError('That time was just taken. Choose another time.', 'slot_taken', { field: 'start' });
}

/**
 * The online booking page's booking: the staff booking use case above (its rules, its claims
 * under the exclusion constraints, its race handling) for the patient's own profile, never
 * double-booked, marked as booked online (source 'online', the patient as actor). A time
 * taken meanwhile, or no longer within the provider's hours, is a 409 `slot_taken`. The
 * Idempotency-Key is the patient's own: another patient's key never replays their booking.
 */
export async function bookAppointmentAsPatient(
  deps: AppointmentContext,
  booker: OnlineBooker,
  request: OnlineBookingRequest,
  idempotencyKey: string | undefined,
  meta: RequestMeta,
): Promise<{ appointment: AppointmentView; replayed: boolean }> {
  const input: CreateAppointmentRequestParsed = {
    kind: 'appointment',
    clinicId: request.clinicId,
    providerId: request.providerId,
    ...(request.packageId !== undefined ? { packageId: request.packageId } : { serviceIds: request.serviceIds ?? [] }),
    mode: request.mode,
    start: request.start,
    notes: request.notes,
    patientId: booker.patientId,
    allowDoubleBooking: false,
    requireCardOnFile: booker.card !== undefined,
  };
  const key = idempotencyKey === undefined ? undefined : `online:${booker.patientId}:${idempotencyKey}`;
  try {
    return await bookAppointment(deps, booker, input, key, meta, { ...input, providerId: request.requestedProviderId ?? 'any' });
  } catch (error) {
    if (error instanceof AppError && (error.code === 'booking_conflict' || error.code === 'outside_working_hours')) throw slotTakenError();
    throw error;
  }
}

/** The create body after zod parsing (defaults applied). */
export type CreateAppointmentRequestParsed = Omit<CreateAppointmentRequest, 'kind' | 'allowDoubleBooking' | 'requireCardOnFile'> & {
  kind: 'appointment' | 'out_of_office';
  allowDoubleBooking: boolean;
  requireCardOnFile: boolean;
};
