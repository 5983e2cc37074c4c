import type { CreateAppointmentRequest, UpdateAppointmentRequest } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { constraintOf, sqlStateOf, type Database, type Transaction } from '../../platform/database.ts';
import { ConflictError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors.ts';
import { inPractice } from '../../platform/tenancy.ts';
import type { IdentityService } from '../identity/index.ts';
import type { PatientsService, PatientSummaryRecord } from '../patients/index.ts';
import * as repository from './appointments-repository.ts';
import type { AppointmentRecord, AppointmentServiceRecord } from './appointments-repository.ts';
import type { AppointmentStatus } from './appointments-tables.ts';
import type { BookingCatalog, ServiceChoice, VisitCatalog } from './booking-catalog.ts';
import { layOutServices, type BookingTimeline } from './booking-timeline.ts';
import { describeLocalTime, localDateOf } from './clinic-local-time.ts';

export interface AppointmentView extends AppointmentRecord {
  services: AppointmentServiceRecord[];
  patient: PatientSummaryRecord | null;
  timeZone: string;
}

export interface ConflictDetail {
  appointmentId: string;
  start: string;
  end: string;
  on: 'provider' | 'resource';
  resourceId?: string;
}

export interface AppointmentDependencies {
  database: Database;
  clock: Clock;
  catalog: BookingCatalog;
  patients: PatientsService;
  identity: IdentityService;
}

/** What a booking holds: the provider's span and one unit per resource per service. */
interface Claim {
  providerId: string;
  providerStart: Date;
  providerEnd: Date;
  exclusive: boolean;
  resources: { position: number; resourceId: string; start: Date; end: Date }[];
}

const LIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'confirmed', 'checked_in', 'in_procedure'];
const MAX_LIST_DAYS = 93;
const MAX_LIST_ITEMS = 5000;

const transitions = {
  confirm: { from: ['booked'], to: 'confirmed', event: 'confirmed', verb: 'confirm' },
  checkIn: { from: ['booked', 'confirmed'], to: 'checked_in', event: 'checked_in', verb: 'check in' },
  startProcedure: { from: ['checked_in'], to: 'in_procedure', event: 'procedure_started', verb: 'start the procedure for' },
  complete: { from: ['checked_in', 'in_procedure'], to: 'completed', event: 'completed', verb: 'complete' },
} as const satisfies Record<string, { from: readonly AppointmentStatus[]; to: AppointmentStatus; event: string; verb: string }>;
export type SimpleTransition = keyof typeof transitions;

function snapshot(appointment: AppointmentRecord, services?: readonly AppointmentServiceRecord[]): Record<string, unknown> {
  return {
    status: appointment.status,
    start: appointment.startsAt.toISOString(),
    end: appointment.endsAt.toISOString(),
    providerId: appointment.providerId,
    clinicId: appointment.clinicId,
    mode: appointment.mode,
    notes: appointment.notes,
    allowDoubleBooking: appointment.allowDoubleBooking,
    ...(services ? { serviceIds: services.map((service) => service.serviceId) } : {}),
  };
}

function isBookingRace(error: unknown): boolean {
  const constraint = constraintOf(error);
  return sqlStateOf(error) === '23P01' && (constraint === 'provider_claims_no_overlap' || constraint === 'resource_claims_no_overlap');
}

export function createAppointmentsService({ database, clock, catalog, patients, identity }: AppointmentDependencies) {
  function audit(actor: StaffActor, meta: RequestMeta, action: string, appointment: Pick<AppointmentRecord, 'id' | 'patientId'> | null, details: Record<string, unknown> = {}) {
    return {
      practiceId: actor.practiceId,
      actorType: 'staff' as const,
      actorId: actor.staffId,
      actorLabel: actor.email,
      action,
      objectType: 'appointment',
      objectId: appointment?.id ?? null,
      ip: meta.ip,
      requestId: meta.requestId,
      details: appointment?.patientId ? { patientId: appointment.patientId, ...details } : details,
    };
  }

  function assertNotBeforeToday(start: Date, timeZone: string, field: string): void {
    const today = localDateOf(clock.now(), timeZone);
    if (localDateOf(start, timeZone) < today) {
      throw new ValidationError(`The start is before today (${today}) in the clinic's time zone, ${timeZone}.`, { field, code: 'start_in_past' });
    }
  }

  async function assertProviderWorking(tx: Transaction, actor: StaffActor, visit: Pick<VisitCatalog, 'clinic' | 'provider'>, timeline: BookingTimeline): Promise<void> {
    const working = await catalog.isProviderWorking(tx, actor.practiceId, {
      providerId: visit.provider.id,
      clinicId: visit.clinic.id,
      start: timeline.providerStart,
      end: timeline.providerEnd,
    });
    if (!working) {
      throw new ConflictError(
        `${visit.provider.displayName} is not working at ${visit.clinic.name} for the whole of ${describeLocalTime(timeline.visitStart, visit.clinic.timezone)}–${describeLocalTime(timeline.visitEnd, visit.clinic.timezone)} (buffers included).`,
        'outside_working_hours',
        { field: 'start' },
      );
    }
  }

  async function describeConflicts(tx: Transaction, practiceId: string, conflicts: { appointmentId: string; on: 'provider' | 'resource'; resourceId?: string }[]): Promise<ConflictDetail[]> {
    const details: ConflictDetail[] = [];
    for (const conflict of conflicts.slice(0, 5)) {
      const other = await repository.findAppointment(tx, practiceId, conflict.appointmentId);
      if (!other) continue;
      details.push({ ...conflict, start: other.startsAt.toISOString(), end: other.endsAt.toISOString() });
    }
    return details;
  }

  function conflictError(message: string, conflicts: ConflictDetail[]): ConflictError {
    return new ConflictError(message, 'booking_conflict', { field: 'start', extensions: { conflicts, conflictingAppointmentId: conflicts[0]?.appointmentId ?? null } });
  }

  /**
   * Claims the provider's time and a unit of every resource, checking first so the 409 can
   * name the booking in the way; the exclusion constraints settle races between transactions.
   */
  async function claimTime(tx: Transaction, practiceId: string, appointmentId: string, claim: Claim, resources: VisitCatalog['resources'], zone: string, providerName: string): Promise<void> {
    const providerConflicts = await repository.findProviderConflicts(tx, practiceId, claim.providerId, claim.providerStart, claim.providerEnd, appointmentId);
    if (claim.exclusive && providerConflicts.length > 0) {
      const conflicts = await describeConflicts(tx, practiceId, providerConflicts.map((conflict) => ({ appointmentId: conflict.appointmentId, on: 'provider' as const })));
      const first = conflicts[0];
      throw conflictError(
        first
          ? `${providerName} already has a booking from ${describeLocalTime(new Date(first.start), zone)} to ${describeLocalTime(new Date(first.end), zone)} that overlaps this time (buffers included). Choose another time, or tick "Allow double booking".`
          : `${providerName} is already booked at this time.`,
        conflicts,
      );
    }
    await repository.insertProviderClaim(tx, practiceId, { appointmentId, providerId: claim.providerId, start: claim.providerStart, end: claim.providerEnd, exclusive: claim.exclusive });

    const units: { position: number; resourceId: string; unit: number; start: Date; end: Date }[] = [];
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
        const conflicts = await describeConflicts(tx, practiceId, inUse.map((use) => ({ appointmentId: use.appointmentId, on: 'resource' as const, resourceId: need.resourceId })));
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
    await repository.insertResourceClaims(tx, practiceId, appointmentId, units);
  }

  function claimFor(providerId: string, timeline: BookingTimeline, allowDoubleBooking: boolean): Claim {
    return {
      providerId,
      providerStart: timeline.providerStart,
      providerEnd: timeline.providerEnd,
      exclusive: !allowDoubleBooking,
      resources: timeline.segments.flatMap((segment) =>
        [...new Set(segment.service.resourceIds)].map((resourceId) => ({ position: segment.position, resourceId, start: segment.start, end: segment.end })),
      ),
    };
  }

  function servicesOf(timeline: BookingTimeline): AppointmentServiceRecord[] {
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
   * Runs a booking change; when it loses a race on an exclusion constraint (another
   * transaction claimed the time between our check and our insert) it runs once more, so
   * the check now sees the winner and the 409 names it (or a free unit is found).
   */
  async function withBookingRaceRetried<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (!isBookingRace(error)) throw error;
    }
    try {
      return await work();
    } catch (error) {
      if (!isBookingRace(error)) throw error;
      throw new ConflictError('Someone booked this time a moment ago. Choose another time.', 'booking_conflict', { field: 'start', extensions: { conflicts: [], conflictingAppointmentId: null } });
    }
  }

  async function toViews(tx: Transaction, practiceId: string, records: AppointmentRecord[]): Promise<AppointmentView[]> {
    const ids = records.map((record) => record.id);
    const services = await repository.listServicesOf(tx, practiceId, ids);
    const patientsById = await patients.findPatientSummariesWithin(
      tx,
      practiceId,
      records.flatMap((record) => (record.patientId ? [record.patientId] : [])),
    );
    const clinics = await catalog.findClinics(tx, practiceId, [...new Set(records.map((record) => record.clinicId))]);
    return records.map((record) => ({
      ...record,
      services: services.get(record.id) ?? [],
      patient: record.patientId ? (patientsById.get(record.patientId) ?? null) : null,
      timeZone: clinics.get(record.clinicId)?.timezone ?? 'UTC',
    }));
  }

  async function viewOf(tx: Transaction, practiceId: string, record: AppointmentRecord): Promise<AppointmentView> {
    const [view] = await toViews(tx, practiceId, [record]);
    if (!view) throw new Error('view of one record is missing');
    return view;
  }

  async function loadForChange(tx: Transaction, actor: StaffActor, appointmentId: string, expectedVersion?: number): Promise<AppointmentRecord> {
    const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId, { forUpdate: true });
    if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
    if (expectedVersion !== undefined && expectedVersion !== appointment.version) throw new PreconditionFailedError();
    return appointment;
  }

  async function createInTransaction(tx: Transaction, actor: StaffActor, input: CreateAppointmentRequestParsed, idempotencyKey: string | undefined, meta: RequestMeta): Promise<AppointmentView> {
    const start = new Date(input.start);
    const now = clock.now();
    let record: AppointmentRecord;
    let services: AppointmentServiceRecord[] = [];
    let claim: Claim;
    let resources: VisitCatalog['resources'] = new Map();
    let zone: string;
    let providerName: string;

    if (input.kind === 'out_of_office') {
      const place = await catalog.loadClinicAndProvider(tx, actor.practiceId, input.clinicId, input.providerId);
      zone = place.clinic.timezone;
      providerName = place.provider.displayName;
      assertNotBeforeToday(start, zone, 'start');
      const end = new Date(input.end ?? input.start);
      record = await repository.insertAppointment(tx, actor.practiceId, {
        kind: 'out_of_office',
        clinicId: place.clinic.id,
        providerId: place.provider.id,
        title: input.title ?? null,
        startsAt: start,
        endsAt: end,
        notes: input.notes ?? null,
        allowDoubleBooking: input.allowDoubleBooking,
        createdBy: actor.staffId,
        idempotencyKey: idempotencyKey ?? null,
      });
      claim = { providerId: place.provider.id, providerStart: start, providerEnd: end, exclusive: !input.allowDoubleBooking, resources: [] };
    } else {
      const mode = input.mode ?? 'in_person';
      const choice: ServiceChoice = input.packageId ? { packageId: input.packageId } : { serviceIds: input.serviceIds ?? [] };
      const visit = await catalog.loadVisitCatalog(tx, actor.practiceId, { clinicId: input.clinicId, providerId: input.providerId, choice, mode });
      zone = visit.clinic.timezone;
      providerName = visit.provider.displayName;
      assertNotBeforeToday(start, zone, 'start');
      if (mode === 'virtual' && !visit.provider.virtualRoomUrl) {
        throw new ValidationError(`${visit.provider.displayName} has no virtual-visit room URL; add one in Settings → Providers first.`, { field: 'mode', code: 'no_virtual_room' });
      }
      const timeline = layOutServices(visit.services, start);
      await assertProviderWorking(tx, actor, visit, timeline);
      let patientId = input.patientId;
      if (patientId) {
        const patient = await patients.findPatientWithin(tx, actor.practiceId, patientId);
        if (!patient) throw new NotFoundError('Patient', 'patientId');
      } else if (input.newPatient) {
        patientId = (await patients.createPatientWithin(tx, actor, input.newPatient, meta)).patient.id;
      }
      record = await repository.insertAppointment(tx, actor.practiceId, {
        kind: 'appointment',
        mode,
        clinicId: visit.clinic.id,
        providerId: visit.provider.id,
        patientId: patientId ?? null,
        packageId: visit.packageId,
        startsAt: timeline.visitStart,
        endsAt: timeline.visitEnd,
        notes: input.notes ?? null,
        virtualRoomUrl: mode === 'virtual' ? visit.provider.virtualRoomUrl : null,
        allowDoubleBooking: input.allowDoubleBooking,
        requireCardOnFile: input.requireCardOnFile,
        createdBy: actor.staffId,
        idempotencyKey: idempotencyKey ?? null,
      });
      services = servicesOf(timeline);
      await repository.insertAppointmentServices(tx, actor.practiceId, record.id, services);
      claim = claimFor(visit.provider.id, timeline, input.allowDoubleBooking);
      resources = visit.resources;
    }

    await claimTime(tx, actor.practiceId, record.id, claim, resources, zone, providerName);
    await repository.insertEvent(tx, actor.practiceId, {
      appointmentId: record.id,
      actorStaffId: actor.staffId,
      type: 'created',
      after: snapshot(record, services),
      details: input.allowDoubleBooking ? { allowDoubleBooking: true } : {},
      occurredAt: now,
    });
    await recordAudit(tx, audit(actor, meta, 'appointment.create', record, { kind: record.kind, allowDoubleBooking: record.allowDoubleBooking }));
    if (record.allowDoubleBooking) await recordAudit(tx, audit(actor, meta, 'appointment.double_booking_allowed', record));
    return viewOf(tx, actor.practiceId, record);
  }

  async function findByIdempotencyKey(actor: StaffActor, idempotencyKey: string): Promise<AppointmentView | undefined> {
    return inPractice(database, actor.practiceId, async (tx) => {
      const existingId = await repository.findAppointmentIdByIdempotencyKey(tx, actor.practiceId, idempotencyKey);
      if (!existingId) return undefined;
      const existing = await repository.findAppointment(tx, actor.practiceId, existingId);
      return existing ? viewOf(tx, actor.practiceId, existing) : undefined;
    });
  }

  async function changeStatus(
    actor: StaffActor,
    appointmentId: string,
    meta: RequestMeta,
    decide: (tx: Transaction, appointment: AppointmentRecord) => Promise<{ changes: Partial<repository.AppointmentInsert>; event: string; details?: Record<string, unknown>; release?: boolean; claim?: () => Promise<void> }>,
  ): Promise<AppointmentView> {
    return withBookingRaceRetried(() =>
      inPractice(database, actor.practiceId, async (tx) => {
        const before = await loadForChange(tx, actor, appointmentId);
        const decision = await decide(tx, before);
        if (decision.release) await repository.releaseClaims(tx, actor.practiceId, appointmentId);
        if (decision.claim) await decision.claim();
        const after = await repository.updateAppointment(tx, actor.practiceId, appointmentId, decision.changes, clock.now());
        await repository.insertEvent(tx, actor.practiceId, {
          appointmentId,
          actorStaffId: actor.staffId,
          type: decision.event,
          before: snapshot(before),
          after: snapshot(after),
          details: decision.details ?? {},
          occurredAt: clock.now(),
        });
        await recordAudit(tx, audit(actor, meta, `appointment.${decision.event}`, after, decision.details ?? {}));
        return viewOf(tx, actor.practiceId, after);
      }),
    );
  }

  function assertStatus(appointment: AppointmentRecord, allowed: readonly AppointmentStatus[], verb: string): void {
    if (!allowed.includes(appointment.status)) {
      throw new ConflictError(`You cannot ${verb} an appointment that is ${appointment.status.replace('_', ' ')}.`, 'invalid_status', { field: 'status' });
    }
  }

  return {
    /** Books an appointment or out-of-office block; a repeated Idempotency-Key returns the first booking. */
    async createAppointment(actor: StaffActor, input: CreateAppointmentRequestParsed, idempotencyKey: string | undefined, meta: RequestMeta): Promise<{ appointment: AppointmentView; replayed: boolean }> {
      if (idempotencyKey) {
        const existing = await findByIdempotencyKey(actor, idempotencyKey);
        if (existing) return { appointment: existing, replayed: true };
      }
      try {
        const appointment = await withBookingRaceRetried(() => inPractice(database, actor.practiceId, (tx) => createInTransaction(tx, actor, input, idempotencyKey, meta)));
        return { appointment, replayed: false };
      } catch (error) {
        if (idempotencyKey && sqlStateOf(error) === '23505' && constraintOf(error) === 'appointments_idempotency_key') {
          const existing = await findByIdempotencyKey(actor, idempotencyKey);
          if (existing) return { appointment: existing, replayed: true };
        }
        throw error;
      }
    },

    async getAppointment(actor: StaffActor, appointmentId: string, meta: RequestMeta): Promise<AppointmentView> {
      return inPractice(database, actor.practiceId, async (tx) => {
        const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId);
        if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
        await recordAudit(tx, audit(actor, meta, 'appointment.read', appointment));
        return viewOf(tx, actor.practiceId, appointment);
      });
    },

    async listAppointments(
      actor: StaffActor,
      filter: { clinicId?: string | undefined; providerId?: string | undefined; patientId?: string | undefined; statuses?: AppointmentStatus[] | undefined; from: Date; to: Date },
      meta: RequestMeta,
      action = 'appointment.list',
    ): Promise<AppointmentView[]> {
      if (filter.to <= filter.from) throw new ValidationError('"to" must be after "from".', { field: 'to' });
      if (filter.to.getTime() - filter.from.getTime() > MAX_LIST_DAYS * 86_400_000) {
        throw new ValidationError(`Ask for at most ${MAX_LIST_DAYS} days at a time.`, { field: 'to', code: 'range_too_long' });
      }
      return inPractice(database, actor.practiceId, async (tx) => {
        const records = await repository.listAppointments(tx, actor.practiceId, filter, MAX_LIST_ITEMS);
        await recordAudit(tx, audit(actor, meta, action, null, { count: records.length, from: filter.from.toISOString(), to: filter.to.toISOString(), clinicId: filter.clinicId ?? null, providerId: filter.providerId ?? null, patientId: filter.patientId ?? null }));
        return toViews(tx, actor.practiceId, records);
      });
    },

    async history(actor: StaffActor, appointmentId: string, meta: RequestMeta) {
      return inPractice(database, actor.practiceId, async (tx) => {
        const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId);
        if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
        const events = await repository.listEvents(tx, actor.practiceId, appointmentId);
        await recordAudit(tx, audit(actor, meta, 'appointment.history_read', appointment));
        return events;
      });
    },

    /** Edits and reschedules: re-checks availability for any change of time, provider or services. */
    async updateAppointment(actor: StaffActor, appointmentId: string, changes: UpdateAppointmentRequest, expectedVersion: number | undefined, meta: RequestMeta): Promise<AppointmentView> {
      return withBookingRaceRetried(() =>
        inPractice(database, actor.practiceId, async (tx) => {
          const before = await loadForChange(tx, actor, appointmentId, expectedVersion);
          const beforeServices = (await repository.listServicesOf(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? [];
          const retimes =
            changes.start !== undefined ||
            changes.end !== undefined ||
            changes.providerId !== undefined ||
            changes.serviceIds !== undefined ||
            changes.packageId !== undefined ||
            changes.mode !== undefined ||
            changes.allowDoubleBooking !== undefined;
          if (retimes) assertStatus(before, ['booked', 'confirmed'], 'reschedule');
          else assertStatus(before, LIVE_STATUSES, 'edit');
          if (before.kind === 'appointment' && (changes.title !== undefined || changes.end !== undefined)) {
            throw new ValidationError('An appointment ends when its services end; change its services or start instead.', { field: changes.end !== undefined ? 'end' : 'title' });
          }
          if (before.kind === 'out_of_office' && (changes.serviceIds || changes.packageId || changes.mode)) {
            throw new ValidationError('An out-of-office block has no services.', { field: changes.serviceIds ? 'serviceIds' : changes.packageId ? 'packageId' : 'mode' });
          }

          const update: Partial<repository.AppointmentInsert> = {};
          if (changes.notes !== undefined) update.notes = changes.notes;
          if (changes.title !== undefined) update.title = changes.title;
          let services = beforeServices;
          if (retimes) {
            const start = new Date(changes.start ?? before.startsAt);
            const providerId = changes.providerId ?? before.providerId;
            const allowDoubleBooking = changes.allowDoubleBooking ?? before.allowDoubleBooking;
            await repository.releaseClaims(tx, actor.practiceId, appointmentId);
            if (before.kind === 'out_of_office') {
              const place = await catalog.loadClinicAndProvider(tx, actor.practiceId, before.clinicId, providerId);
              assertNotBeforeToday(start, place.clinic.timezone, 'start');
              const end = changes.end ? new Date(changes.end) : new Date(start.getTime() + (before.endsAt.getTime() - before.startsAt.getTime()));
              if (end <= start) throw new ValidationError('The end must be after the start.', { field: 'end' });
              Object.assign(update, { startsAt: start, endsAt: end, providerId, allowDoubleBooking });
              await claimTime(tx, actor.practiceId, appointmentId, { providerId, providerStart: start, providerEnd: end, exclusive: !allowDoubleBooking, resources: [] }, new Map(), place.clinic.timezone, place.provider.displayName);
            } else {
              const mode = changes.mode ?? before.mode ?? 'in_person';
              const choice: ServiceChoice = changes.packageId
                ? { packageId: changes.packageId }
                : changes.serviceIds
                  ? { serviceIds: changes.serviceIds }
                  : before.packageId
                    ? { packageId: before.packageId }
                    : { serviceIds: beforeServices.map((service) => service.serviceId) };
              const visit = await catalog.loadVisitCatalog(tx, actor.practiceId, { clinicId: before.clinicId, providerId, choice, mode });
              if (changes.start !== undefined) assertNotBeforeToday(start, visit.clinic.timezone, 'start');
              if (mode === 'virtual' && !visit.provider.virtualRoomUrl) {
                throw new ValidationError(`${visit.provider.displayName} has no virtual-visit room URL.`, { field: 'mode', code: 'no_virtual_room' });
              }
              const timeline = layOutServices(visit.services, start);
              await assertProviderWorking(tx, actor, visit, timeline);
              await claimTime(tx, actor.practiceId, appointmentId, claimFor(providerId, timeline, allowDoubleBooking), visit.resources, visit.clinic.timezone, visit.provider.displayName);
              services = servicesOf(timeline);
              await repository.replaceAppointmentServices(tx, actor.practiceId, appointmentId, services);
              Object.assign(update, {
                startsAt: timeline.visitStart,
                endsAt: timeline.visitEnd,
                providerId,
                mode,
                packageId: visit.packageId,
                allowDoubleBooking,
                virtualRoomUrl: mode === 'virtual' ? visit.provider.virtualRoomUrl : null,
              });
            }
          }
          const after = await repository.updateAppointment(tx, actor.practiceId, appointmentId, update, clock.now());
          const moved = after.startsAt.getTime() !== before.startsAt.getTime() || after.providerId !== before.providerId;
          const event = moved ? 'rescheduled' : 'updated';
          await repository.insertEvent(tx, actor.practiceId, {
            appointmentId,
            actorStaffId: actor.staffId,
            type: event,
            before: snapshot(before, beforeServices),
            after: snapshot(after, services),
            details: after.allowDoubleBooking && !before.allowDoubleBooking ? { allowDoubleBooking: true } : {},
            occurredAt: clock.now(),
          });
          await recordAudit(tx, audit(actor, meta, `appointment.${event}`, after, { changedFields: Object.keys(changes) }));
          if (after.allowDoubleBooking && !before.allowDoubleBooking) await recordAudit(tx, audit(actor, meta, 'appointment.double_booking_allowed', after));
          return viewOf(tx, actor.practiceId, after);
        }),
      );
    },

    async transition(actor: StaffActor, appointmentId: string, name: SimpleTransition, meta: RequestMeta): Promise<AppointmentView> {
      const rule = transitions[name];
      return changeStatus(actor, appointmentId, meta, async (_tx, appointment) => {
        if (appointment.kind === 'out_of_office') throw new ConflictError(`You cannot ${rule.verb} an out-of-office block.`, 'invalid_status', { field: 'kind' });
        assertStatus(appointment, rule.from, rule.verb);
        return { changes: { status: rule.to }, event: rule.event };
      });
    },

    async cancel(actor: StaffActor, appointmentId: string, input: { reason: string; chargeFee: boolean }, meta: RequestMeta): Promise<AppointmentView> {
      return changeStatus(actor, appointmentId, meta, async (_tx, appointment) => {
        assertStatus(appointment, ['booked', 'confirmed', 'checked_in'], 'cancel');
        return {
          changes: { status: 'cancelled', cancellationReason: input.reason, cancelledAt: clock.now() },
          event: 'cancelled',
          details: { reason: input.reason, feeRequested: input.chargeFee },
          release: true,
        };
      });
    },

    /** Only on the appointment's local day in its clinic's zone, or later. */
    async markNoShow(actor: StaffActor, appointmentId: string, input: { chargeFee: boolean }, meta: RequestMeta): Promise<AppointmentView> {
      return changeStatus(actor, appointmentId, meta, async (tx, appointment) => {
        if (appointment.kind !== 'appointment') throw new ConflictError('An out-of-office block cannot be a no-show.', 'invalid_status', { field: 'kind' });
        assertStatus(appointment, ['booked', 'confirmed'], 'mark as a no-show');
        const clinics = await catalog.findClinics(tx, actor.practiceId, [appointment.clinicId]);
        const zone = clinics.get(appointment.clinicId)?.timezone ?? 'UTC';
        const today = localDateOf(clock.now(), zone);
        const day = localDateOf(appointment.startsAt, zone);
        if (day > today) {
          throw new ConflictError(`You can mark a no-show only on the day of the appointment (${day}) or later; today is ${today} in ${zone}.`, 'too_early_for_no_show', { field: 'appointmentId' });
        }
        return {
          changes: { status: 'no_show', noShowMarkedAt: clock.now(), noShowFeeRequested: input.chargeFee && appointment.requireCardOnFile },
          event: 'no_show',
          details: { feeRequested: input.chargeFee && appointment.requireCardOnFile },
          release: true,
        };
      });
    },

    /** Puts a no-show back on the calendar as booked, claiming its time again. */
    async restore(actor: StaffActor, appointmentId: string, input: { allowDoubleBooking: boolean }, meta: RequestMeta): Promise<{ appointment: AppointmentView; notice: string | null }> {
      let notice: string | null = null;
      const appointment = await changeStatus(actor, appointmentId, meta, async (tx, before) => {
        assertStatus(before, ['no_show'], 'restore');
        const services = (await repository.listServicesOf(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? [];
        const visit = await catalog.loadVisitCatalog(tx, actor.practiceId, {
          clinicId: before.clinicId,
          providerId: before.providerId,
          choice: before.packageId ? { packageId: before.packageId } : { serviceIds: services.map((service) => service.serviceId) },
          mode: before.mode ?? 'in_person',
        });
        const timeline = layOutServices(visit.services, before.startsAt);
        if (before.noShowFeeRequested) {
          notice = 'A no-show fee was requested for this appointment. Restoring does not refund it: refund it from the invoice in Sales.';
        }
        return {
          changes: { status: 'booked', noShowMarkedAt: null, allowDoubleBooking: before.allowDoubleBooking || input.allowDoubleBooking },
          event: 'restored',
          details: input.allowDoubleBooking ? { allowDoubleBooking: true } : {},
          claim: () => claimTime(tx, actor.practiceId, appointmentId, claimFor(before.providerId, timeline, before.allowDoubleBooking || input.allowDoubleBooking), visit.resources, visit.clinic.timezone, visit.provider.displayName),
        };
      });
      return { appointment, notice };
    },

    /** The no-shows page: no-shows that started in [from, to). */
    async listNoShows(actor: StaffActor, filter: { from: Date; to: Date; clinicId?: string | undefined; providerId?: string | undefined }, meta: RequestMeta): Promise<AppointmentView[]> {
      return this.listAppointments(actor, { ...filter, statuses: ['no_show'] }, meta, 'appointment.no_show_list');
    },

    /** Busy time for availability searches, over the claim tables (one query per kind). */
    busyTimeSource: {
      async findBusyTimes(tx: Transaction, query: { practiceId: string; providerIds: readonly string[]; resourceIds: readonly string[]; from: number; to: number }) {
        return repository.findBusyIntervals(tx, query.practiceId, { providerIds: query.providerIds, resourceIds: query.resourceIds, from: new Date(query.from), to: new Date(query.to) });
      },
    },

    /** Display names of staff members (for the history's "who"). */
    async staffNames(actor: StaffActor, staffIds: readonly string[]): Promise<Map<string, string>> {
      if (staffIds.length === 0) return new Map();
      const wanted = new Set(staffIds);
      const members = await identity.listStaff(actor);
      return new Map(members.filter((member) => wanted.has(member.id)).map((member) => [member.id, member.displayName]));
    },
  };
}

export type AppointmentsService = ReturnType<typeof createAppointmentsService>;

/** The create body after zod parsing (defaults applied). */
export type CreateAppointmentRequestParsed = Omit<CreateAppointmentRequest, 'kind' | 'allowDoubleBooking' | 'requireCardOnFile'> & {
  kind: 'appointment' | 'out_of_office';
  allowDoubleBooking: boolean;
  requireCardOnFile: boolean;
};
