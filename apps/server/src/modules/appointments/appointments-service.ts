import { randomUUID } from 'node:crypto';
import type { CheckoutRequest, CreateAppointmentRequest, FeeOutcome, UpdateAppointmentRequest } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import { recordAudit, type AuditEntry, type RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import { constraintOf, sqlStateOf, type Database, type Transaction } from '../../platform/database.ts';
import { ConflictError, ForbiddenError, NotFoundError, PreconditionFailedError, ValidationError } from '../../platform/errors.ts';
import { inPractice, inPracticeReading } from '../../platform/tenancy.ts';
import type { BillingActor } from '../billing/index.ts';
import type { IdentityService } from '../identity/index.ts';
import type { PatientsService, PatientSummaryRecord } from '../patients/index.ts';
import {
  feeOutcomeOf,
  formatMoney,
  type AppointmentLink,
  type InvoiceAppointmentSummary,
  type InvoiceDetail,
  type InvoiceRecord,
  type OpenedInvoice,
  type SalesService,
} from '../sales/index.ts';
import {
  announceAppointmentBooked,
  announceAppointmentCancelled,
  announceAppointmentRescheduled,
  type BookedReaction,
  type BookingObserver,
} from './booking-observers.ts';
import { isInsideCancellationWindow, sumServiceFees, type ServiceFee } from './appointment-fees.ts';
import * as repository from './appointments-repository.ts';
import type {
  AppointmentDetails,
  AppointmentRecord,
  AppointmentServiceRecord,
  BookingConflict,
  CardAuthorizationRecord,
} from './appointments-repository.ts';
import type { AppointmentRequestAction, AppointmentStatus } from './appointments-tables.ts';
import type { BookingCatalog, ServiceChoice, VisitCatalog } from './booking-catalog.ts';
import { layOutServices, type BookingTimeline } from './booking-timeline.ts';
import { describeLocalTime, localDateOf } from './clinic-local-time.ts';

/** Where a booking was being made, for a conflict found when its writes reach the database. */
interface BookingPlace {
  /** Look at every claim of the provider for conflicts, not only the double-booked ones (see repository.insertBooking). */
  checkEveryClaim: boolean;
  providerName?: string;
  zone?: string;
}

/** What a booking read with BEGIN (absent: read in the transaction). */
interface BookingReads {
  visit?: VisitCatalog | undefined;
  patients?: Map<string, PatientSummaryRecord> | undefined;
  feeSettings?: Map<string, { cancellationWindowHours: number }> | undefined;
  /** Observers' reactions decided by what they read with BEGIN, by observer. */
  reactions?: (BookedReaction | undefined)[] | undefined;
}

/** What the book shows to decide whether to offer a fee (null for out-of-office blocks). */
export interface FeePolicyView {
  insideCancellationWindow: boolean;
  cancellationWindowHours: number;
  cancellationFeeCents: number;
  noShowFeeCents: number;
  currency: string;
  cardOnFile: boolean;
  cancellationFeeInvoiceId: string | null;
  noShowFeeInvoiceId: string | null;
}

export interface AppointmentView extends AppointmentRecord {
  services: AppointmentServiceRecord[];
  patient: PatientSummaryRecord | null;
  timeZone: string;
  /** The card entered or re-confirmed at booking, with the policy shown. */
  cardOnFile: CardAuthorizationRecord | null;
  feePolicy: FeePolicyView | null;
  checkoutInvoiceId: string | null;
}

/** A view read inside a transaction, with the appointment's invoices (fee actions and replays read them). */
interface ViewDraft {
  view: AppointmentView;
  invoices: InvoiceRecord[];
}

/** A card on file of a patient, read in the caller's transaction (the billing module). */
export interface CardDirectory {
  findPaymentMethodWithin(
    tx: Transaction,
    practiceId: string,
    patientId: string,
    paymentMethodId: string,
  ): Promise<{ id: string; brand: string; last4: string } | undefined>;
}

/** The service catalog's fees, read outside transactions (the practice module's catalog service). */
export interface ServiceFeeCatalog {
  listServices(actor: StaffActor, filter: { active?: boolean }): Promise<({ id: string } & ServiceFee)[]>;
}

/** What a fee request does, decided inside the action's transaction before anything is written. */
interface FeePlan {
  kind: 'cancellation_fee' | 'no_show_fee';
  amountCents: number;
  currency: string;
  paymentMethodId: string;
  description: string;
}

interface FeeSchedule {
  serviceIds: string[];
  fees: Map<string, ServiceFee>;
}

/** The services changed between reading their fees and the action's transaction: read again. */
class FeeScheduleChanged extends Error {}

/** A cancel, no-show or reschedule answer: the appointment and, when a fee was asked for, its outcome. */
export interface AppointmentActionResult {
  appointment: AppointmentView;
  fee: FeeOutcome | null;
  replayed: boolean;
}

/** The checkout body after zod parsing. */
export type CheckoutInput = Omit<CheckoutRequest, 'currency'> & { currency?: string | undefined };

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
  /**
   * Cards on file (billing), invoices (sales) and the services' fees (practice). Without
   * them (a bare booking service, as the demo's back-dated one) bookings carry no card
   * evidence and no fee or checkout can be taken.
   */
  cards?: CardDirectory;
  sales?: SalesService;
  serviceFees?: ServiceFeeCatalog;
  /** Other modules' reactions to bookings (paperwork, reminders), run in the booking's transaction. */
  bookingObservers?: readonly BookingObserver[];
}

/** What a booking holds: the provider's span and one unit per resource per service. */
interface Claim {
  providerId: string;
  providerStart: Date;
  providerEnd: Date;
  exclusive: boolean;
  resources: { position: number; resourceId: string; start: Date; end: Date }[];
}

/** A resource unit a booking holds for one of its services. */
type ResourceUnitClaim = Claim['resources'][number] & { unit: number };

const LIVE_STATUSES: readonly AppointmentStatus[] = ['booked', 'confirmed', 'checked_in', 'in_procedure'];
const FEE_LABELS = { cancellation_fee: 'late cancellation/rescheduling fee', no_show_fee: 'no-show fee' } as const;
const MAX_FEE_SCHEDULE_READS = 3;
const MAX_LIST_DAYS = 93;
const MAX_LIST_ITEMS = 5000;

const transitions = {
  confirm: { from: ['booked'], to: 'confirmed', event: 'confirmed', verb: 'confirm' },
  checkIn: { from: ['booked', 'confirmed'], to: 'checked_in', event: 'checked_in', verb: 'check in' },
  startProcedure: { from: ['checked_in'], to: 'in_procedure', event: 'procedure_started', verb: 'start the procedure for' },
  complete: { from: ['checked_in', 'in_procedure'], to: 'completed', event: 'completed', verb: 'complete' },
} as const satisfies Record<string, { from: readonly AppointmentStatus[]; to: AppointmentStatus; event: string; verb: string }>;
export type SimpleTransition = keyof typeof transitions;

type SnapshotFields = Pick<
  AppointmentRecord,
  'status' | 'startsAt' | 'endsAt' | 'providerId' | 'clinicId' | 'mode' | 'notes' | 'allowDoubleBooking'
>;

function snapshot(appointment: SnapshotFields, services?: readonly AppointmentServiceRecord[]): Record<string, unknown> {
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

/** Raised inside the checkout transaction when its Idempotency-Key turns out to be used: replay instead. */
class CheckoutReplay extends Error {}

/** What restoring a no-show says about its fee: charged fees are refunded by hand, from Sales. */
function restoreNotice(invoice: InvoiceRecord): string {
  const kept = invoice.amountPaidCents - invoice.amountRefundedCents;
  if (kept > 0) {
    return `A no-show fee of ${formatMoney(kept, invoice.currency)} was charged (invoice #${invoice.number}). Restoring does not refund it: refund it from the invoice in Sales.`;
  }
  if (invoice.status === 'unpaid') {
    return `The no-show fee on invoice #${invoice.number} is unpaid. Restoring does not void it: void it from the invoice in Sales if it no longer applies.`;
  }
  return invoice.status === 'void'
    ? `The no-show fee on invoice #${invoice.number} was voided.`
    : `The no-show fee on invoice #${invoice.number} was refunded.`;
}

function sameServices(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((serviceId, index) => serviceId === b[index]);
}

/** Busy time for availability searches, over the claim tables (one query per kind). */
export const appointmentBusyTimeSource = {
  async findBusyTimes(
    tx: Transaction,
    query: { practiceId: string; providerIds: readonly string[]; resourceIds: readonly string[]; from: number; to: number },
  ) {
    return repository.findBusyIntervals(tx, query.practiceId, {
      providerIds: query.providerIds,
      resourceIds: query.resourceIds,
      from: new Date(query.from),
      to: new Date(query.to),
    });
  },
};

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

export function createAppointmentsService({
  database,
  clock,
  catalog,
  patients,
  identity,
  cards,
  sales,
  serviceFees,
  bookingObservers: observers = [],
}: AppointmentDependencies) {
  function audit(
    actor: StaffActor,
    meta: RequestMeta,
    action: string,
    appointment: Pick<AppointmentRecord, 'id' | 'patientId'> | null,
    details: Record<string, unknown> = {},
  ): AuditEntry {
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
      throw new ValidationError(`The start is before today (${today}) in the clinic's time zone, ${timeZone}.`, {
        field,
        code: 'start_in_past',
      });
    }
  }

  async function assertProviderWorking(
    tx: Transaction,
    actor: StaffActor,
    visit: Pick<VisitCatalog, 'clinic' | 'provider' | 'workingHours'>,
    timeline: BookingTimeline,
  ): Promise<void> {
    const working =
      visit.workingHours.covers(timeline.providerStart, timeline.providerEnd) ??
      (await catalog.isProviderWorking(tx, actor.practiceId, {
        providerId: visit.provider.id,
        clinicId: visit.clinic.id,
        start: timeline.providerStart,
        end: timeline.providerEnd,
      }));
    if (!working) {
      throw new ConflictError(
        `${visit.provider.displayName} is not working at ${visit.clinic.name} for the whole of ${describeLocalTime(timeline.visitStart, visit.clinic.timezone)}–${describeLocalTime(timeline.visitEnd, visit.clinic.timezone)} (buffers included).`,
        'outside_working_hours',
        { field: 'start' },
      );
    }
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

  function describeConflict(conflict: BookingConflict, on: 'provider'): ConflictDetail {
    return { appointmentId: conflict.appointmentId, on, start: conflict.startsAt.toISOString(), end: conflict.endsAt.toISOString() };
  }

  function conflictError(message: string, conflicts: ConflictDetail[]): ConflictError {
    return new ConflictError(message, 'booking_conflict', {
      field: 'start',
      extensions: { conflicts, conflictingAppointmentId: conflicts[0]?.appointmentId ?? null },
    });
  }

  /** The 409 for provider time another booking holds, naming the first of them. */
  function providerConflictError(conflicts: ConflictDetail[], providerName: string, zone: string): ConflictError {
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
  async function claimTime(
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
  async function chooseResourceUnits(
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

  function claimFor(providerId: string, timeline: BookingTimeline, allowDoubleBooking: boolean): Claim {
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
   * Runs a booking change; when it fails an exclusion constraint (another transaction
   * claimed the time between our check and our insert, or a new booking left the overlap
   * with exclusive claims to the constraint) it runs once more, told it is a retry, so the
   * check now sees the winner and the 409 names it (or a free unit is found).
   */
  async function withBookingRaceRetried<T>(work: (retry: boolean) => Promise<T>): Promise<T> {
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

  /**
   * Adds what the book shows with each appointment: its services, patient, zone, card, fee
   * policy (the window, the services' fees, the fee invoices) and checkout invoice. Records
   * read with their details (the book's list) skip that read.
   */
  async function toViews(
    tx: Transaction,
    practiceId: string,
    records: readonly (AppointmentRecord | (AppointmentRecord & AppointmentDetails))[],
  ): Promise<ViewDraft[]> {
    const ids = records.map((record) => record.id);
    const clinicIds = [...new Set(records.map((record) => record.clinicId))];
    const missing = records.filter((record) => !('services' in record)).map((record) => record.id);
    const details = await repository.findAppointmentDetails(tx, practiceId, missing);
    const withDetails = records.map((record) =>
      'services' in record ? record : { ...record, ...(details.get(record.id) ?? { services: [], cardOnFile: null }) },
    );
    const patientsById = await patients.findPatientSummariesWithin(
      tx,
      practiceId,
      records.flatMap((record) => (record.patientId ? [record.patientId] : [])),
    );
    // Fees show only where the service was built with the catalog's fees (not the demo's bare booking service).
    const serviceIds = serviceFees
      ? [
          ...new Set(
            withDetails.flatMap((record) => (record.kind === 'appointment' ? record.services.map((service) => service.serviceId) : [])),
          ),
        ]
      : [];
    const { clinics, serviceFees: fees } = await catalog.findBookDetails(tx, practiceId, { clinicIds, serviceIds });
    const invoices = sales ? await sales.invoicesOfAppointmentsWithin(tx, practiceId, ids) : new Map<string, InvoiceRecord[]>();
    const settings = sales
      ? await sales.feeSettingsWithin(tx, practiceId, clinicIds)
      : new Map<string, { cancellationWindowHours: number }>();
    return withDetails.map((record) =>
      draftOf(record, {
        patient: record.patientId ? (patientsById.get(record.patientId) ?? null) : null,
        timeZone: clinics.get(record.clinicId)?.timezone ?? 'UTC',
        invoices: invoices.get(record.id) ?? [],
        defaultCancellationWindowHours: settings.get(record.clinicId)?.cancellationWindowHours,
        fees,
      }),
    );
  }

  /** An appointment as the book shows it, from what was read about it. */
  function draftOf(
    record: AppointmentRecord & AppointmentDetails,
    facts: {
      patient: PatientSummaryRecord | null;
      timeZone: string;
      invoices: InvoiceRecord[];
      /** The clinic's window now; a booking with a card keeps the window shown when the card was taken. */
      defaultCancellationWindowHours: number | undefined;
      fees: ReadonlyMap<string, ServiceFee>;
    },
  ): ViewDraft {
    const { invoices } = facts;
    const checkoutInvoiceId = invoices.find((invoice) => invoice.kind === 'service' && invoice.voidedAt === null)?.id ?? null;
    if (record.kind !== 'appointment') {
      return { view: { ...record, patient: facts.patient, timeZone: facts.timeZone, checkoutInvoiceId, feePolicy: null }, invoices };
    }
    // Fees are judged by the window the patient was shown when the card was taken.
    const cancellationWindowHours = record.cardOnFile?.cancellationWindowHours ?? facts.defaultCancellationWindowHours ?? 24;
    const amounts = sumServiceFees(record.services, facts.fees);
    const feePolicy: FeePolicyView = {
      insideCancellationWindow: isInsideCancellationWindow(clock.now(), record.startsAt, cancellationWindowHours),
      cancellationWindowHours,
      cancellationFeeCents: amounts.cancellationFeeCents,
      noShowFeeCents: amounts.noShowFeeCents,
      currency: amounts.currency ?? record.services[0]?.currency ?? 'USD',
      cardOnFile: record.cardOnFile !== null,
      cancellationFeeInvoiceId: invoices.find((invoice) => invoice.kind === 'cancellation_fee')?.id ?? null,
      noShowFeeInvoiceId: invoices.find((invoice) => invoice.kind === 'no_show_fee')?.id ?? null,
    };
    return { view: { ...record, patient: facts.patient, timeZone: facts.timeZone, checkoutInvoiceId, feePolicy }, invoices };
  }

  async function viewOf(tx: Transaction, practiceId: string, record: AppointmentRecord): Promise<ViewDraft> {
    const [view] = await toViews(tx, practiceId, [record]);
    if (!view) throw new Error('view of one record is missing');
    return view;
  }

  /** The practice's services' fees now (outside any transaction: the practice module reads them in its own). */
  async function loadServiceFees(actor: StaffActor): Promise<Map<string, ServiceFee>> {
    if (!serviceFees) return new Map();
    const list = await serviceFees.listServices(actor, {});
    return new Map(list.map((service) => [service.id, service]));
  }

  /** The view as answered: without the invoices read for fee decisions. */
  function finishView(draft: ViewDraft): AppointmentView {
    return draft.view;
  }

  /** Reads the appointment's services and the catalog's fees before a fee action's transaction. */
  async function loadFeeSchedule(actor: StaffActor, appointmentId: string): Promise<FeeSchedule> {
    const serviceIds = await inPractice(database, actor.practiceId, async (tx) =>
      ((await repository.listServicesOf(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? []).map(
        (service) => service.serviceId,
      ),
    );
    return { serviceIds, fees: await loadServiceFees(actor) };
  }

  /** Runs a fee action with the fees read first; reads them again if the services changed meanwhile. */
  async function withFeeSchedule<T>(
    needed: boolean,
    actor: StaffActor,
    appointmentId: string,
    work: (schedule: FeeSchedule) => Promise<T>,
  ): Promise<T> {
    for (let read = 1; ; read++) {
      const schedule = needed ? await loadFeeSchedule(actor, appointmentId) : { serviceIds: [], fees: new Map<string, ServiceFee>() };
      try {
        return await work(schedule);
      } catch (error) {
        if (!(error instanceof FeeScheduleChanged)) throw error;
        if (read >= MAX_FEE_SCHEDULE_READS) {
          throw new ConflictError('The appointment’s services keep changing; reload it and try again.', 'appointment_changed', {
            field: 'appointmentId',
          });
        }
      }
    }
  }

  /**
   * Decides a fee inside the action's transaction, before anything is written: the card taken
   * at booking must still be on file, the services must charge this fee, a cancellation must
   * fall inside the window shown at booking, and no fee of this kind may exist already.
   * Throws (rolling everything back) otherwise.
   */
  async function planFee(
    tx: Transaction,
    actor: StaffActor,
    appointment: AppointmentRecord,
    services: readonly AppointmentServiceRecord[],
    schedule: FeeSchedule,
    kind: FeePlan['kind'],
  ): Promise<FeePlan> {
    if (actor.role === 'provider') throw new ForbiddenError('Fees are charged by the front desk and managers.', 'fee_not_permitted');
    const noCard = (message: string) => new ConflictError(message, 'no_card_on_file', { field: 'chargeFee' });
    const authorization = (await repository.findCardAuthorizations(tx, actor.practiceId, [appointment.id])).get(appointment.id);
    if (!authorization || !appointment.patientId || !cards || !sales) {
      throw noCard('No card was entered when this appointment was booked, so no fee can be charged. Nothing was changed.');
    }
    if (!(await cards.findPaymentMethodWithin(tx, actor.practiceId, appointment.patientId, authorization.paymentMethodId))) {
      throw noCard(
        'The card entered at booking has been removed from the patient’s profile, so no fee can be charged. Nothing was changed.',
      );
    }
    if (
      !sameServices(
        services.map((service) => service.serviceId),
        schedule.serviceIds,
      )
    )
      throw new FeeScheduleChanged();
    const amounts = sumServiceFees(services, schedule.fees);
    if (!amounts.currency) {
      throw new ConflictError(
        'The appointment’s services are priced in different currencies, so one fee cannot be charged.',
        'mixed_currencies',
        {
          field: 'chargeFee',
        },
      );
    }
    const amountCents = kind === 'no_show_fee' ? amounts.noShowFeeCents : amounts.cancellationFeeCents;
    const names = services.map((service) => service.serviceName).join(', ');
    if (amountCents <= 0) {
      throw new ConflictError(
        `${names} has no ${FEE_LABELS[kind]}; set one in Settings → Services. Nothing was changed.`,
        'no_fee_configured',
        {
          field: 'chargeFee',
        },
      );
    }
    if (
      kind === 'cancellation_fee' &&
      !isInsideCancellationWindow(clock.now(), appointment.startsAt, authorization.cancellationWindowHours)
    ) {
      throw new ConflictError(
        `The appointment starts more than ${authorization.cancellationWindowHours} hours from now, outside the cancellation policy shown at booking: no fee is due. Nothing was changed.`,
        'outside_cancellation_window',
        { field: 'chargeFee' },
      );
    }
    const existing = ((await sales.invoicesOfAppointmentsWithin(tx, actor.practiceId, [appointment.id])).get(appointment.id) ?? []).find(
      (invoice) => invoice.kind === kind,
    );
    if (existing) {
      throw new ConflictError(
        `Invoice #${existing.number} already bills this appointment’s ${FEE_LABELS[kind]}; it is never charged twice.`,
        'fee_already_charged',
        {
          field: 'chargeFee',
          extensions: { invoiceId: existing.id },
        },
      );
    }
    const zone = (await catalog.findClinics(tx, actor.practiceId, [appointment.clinicId])).get(appointment.clinicId)?.timezone ?? 'UTC';
    const label = kind === 'no_show_fee' ? 'No-show fee' : 'Late cancellation/rescheduling fee';
    return {
      kind,
      amountCents,
      currency: amounts.currency,
      paymentMethodId: authorization.paymentMethodId,
      description: `${label}: ${names}, ${describeLocalTime(appointment.startsAt, zone)}`.slice(0, 300),
    };
  }

  /** Opens the fee invoice and its card attempt in the action's transaction, after the change. */
  async function openFee(
    tx: Transaction,
    actor: StaffActor,
    appointment: AppointmentRecord,
    plan: FeePlan,
    meta: RequestMeta,
  ): Promise<OpenedInvoice> {
    if (!sales || !appointment.patientId) throw new Error('a fee was planned without sales or a patient');
    const opened = await sales.openFeeInvoiceWithin(
      tx,
      actor,
      {
        appointmentId: appointment.id,
        patientId: appointment.patientId,
        clinicId: appointment.clinicId,
        kind: plan.kind,
        amountCents: plan.amountCents,
        currency: plan.currency,
        description: plan.description,
        paymentMethodId: plan.paymentMethodId,
      },
      meta,
    );
    await repository.insertEvent(tx, actor.practiceId, {
      appointmentId: appointment.id,
      actorStaffId: actor.staffId,
      type: 'fee_invoiced',
      details: {
        invoiceId: opened.invoice.id,
        invoiceNumber: opened.invoice.number,
        kind: plan.kind,
        amountCents: plan.amountCents,
        currency: plan.currency,
      },
      occurredAt: clock.now(),
    });
    return opened;
  }

  /** Charges the fee's card attempt after the action committed; a decline leaves the invoice unpaid. */
  async function chargeOpenedFee(actor: StaffActor, opened: OpenedInvoice, meta: RequestMeta): Promise<FeeOutcome> {
    if (!sales) throw new Error('a fee was opened without sales');
    if (!opened.pendingPayment) return feeOutcomeOf(opened.invoice, undefined);
    const { invoice, payment } = await sales.chargePayment(actor, actor.practiceId, opened.pendingPayment.id, meta);
    return feeOutcomeOf(invoice, payment);
  }

  /** A replayed fee action: settle a stalled attempt (same key at the gateway), then say where the fee stands. */
  async function replayFee(
    actor: StaffActor,
    appointment: ViewDraft,
    kind: FeePlan['kind'],
    meta: RequestMeta,
  ): Promise<FeeOutcome | null> {
    const invoice = appointment.invoices.find((candidate) => candidate.kind === kind);
    if (!invoice || !sales) return null;
    await sales.settleStalePayment(actor, actor.practiceId, invoice.id, meta);
    return inPractice(database, actor.practiceId, (tx) => sales.feeOutcomeWithin(tx, actor.practiceId, invoice.id));
  }

  /** True when this Idempotency-Key already did this action on this appointment (then replay); refuses a key reused elsewhere. */
  async function seenRequestKey(
    tx: Transaction,
    actor: StaffActor,
    requestKey: string | undefined,
    action: AppointmentRequestAction,
    appointmentId: string,
  ): Promise<boolean> {
    if (!requestKey) return false;
    const earlier = await repository.findRequestKey(tx, actor.practiceId, requestKey);
    if (!earlier) return false;
    if (earlier.action !== action || earlier.appointmentId !== appointmentId) {
      throw new ConflictError('This Idempotency-Key was already used for another request.', 'idempotency_key_reused', {
        field: 'Idempotency-Key',
      });
    }
    return true;
  }

  async function rememberRequestKey(
    tx: Transaction,
    actor: StaffActor,
    requestKey: string | undefined,
    action: AppointmentRequestAction,
    appointmentId: string,
  ): Promise<void> {
    if (requestKey)
      await repository.insertRequestKey(tx, actor.practiceId, {
        idempotencyKey: requestKey,
        action,
        appointmentId,
        createdAt: clock.now(),
      });
  }

  /** Concurrent requests with one key: the loser of the insert race replays the winner. */
  function isRequestKeyRace(error: unknown): boolean {
    return sqlStateOf(error) === '23505' && constraintOf(error) === 'appointment_request_keys_pkey';
  }

  async function loadForChange(
    tx: Transaction,
    actor: StaffActor,
    appointmentId: string,
    expectedVersion?: number,
  ): Promise<AppointmentRecord> {
    const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId, { forUpdate: true });
    if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
    if (expectedVersion !== undefined && expectedVersion !== appointment.version) throw new PreconditionFailedError();
    return appointment;
  }

  /**
   * "Enter Credit Card Details": the card must be one of this patient's cards on file,
   * entered or re-confirmed for this booking. A booking service built without billing (the
   * demo's back-dated one) records only the flag.
   */
  async function checkCardForBooking(
    tx: Transaction,
    actor: StaffActor,
    input: CreateAppointmentRequestParsed,
    patientId: string,
  ): Promise<{ id: string; brand: string; last4: string } | undefined> {
    if (!input.requireCardOnFile) {
      if (input.paymentMethodId) throw new ValidationError('Send requireCardOnFile: true with the card.', { field: 'requireCardOnFile' });
      return undefined;
    }
    if (!cards || !sales) return undefined;
    if (input.newPatient) {
      throw new ValidationError('A card can be taken only for a saved patient: save the patient and their card first, then book.', {
        field: 'newPatient',
        code: 'card_needs_saved_patient',
      });
    }
    if (!input.paymentMethodId) {
      throw new ValidationError('Enter or re-confirm the patient’s card for this booking (requireCardOnFile is on).', {
        field: 'paymentMethodId',
      });
    }
    if (actor.role === 'provider') throw new ForbiddenError('Cards are taken by the front desk and managers.', 'card_not_permitted');
    const card = await cards.findPaymentMethodWithin(tx, actor.practiceId, patientId, input.paymentMethodId);
    if (!card) throw new NotFoundError('Payment method of this patient', 'paymentMethodId');
    return card;
  }

  /** The dispute evidence: the card, the policy version shown, when, by whom and from where. */
  async function recordCardAuthorization(
    tx: Transaction,
    actor: StaffActor,
    record: AppointmentRecord,
    patientId: string,
    card: { id: string; brand: string; last4: string },
    meta: RequestMeta,
  ): Promise<CardAuthorizationRecord | null> {
    if (!sales) return null;
    const policy = await sales.currentPolicyWithin(tx, actor.practiceId, record.clinicId);
    const authorization = await repository.insertCardAuthorization(tx, actor.practiceId, {
      appointmentId: record.id,
      patientId,
      paymentMethodId: card.id,
      cardBrand: card.brand,
      cardLast4: card.last4,
      policyVersionId: policy.id,
      policyVersion: policy.version,
      cancellationWindowHours: policy.windowHours,
      authorizedAt: clock.now(),
      authorizedBy: actor.staffId,
      clientIp: meta.ip.slice(0, 100),
      userAgent: meta.userAgent?.slice(0, 300) ?? null,
    });
    await recordAudit(
      tx,
      audit(actor, meta, 'appointment.card_authorized', record, {
        paymentMethodId: card.id,
        last4: card.last4,
        policyVersion: policy.version,
      }),
    );
    return authorization;
  }

  /** The patient a booking is for: the one picked (it must be of this practice) or the one entered, created now. */
  async function findOrCreatePatient(
    tx: Transaction,
    actor: StaffActor,
    input: CreateAppointmentRequestParsed,
    meta: RequestMeta,
    read: Map<string, PatientSummaryRecord> | undefined,
  ): Promise<PatientSummaryRecord | null> {
    if (input.patientId) {
      const summaries = read ?? (await patients.findPatientSummariesWithin(tx, actor.practiceId, [input.patientId]));
      const patient = summaries.get(input.patientId);
      if (!patient) throw new NotFoundError('Patient', 'patientId');
      return patient;
    }
    if (!input.newPatient) return null;
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
   * answer is built from what the transaction read and wrote.
   */
  async function createInTransaction(
    tx: Transaction,
    actor: StaffActor,
    input: CreateAppointmentRequestParsed,
    idempotencyKey: string | undefined,
    meta: RequestMeta,
    place: BookingPlace,
    read: BookingReads = {},
  ): Promise<ViewDraft> {
    const start = new Date(input.start);
    const now = clock.now();
    let booking: repository.NewBooking;
    let claim: Claim;
    let resources: VisitCatalog['resources'] = new Map();
    let zone: string;
    let providerName: string;
    let patient: PatientSummaryRecord | null = null;
    let card: { id: string; brand: string; last4: string } | undefined;
    let fees = new Map<string, ServiceFee>();
    const eventOf = (appointment: Omit<SnapshotFields, 'status'>, services?: AppointmentServiceRecord[]) => ({
      actorStaffId: actor.staffId,
      after: snapshot({ ...appointment, status: 'booked' }, services),
      details: input.allowDoubleBooking ? { allowDoubleBooking: true } : {},
      occurredAt: now,
    });

    if (input.kind === 'out_of_office') {
      const place = await catalog.loadClinicAndProvider(tx, actor.practiceId, input.clinicId, input.providerId);
      zone = place.clinic.timezone;
      providerName = place.provider.displayName;
      assertNotBeforeToday(start, zone, 'start');
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
        createdBy: actor.staffId,
        idempotencyKey: idempotencyKey ?? null,
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
      assertNotBeforeToday(start, zone, 'start');
      if (mode === 'virtual' && !visit.provider.virtualRoomUrl) {
        throw new ValidationError(`${visit.provider.displayName} has no virtual-visit room URL; add one in Settings → Providers first.`, {
          field: 'mode',
          code: 'no_virtual_room',
        });
      }
      const timeline = layOutServices(visit.services, start);
      await assertProviderWorking(tx, actor, visit, timeline);
      patient = await findOrCreatePatient(tx, actor, input, meta, read.patients);
      card = patient ? await checkCardForBooking(tx, actor, input, patient.id) : undefined;
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
        requireCardOnFile: input.requireCardOnFile,
        createdBy: actor.staffId,
        idempotencyKey: idempotencyKey ?? null,
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
      if (serviceFees) fees = new Map(visit.services.map((service) => [service.serviceId, service]));
    }

    place.providerName = providerName;
    place.zone = zone;
    // Everything the booking reads comes before its writes: the booking statement (whose
    // conflict check fails the transaction, see `book`) then travels with the next write
    // that needs a round trip of its own, or with COMMIT.
    const units = await chooseResourceUnits(tx, actor.practiceId, booking.id, claim, resources, zone);
    const record = await repository.insertBooking(tx, actor.practiceId, booking, { checkEveryClaim: place.checkEveryClaim });
    await repository.insertResourceClaims(tx, actor.practiceId, record.id, units);
    const cardOnFile = card && patient ? await recordCardAuthorization(tx, actor, record, patient.id, card, meta) : null;
    await recordAudit(
      tx,
      audit(actor, meta, 'appointment.create', record, { kind: record.kind, allowDoubleBooking: record.allowDoubleBooking }),
    );
    if (record.allowDoubleBooking) await recordAudit(tx, audit(actor, meta, 'appointment.double_booking_allowed', record));
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
          actorStaffId: actor.staffId,
        },
        read.reactions,
      );
    }
    // A card taken now carries its own window; otherwise the clinic's applies.
    const settings =
      record.kind === 'appointment' && !cardOnFile && sales
        ? (read.feeSettings ?? (await sales.feeSettingsWithin(tx, actor.practiceId, [record.clinicId])))
        : new Map<string, { cancellationWindowHours: number }>();
    return draftOf(
      { ...record, services: booking.services, cardOnFile },
      {
        patient,
        timeZone: zone,
        invoices: [],
        defaultCancellationWindowHours: settings.get(record.clinicId)?.cancellationWindowHours,
        fees,
      },
    );
  }

  /**
   * One booking transaction. An appointment's setup, patient and the clinic's fee settings
   * are independent reads: they travel with BEGIN, one round trip for all three.
   */
  async function book(
    actor: StaffActor,
    input: CreateAppointmentRequestParsed,
    idempotencyKey: string | undefined,
    meta: RequestMeta,
    checkEveryClaim: boolean,
  ): Promise<ViewDraft> {
    const place: BookingPlace = { checkEveryClaim };
    try {
      // A session taken from memory is confirmed by the transaction's first read (decision 013).
      const session = identity.sessionConfirmationRead(actor);
      if (input.kind === 'out_of_office') {
        return await inPracticeReading(database, actor.practiceId, { session }, (tx) =>
          createInTransaction(tx, actor, input, idempotencyKey, meta, place),
        );
      }
      const reads = {
        session,
        visit: catalog.visitCatalogRead(actor.practiceId, {
          clinicId: input.clinicId,
          providerId: input.providerId,
          choice: input.packageId ? { packageId: input.packageId } : { serviceIds: input.serviceIds ?? [] },
          mode: input.mode ?? 'in_person',
          start: new Date(input.start),
        }),
        patients: input.patientId ? patients.patientSummariesRead(actor.practiceId, [input.patientId]) : undefined,
        feeSettings: sales?.feeSettingsRead(actor.practiceId, [input.clinicId]),
        // A package's services are known only once its setup is read: its observers read in the transaction.
        reactions: input.packageId ? [] : observers.map((observer) => observer.readForBooking?.(actor.practiceId, input.serviceIds ?? [])),
      };
      return await inPracticeReading(database, actor.practiceId, reads, (tx, read) =>
        createInTransaction(tx, actor, input, idempotencyKey, meta, place, read),
      );
    } catch (error) {
      // The booking statement found the provider's time taken (see repository.insertBooking).
      const conflicts = repository.bookingConflictsOf(error);
      if (!conflicts) throw error;
      throw providerConflictError(
        conflicts.map((conflict) => describeConflict(conflict, 'provider')),
        place.providerName ?? 'The provider',
        place.zone ?? 'UTC',
      );
    }
  }

  async function findByIdempotencyKey(actor: StaffActor, idempotencyKey: string): Promise<ViewDraft | undefined> {
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
    decide: (
      tx: Transaction,
      appointment: AppointmentRecord,
    ) => Promise<
      | 'unchanged'
      | {
          changes: Partial<repository.AppointmentInsert>;
          event: string;
          details?: Record<string, unknown>;
          release?: boolean;
          claim?: () => Promise<void>;
          /** More work in the same transaction, after the change (a fee invoice). */
          afterChange?: (after: AppointmentRecord) => Promise<void>;
        }
    >,
  ): Promise<ViewDraft> {
    return withBookingRaceRetried(() =>
      inPractice(database, actor.practiceId, async (tx) => {
        const before = await loadForChange(tx, actor, appointmentId);
        const decision = await decide(tx, before);
        if (decision === 'unchanged') return viewOf(tx, actor.practiceId, before);
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
        if (decision.afterChange) await decision.afterChange(after);
        return viewOf(tx, actor.practiceId, after);
      }),
    );
  }

  /**
   * A status change that may charge a fee (cancel, no-show): the status rules first, then the
   * fee's (both before any write, so a refused fee changes nothing), then the change and the
   * fee invoice in one transaction; the card is charged after it commits. A repeated
   * Idempotency-Key replays the first outcome.
   */
  async function feeAction(
    actor: StaffActor,
    appointmentId: string,
    chargeFee: boolean,
    action: AppointmentRequestAction,
    kind: FeePlan['kind'],
    meta: RequestMeta,
    requestKey: string | undefined,
    decide: (
      tx: Transaction,
      appointment: AppointmentRecord,
    ) => Promise<{ changes: Partial<repository.AppointmentInsert>; event: string; details: Record<string, unknown>; release: boolean }>,
  ): Promise<AppointmentActionResult> {
    return withFeeSchedule(chargeFee, actor, appointmentId, async (schedule) => {
      let opened: OpenedInvoice | undefined;
      let replayed = false;
      const draft = await changeStatus(actor, appointmentId, meta, async (tx, appointment) => {
        opened = undefined;
        replayed = await seenRequestKey(tx, actor, requestKey, action, appointmentId);
        if (replayed) return 'unchanged';
        const decision = await decide(tx, appointment);
        let plan: FeePlan | undefined;
        if (chargeFee) {
          const services = (await repository.listServicesOf(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? [];
          plan = await planFee(tx, actor, appointment, services, schedule, kind);
        }
        return {
          ...decision,
          details: plan ? { ...decision.details, feeCents: plan.amountCents, feeCurrency: plan.currency } : decision.details,
          afterChange: async (after) => {
            await announceAppointmentCancelled(observers, tx, actor.practiceId, { id: after.id });
            if (plan) opened = await openFee(tx, actor, after, plan, meta);
            await rememberRequestKey(tx, actor, requestKey, action, appointmentId);
          },
        };
      }).catch(async (error: unknown) => {
        if (!requestKey || !isRequestKeyRace(error)) throw error;
        replayed = true;
        return inPractice(database, actor.practiceId, async (tx) =>
          viewOf(tx, actor.practiceId, await loadForChange(tx, actor, appointmentId)),
        );
      });
      const fee = opened ? await chargeOpenedFee(actor, opened, meta) : replayed ? await replayFee(actor, draft, kind, meta) : null;
      return { appointment: finishView(draft), fee, replayed };
    });
  }

  function assertStatus(appointment: AppointmentRecord, allowed: readonly AppointmentStatus[], verb: string): void {
    if (!allowed.includes(appointment.status)) {
      throw new ConflictError(`You cannot ${verb} an appointment that is ${appointment.status.replace('_', ' ')}.`, 'invalid_status', {
        field: 'status',
      });
    }
  }

  return {
    /** Books an appointment or out-of-office block; a repeated Idempotency-Key returns the first booking. */
    async createAppointment(
      actor: StaffActor,
      input: CreateAppointmentRequestParsed,
      idempotencyKey: string | undefined,
      meta: RequestMeta,
    ): Promise<{ appointment: AppointmentView; replayed: boolean }> {
      if (idempotencyKey) {
        const existing = await findByIdempotencyKey(actor, idempotencyKey);
        if (existing) return { appointment: finishView(existing), replayed: true };
      }
      try {
        const appointment = await withBookingRaceRetried((retry) => book(actor, input, idempotencyKey, meta, retry));
        return { appointment: finishView(appointment), replayed: false };
      } catch (error) {
        if (idempotencyKey && sqlStateOf(error) === '23505' && constraintOf(error) === 'appointments_idempotency_key') {
          const existing = await findByIdempotencyKey(actor, idempotencyKey);
          if (existing) return { appointment: finishView(existing), replayed: true };
        }
        throw error;
      }
    },

    async getAppointment(actor: StaffActor, appointmentId: string, meta: RequestMeta): Promise<AppointmentView> {
      const draft = await inPractice(database, actor.practiceId, async (tx) => {
        const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId);
        if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
        await recordAudit(tx, audit(actor, meta, 'appointment.read', appointment));
        return viewOf(tx, actor.practiceId, appointment);
      });
      return finishView(draft);
    },

    async listAppointments(
      actor: StaffActor,
      filter: {
        clinicId?: string | undefined;
        providerId?: string | undefined;
        patientId?: string | undefined;
        statuses?: AppointmentStatus[] | undefined;
        from: Date;
        to: Date;
      },
      meta: RequestMeta,
      action = 'appointment.list',
    ): Promise<AppointmentView[]> {
      if (filter.to <= filter.from) throw new ValidationError('"to" must be after "from".', { field: 'to' });
      if (filter.to.getTime() - filter.from.getTime() > MAX_LIST_DAYS * 86_400_000) {
        throw new ValidationError(`Ask for at most ${MAX_LIST_DAYS} days at a time.`, { field: 'to', code: 'range_too_long' });
      }
      const drafts = await inPractice(database, actor.practiceId, async (tx) => {
        const records = await repository.listAppointmentsWithDetails(tx, actor.practiceId, filter, MAX_LIST_ITEMS);
        await recordAudit(
          tx,
          audit(actor, meta, action, null, {
            count: records.length,
            from: filter.from.toISOString(),
            to: filter.to.toISOString(),
            clinicId: filter.clinicId ?? null,
            providerId: filter.providerId ?? null,
            patientId: filter.patientId ?? null,
          }),
        );
        return toViews(tx, actor.practiceId, records);
      });
      return drafts.map(finishView);
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

    /**
     * Edits and reschedules: re-checks availability for any change of time, provider or
     * services. With chargeFee, a reschedule inside the cancellation window charges the
     * services' cancellation fee (one cancellation/rescheduling fee per appointment).
     */
    async updateAppointment(
      actor: StaffActor,
      appointmentId: string,
      input: UpdateAppointmentRequest,
      expectedVersion: number | undefined,
      meta: RequestMeta,
      requestKey?: string,
    ): Promise<AppointmentActionResult> {
      const { chargeFee = false, ...changes } = input;
      if (chargeFee && changes.start === undefined) {
        throw new ValidationError('A fee goes with a reschedule: send the new start with chargeFee.', {
          field: 'chargeFee',
          code: 'fee_needs_reschedule',
        });
      }
      return withFeeSchedule(chargeFee, actor, appointmentId, async (schedule) => {
        let opened: OpenedInvoice | undefined;
        let replayed = false;
        const draft = await withBookingRaceRetried(() =>
          inPractice(database, actor.practiceId, async (tx) => {
            opened = undefined;
            const current = await loadForChange(tx, actor, appointmentId);
            replayed = await seenRequestKey(tx, actor, requestKey, 'reschedule', appointmentId);
            if (replayed) return viewOf(tx, actor.practiceId, current);
            if (expectedVersion !== undefined && expectedVersion !== current.version) throw new PreconditionFailedError();
            const before = current;
            const beforeServices = (await repository.listServicesOf(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? [];
            const plan = chargeFee ? await planFee(tx, actor, before, beforeServices, schedule, 'cancellation_fee') : undefined;
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
              throw new ValidationError('An appointment ends when its services end; change its services or start instead.', {
                field: changes.end !== undefined ? 'end' : 'title',
              });
            }
            if (before.kind === 'out_of_office' && (changes.serviceIds || changes.packageId || changes.mode)) {
              throw new ValidationError('An out-of-office block has no services.', {
                field: changes.serviceIds ? 'serviceIds' : changes.packageId ? 'packageId' : 'mode',
              });
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
                const end = changes.end
                  ? new Date(changes.end)
                  : new Date(start.getTime() + (before.endsAt.getTime() - before.startsAt.getTime()));
                if (end <= start) throw new ValidationError('The end must be after the start.', { field: 'end' });
                Object.assign(update, { startsAt: start, endsAt: end, providerId, allowDoubleBooking });
                await claimTime(
                  tx,
                  actor.practiceId,
                  appointmentId,
                  { providerId, providerStart: start, providerEnd: end, exclusive: !allowDoubleBooking, resources: [] },
                  new Map(),
                  place.clinic.timezone,
                  place.provider.displayName,
                );
              } else {
                const mode = changes.mode ?? before.mode ?? 'in_person';
                const choice: ServiceChoice = changes.packageId
                  ? { packageId: changes.packageId }
                  : changes.serviceIds
                    ? { serviceIds: changes.serviceIds }
                    : before.packageId
                      ? { packageId: before.packageId }
                      : { serviceIds: beforeServices.map((service) => service.serviceId) };
                const visit = await catalog.loadVisitCatalog(tx, actor.practiceId, {
                  clinicId: before.clinicId,
                  providerId,
                  choice,
                  mode,
                  start,
                });
                if (changes.start !== undefined) assertNotBeforeToday(start, visit.clinic.timezone, 'start');
                if (mode === 'virtual' && !visit.provider.virtualRoomUrl) {
                  throw new ValidationError(`${visit.provider.displayName} has no virtual-visit room URL.`, {
                    field: 'mode',
                    code: 'no_virtual_room',
                  });
                }
                const timeline = layOutServices(visit.services, start);
                await assertProviderWorking(tx, actor, visit, timeline);
                await claimTime(
                  tx,
                  actor.practiceId,
                  appointmentId,
                  claimFor(providerId, timeline, allowDoubleBooking),
                  visit.resources,
                  visit.clinic.timezone,
                  visit.provider.displayName,
                );
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
            if (plan && after.startsAt.getTime() === before.startsAt.getTime()) {
              throw new ValidationError('The start did not change, so this is not a reschedule and no fee applies.', {
                field: 'chargeFee',
                code: 'fee_needs_reschedule',
              });
            }
            await repository.insertEvent(tx, actor.practiceId, {
              appointmentId,
              actorStaffId: actor.staffId,
              type: event,
              before: snapshot(before, beforeServices),
              after: snapshot(after, services),
              details: after.allowDoubleBooking && !before.allowDoubleBooking ? { allowDoubleBooking: true } : {},
              occurredAt: clock.now(),
            });
            await recordAudit(
              tx,
              audit(actor, meta, `appointment.${event}`, after, { changedFields: Object.keys(changes), feeRequested: chargeFee }),
            );
            if (after.allowDoubleBooking && !before.allowDoubleBooking)
              await recordAudit(tx, audit(actor, meta, 'appointment.double_booking_allowed', after));
            if (retimes && after.kind === 'appointment' && after.patientId) {
              await announceAppointmentRescheduled(observers, tx, actor.practiceId, {
                id: after.id,
                patientId: after.patientId,
                serviceIds: services.map((service) => service.serviceId),
                startsAt: after.startsAt,
                previousStartsAt: before.startsAt,
                actorStaffId: actor.staffId,
              });
            }
            if (plan) opened = await openFee(tx, actor, after, plan, meta);
            await rememberRequestKey(tx, actor, requestKey, 'reschedule', appointmentId);
            return viewOf(tx, actor.practiceId, after);
          }),
        ).catch(async (error: unknown) => {
          if (requestKey && isRequestKeyRace(error)) {
            replayed = true;
            return inPractice(database, actor.practiceId, async (tx) =>
              viewOf(tx, actor.practiceId, await loadForChange(tx, actor, appointmentId)),
            );
          }
          throw error;
        });
        const fee = opened
          ? await chargeOpenedFee(actor, opened, meta)
          : replayed
            ? await replayFee(actor, draft, 'cancellation_fee', meta)
            : null;
        return { appointment: finishView(draft), fee, replayed };
      });
    },

    async transition(actor: StaffActor, appointmentId: string, name: SimpleTransition, meta: RequestMeta): Promise<AppointmentView> {
      const rule = transitions[name];
      const draft = await changeStatus(actor, appointmentId, meta, async (_tx, appointment) => {
        if (appointment.kind === 'out_of_office')
          throw new ConflictError(`You cannot ${rule.verb} an out-of-office block.`, 'invalid_status', { field: 'kind' });
        assertStatus(appointment, rule.from, rule.verb);
        return { changes: { status: rule.to }, event: rule.event };
      });
      return finishView(draft);
    },

    /**
     * Cancels with a reason. With chargeFee, inside the cancellation window, the services'
     * cancellation fee is charged to the card taken at booking; without such a card the
     * request is refused before anything is written (409 no_card_on_file).
     */
    async cancel(
      actor: StaffActor,
      appointmentId: string,
      input: { reason: string; chargeFee: boolean },
      meta: RequestMeta,
      requestKey?: string,
    ): Promise<AppointmentActionResult> {
      return feeAction(actor, appointmentId, input.chargeFee, 'cancel', 'cancellation_fee', meta, requestKey, async (_tx, appointment) => {
        assertStatus(appointment, ['booked', 'confirmed', 'checked_in'], 'cancel');
        return {
          changes: { status: 'cancelled', cancellationReason: input.reason, cancelledAt: clock.now() },
          event: 'cancelled',
          details: { reason: input.reason, feeRequested: input.chargeFee },
          release: true,
        };
      });
    },

    /**
     * Only on the appointment's local day in its clinic's zone, or later. With chargeFee the
     * services' no-show fee is charged to the card taken at booking (the reference's pop-up
     * is offered only then; feePolicy.cardOnFile says so).
     */
    async markNoShow(
      actor: StaffActor,
      appointmentId: string,
      input: { chargeFee: boolean },
      meta: RequestMeta,
      requestKey?: string,
    ): Promise<AppointmentActionResult> {
      return feeAction(actor, appointmentId, input.chargeFee, 'no_show', 'no_show_fee', meta, requestKey, async (tx, appointment) => {
        if (appointment.kind !== 'appointment')
          throw new ConflictError('An out-of-office block cannot be a no-show.', 'invalid_status', { field: 'kind' });
        assertStatus(appointment, ['booked', 'confirmed'], 'mark as a no-show');
        const clinics = await catalog.findClinics(tx, actor.practiceId, [appointment.clinicId]);
        const zone = clinics.get(appointment.clinicId)?.timezone ?? 'UTC';
        const today = localDateOf(clock.now(), zone);
        const day = localDateOf(appointment.startsAt, zone);
        if (day > today) {
          throw new ConflictError(
            `You can mark a no-show only on the day of the appointment (${day}) or later; today is ${today} in ${zone}.`,
            'too_early_for_no_show',
            { field: 'appointmentId' },
          );
        }
        return {
          changes: { status: 'no_show', noShowMarkedAt: clock.now(), noShowFeeRequested: input.chargeFee },
          event: 'no_show',
          details: { feeRequested: input.chargeFee },
          release: true,
        };
      });
    },

    /**
     * Puts a no-show back on the calendar as booked, claiming its time again. A no-show fee
     * already charged is not refunded: the notice links its invoice, refunded from Sales.
     */
    async restore(
      actor: StaffActor,
      appointmentId: string,
      input: { allowDoubleBooking: boolean },
      meta: RequestMeta,
    ): Promise<{ appointment: AppointmentView; notice: string | null; feeInvoiceId: string | null }> {
      const draft = await changeStatus(actor, appointmentId, meta, async (tx, before) => {
        assertStatus(before, ['no_show'], 'restore');
        const services = (await repository.listServicesOf(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? [];
        const visit = await catalog.loadVisitCatalog(tx, actor.practiceId, {
          clinicId: before.clinicId,
          providerId: before.providerId,
          choice: before.packageId ? { packageId: before.packageId } : { serviceIds: services.map((service) => service.serviceId) },
          mode: before.mode ?? 'in_person',
          start: before.startsAt,
        });
        const timeline = layOutServices(visit.services, before.startsAt);
        return {
          changes: { status: 'booked', noShowMarkedAt: null, allowDoubleBooking: before.allowDoubleBooking || input.allowDoubleBooking },
          event: 'restored',
          details: input.allowDoubleBooking ? { allowDoubleBooking: true } : {},
          claim: () =>
            claimTime(
              tx,
              actor.practiceId,
              appointmentId,
              claimFor(before.providerId, timeline, before.allowDoubleBooking || input.allowDoubleBooking),
              visit.resources,
              visit.clinic.timezone,
              visit.provider.displayName,
            ),
        };
      });
      const feeInvoice = draft.invoices.find((invoice) => invoice.kind === 'no_show_fee');
      return {
        appointment: finishView(draft),
        notice: feeInvoice ? restoreNotice(feeInvoice) : null,
        feeInvoiceId: feeInvoice?.id ?? null,
      };
    },

    /**
     * Checks an appointment out: an invoice of its services as booked, products, a discount
     * and the clinic's tax, paid by card on file, a new card or cash. Paid in full, the
     * appointment becomes completed. A declined card leaves the invoice unpaid and the
     * appointment as it was (402). Allowed once checked in (or completed without checkout).
     */
    async checkout(
      actor: StaffActor,
      appointmentId: string,
      input: CheckoutInput,
      requestKey: string | undefined,
      meta: RequestMeta,
    ): Promise<{ appointment: AppointmentView; invoice: InvoiceDetail; replayed: boolean }> {
      if (!sales) throw new Error('checkout needs the sales module');
      const salesService = sales;
      const replay = async (): Promise<{ appointment: AppointmentView; invoice: InvoiceDetail; replayed: boolean }> => {
        const draft = await inPractice(database, actor.practiceId, async (tx) => {
          const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId);
          if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
          return viewOf(tx, actor.practiceId, appointment);
        });
        const invoice = draft.invoices.filter((candidate) => candidate.kind === 'service').at(-1);
        if (!invoice)
          throw new ConflictError('The checkout this key started left no invoice.', 'idempotency_key_reused', { field: 'Idempotency-Key' });
        await salesService.settleStalePayment(actor, actor.practiceId, invoice.id, meta);
        const detail = await salesService.describeInvoice(actor, invoice.id, { action: 'invoice.checkout_replayed', meta });
        const lastPayment = detail.payments.at(-1);
        if (lastPayment && detail.invoice.status === 'unpaid') salesService.throwForUnsettledPayment(detail.invoice, lastPayment);
        const after = await inPractice(database, actor.practiceId, async (tx) => {
          const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId);
          if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
          return viewOf(tx, actor.practiceId, appointment);
        });
        return { appointment: finishView(after), invoice: detail, replayed: true };
      };

      const peek = await inPractice(database, actor.practiceId, async (tx) => ({
        appointment: await repository.findAppointment(tx, actor.practiceId, appointmentId),
        replayed: await seenRequestKey(tx, actor, requestKey, 'checkout', appointmentId),
      }));
      if (!peek.appointment) throw new NotFoundError('Appointment', 'appointmentId');
      if (peek.replayed) return replay();
      const patientId = peek.appointment.patientId;
      if (peek.appointment.kind !== 'appointment' || !patientId) {
        throw new ConflictError('An out-of-office block has nothing to check out.', 'invalid_status', { field: 'kind' });
      }
      const payment = await salesService.resolvePayment(actor, patientId, input.payment, meta);

      let opened: OpenedInvoice;
      try {
        opened = await inPractice(database, actor.practiceId, async (tx) => {
          const appointment = await loadForChange(tx, actor, appointmentId);
          if (await seenRequestKey(tx, actor, requestKey, 'checkout', appointmentId)) throw new CheckoutReplay();
          if (appointment.status === 'booked' || appointment.status === 'confirmed') {
            throw new ConflictError('Check the patient in before checking out.', 'not_checked_in', { field: 'status' });
          }
          assertStatus(appointment, ['checked_in', 'in_procedure', 'completed'], 'check out');
          const existing = (
            (await salesService.invoicesOfAppointmentsWithin(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? []
          ).find((invoice) => invoice.kind === 'service' && invoice.voidedAt === null);
          if (existing) {
            throw new ConflictError(
              `This appointment was already checked out on invoice #${existing.number}. Pay it from Sales, or void it to check out again.`,
              'already_checked_out',
              { field: 'appointmentId', extensions: { invoiceId: existing.id } },
            );
          }
          const services = (await repository.listServicesOf(tx, actor.practiceId, [appointmentId])).get(appointmentId) ?? [];
          const currencies = new Set(services.map((service) => service.currency));
          const [currency] = currencies;
          if (!currency || currencies.size > 1) {
            throw new ConflictError(
              'The appointment’s services are priced in different currencies; check them out separately.',
              'mixed_currencies',
              {
                field: 'appointmentId',
              },
            );
          }
          if (input.currency !== undefined && input.currency !== currency) {
            throw new ValidationError(`The appointment is priced in ${currency}, not ${input.currency}.`, {
              field: 'currency',
              code: 'currency_mismatch',
            });
          }
          const invoice = await salesService.openCheckoutInvoiceWithin(
            tx,
            actor,
            {
              appointmentId,
              patientId,
              clinicId: appointment.clinicId,
              currency,
              services: services.map((service) => ({
                serviceId: service.serviceId,
                name: service.serviceName,
                priceCents: service.priceCents,
              })),
              products: input.products ?? [],
              discount: input.discount,
              payment,
            },
            meta,
          );
          await repository.insertEvent(tx, actor.practiceId, {
            appointmentId,
            actorStaffId: actor.staffId,
            type: 'checked_out',
            details: {
              invoiceId: invoice.invoice.id,
              invoiceNumber: invoice.invoice.number,
              totalCents: invoice.invoice.totalCents,
              method: payment.method,
            },
            occurredAt: clock.now(),
          });
          await recordAudit(
            tx,
            audit(actor, meta, 'appointment.checkout', appointment, { invoiceId: invoice.invoice.id, method: payment.method }),
          );
          await rememberRequestKey(tx, actor, requestKey, 'checkout', appointmentId);
          return invoice;
        });
      } catch (error) {
        if (error instanceof CheckoutReplay || (requestKey && isRequestKeyRace(error))) return replay();
        throw error;
      }

      const settled = opened.pendingPayment
        ? (await salesService.chargePayment(actor, actor.practiceId, opened.pendingPayment.id, meta)).payment
        : undefined;
      const detail = await salesService.describeInvoice(actor, opened.invoice.id);
      if (settled) salesService.throwForUnsettledPayment(detail.invoice, settled);
      const after = await inPractice(database, actor.practiceId, async (tx) => {
        const appointment = await repository.findAppointment(tx, actor.practiceId, appointmentId);
        if (!appointment) throw new NotFoundError('Appointment', 'appointmentId');
        return viewOf(tx, actor.practiceId, appointment);
      });
      return { appointment: finishView(after), invoice: detail, replayed: false };
    },

    /** What Sales borrows: appointment summaries for invoices, and completing a checked-out appointment once paid. */
    invoiceLink: {
      async describeAppointmentsWithin(
        tx: Transaction,
        practiceId: string,
        appointmentIds: readonly string[],
      ): Promise<Map<string, InvoiceAppointmentSummary>> {
        const records = await repository.findAppointments(tx, practiceId, appointmentIds);
        const services = await repository.listServicesOf(tx, practiceId, appointmentIds);
        const clinics = await catalog.findClinics(tx, practiceId, [...new Set(records.map((record) => record.clinicId))]);
        const providers = await catalog.findProviderNames(tx, practiceId, [...new Set(records.map((record) => record.providerId))]);
        return new Map(
          records.map((record) => [
            record.id,
            {
              id: record.id,
              status: record.status,
              startsAt: record.startsAt,
              endsAt: record.endsAt,
              timeZone: clinics.get(record.clinicId)?.timezone ?? 'UTC',
              providerId: record.providerId,
              providerName: providers.get(record.providerId) ?? null,
              services: (services.get(record.id) ?? []).map((service) => ({ serviceId: service.serviceId, name: service.serviceName })),
            },
          ]),
        );
      },

      async completeCheckedOutAppointmentWithin(
        tx: Transaction,
        practiceId: string,
        actor: BillingActor,
        appointmentId: string,
        invoiceId: string,
        meta: RequestMeta | undefined,
      ): Promise<void> {
        const before = await repository.findAppointment(tx, practiceId, appointmentId, { forUpdate: true });
        if (!before || (before.status !== 'checked_in' && before.status !== 'in_procedure')) return;
        const after = await repository.updateAppointment(tx, practiceId, appointmentId, { status: 'completed' }, clock.now());
        await repository.insertEvent(tx, practiceId, {
          appointmentId,
          actorStaffId: actor.kind === 'staff' ? actor.staffId : null,
          type: 'completed',
          before: snapshot(before),
          after: snapshot(after),
          details: { invoiceId, reason: 'checked out' },
          occurredAt: clock.now(),
        });
        await recordAudit(tx, {
          practiceId,
          ...(actor.kind === 'staff'
            ? { actorType: 'staff' as const, actorId: actor.staffId, actorLabel: actor.email }
            : { actorType: 'system' as const, actorLabel: actor.label }),
          action: 'appointment.completed',
          objectType: 'appointment',
          objectId: appointmentId,
          ip: meta?.ip ?? null,
          requestId: meta?.requestId ?? null,
          details: { patientId: after.patientId, invoiceId },
        });
      },
    } satisfies AppointmentLink,

    /** The no-shows page: no-shows that started in [from, to). */
    async listNoShows(
      actor: StaffActor,
      filter: { from: Date; to: Date; clinicId?: string | undefined; providerId?: string | undefined },
      meta: RequestMeta,
    ): Promise<AppointmentView[]> {
      return this.listAppointments(actor, { ...filter, statuses: ['no_show'] }, meta, 'appointment.no_show_list');
    },

    /** Busy time for availability searches (also exported as appointmentBusyTimeSource). */
    busyTimeSource: appointmentBusyTimeSource,
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
