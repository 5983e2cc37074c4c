import type { UpdateAppointmentRequest } from '@glowdesk/contracts';
import type { StaffActor } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Transaction } from '../../platform/database.ts';
import type { PatientBillingActor } from '../billing/index.ts';
import type { InvoiceDetail } from '../sales/index.ts';
import { appointmentBusyTimeSource } from './appointment-busy-time.ts';
import type { AppointmentDependencies } from './appointment-dependencies.ts';
import type { AppointmentActionResult } from './appointment-fee-actions.ts';
import {
  findStaffNames,
  getAppointment,
  listAppointments,
  listNoShows,
  readAppointmentHistory,
  readBookChanges,
  type AppointmentListFilter,
} from './appointment-views.ts';
import type { AppointmentEventRecord, AppointmentRecord } from './appointments-repository.ts';
import {
  bookAppointment,
  bookAppointmentAsPatient,
  type CreateAppointmentRequestParsed,
  type OnlineBookingRequest,
} from './book-appointment.ts';
import type { OnlineBooker } from './booking-card-evidence.ts';
import type { AppointmentView } from './build-appointment-views.ts';
import { cancelAppointment } from './cancel-appointment.ts';
import { cancelAppointmentAsPatient, type PatientCancellation, type PatientCancellationRequest } from './cancel-appointment-as-patient.ts';
import { findPatientCancellationFeesWithin, type PatientCancellationFee } from './patient-cancellation-fees.ts';
import { rescheduleAppointmentAsPatient, type PatientRescheduleRequest } from './reschedule-appointment-as-patient.ts';
import { changeAppointmentStatus, type SimpleTransition } from './change-appointment-status.ts';
import { checkOutAppointment, type CheckoutInput } from './check-out-appointment.ts';
import { markNoShow } from './mark-no-show.ts';
import { rescheduleAppointment } from './reschedule-appointment.ts';
import { restoreNoShow } from './restore-no-show.ts';

/** The appointment book's use cases, one file each; routes and other modules see only this. */
export interface AppointmentsService {
  /** Books an appointment or out-of-office block; a repeated Idempotency-Key returns the first booking. */
  createAppointment(
    actor: StaffActor,
    input: CreateAppointmentRequestParsed,
    idempotencyKey: string | undefined,
    meta: RequestMeta,
  ): Promise<{ appointment: AppointmentView; replayed: boolean }>;
  getAppointment(actor: StaffActor, appointmentId: string, meta: RequestMeta): Promise<AppointmentView>;
  listAppointments(actor: StaffActor, filter: AppointmentListFilter, meta: RequestMeta): Promise<AppointmentView[]>;
  /** A token that moves whenever any appointment or block of the practice changes (decision 022). */
  bookChanges(actor: StaffActor): Promise<{ token: string }>;
  /** The no-shows page: no-shows that started in [from, to). */
  listNoShows(
    actor: StaffActor,
    filter: { from: Date; to: Date; clinicId?: string | undefined; providerId?: string | undefined },
    meta: RequestMeta,
  ): Promise<AppointmentView[]>;
  history(actor: StaffActor, appointmentId: string, meta: RequestMeta): Promise<AppointmentEventRecord[]>;
  /** Edits and reschedules; with chargeFee a late reschedule charges the cancellation fee. */
  updateAppointment(
    actor: StaffActor,
    appointmentId: string,
    input: UpdateAppointmentRequest,
    expectedVersion: number | undefined,
    meta: RequestMeta,
    requestKey?: string,
  ): Promise<AppointmentActionResult>;
  transition(actor: StaffActor, appointmentId: string, name: SimpleTransition, meta: RequestMeta): Promise<AppointmentView>;
  cancel(
    actor: StaffActor,
    appointmentId: string,
    input: { reason: string; chargeFee: boolean },
    meta: RequestMeta,
    requestKey?: string,
  ): Promise<AppointmentActionResult>;
  markNoShow(
    actor: StaffActor,
    appointmentId: string,
    input: { chargeFee: boolean },
    meta: RequestMeta,
    requestKey?: string,
  ): Promise<AppointmentActionResult>;
  restore(
    actor: StaffActor,
    appointmentId: string,
    input: { allowDoubleBooking: boolean },
    meta: RequestMeta,
  ): Promise<{ appointment: AppointmentView; notice: string | null; feeInvoiceId: string | null }>;
  checkout(
    actor: StaffActor,
    appointmentId: string,
    input: CheckoutInput,
    requestKey: string | undefined,
    meta: RequestMeta,
  ): Promise<{ appointment: AppointmentView; invoice: InvoiceDetail; replayed: boolean }>;
  /** The online booking page's booking: the patient's own, through the staff booking's rules; a lost race is a 409 slot_taken. */
  bookAsPatient(
    booker: OnlineBooker,
    request: OnlineBookingRequest,
    idempotencyKey: string | undefined,
    meta: RequestMeta,
  ): Promise<{ appointment: AppointmentView; replayed: boolean }>;
  /** The portal's Cancel: the patient's own appointment, with the late cancellation fee when they accepted it. */
  cancelAsPatient(
    patient: PatientBillingActor,
    appointmentId: string,
    request: PatientCancellationRequest,
    meta: RequestMeta,
  ): Promise<PatientCancellation>;
  /** The portal's Reschedule: the patient's own appointment to a new start, same services, under the booking rules. */
  rescheduleAsPatient(patient: PatientBillingActor, appointmentId: string, request: PatientRescheduleRequest): Promise<AppointmentRecord>;
  /** The late cancellation fee each appointment would charge if cancelled now (the portal shows it), in the caller's transaction. */
  patientCancellationFeesWithin(
    tx: Transaction,
    practiceId: string,
    appointments: readonly Pick<AppointmentRecord, 'id' | 'patientId' | 'clinicId' | 'startsAt'>[],
  ): Promise<Map<string, PatientCancellationFee>>;
  /** Busy time for availability searches (also exported as appointmentBusyTimeSource). */
  busyTimeSource: typeof appointmentBusyTimeSource;
  /** Display names of staff members (for the history's "who"). */
  staffNames(actor: StaffActor, staffIds: readonly string[]): Promise<Map<string, string>>;
}

export function createAppointmentsService(deps: AppointmentDependencies): AppointmentsService {
  return {
    createAppointment: (actor, input, idempotencyKey, meta) => bookAppointment(deps, actor, input, idempotencyKey, meta),
    getAppointment: (actor, appointmentId, meta) => getAppointment(deps, actor, appointmentId, meta),
    listAppointments: (actor, filter, meta) => listAppointments(deps, actor, filter, meta),
    bookChanges: (actor) => readBookChanges(deps, actor),
    listNoShows: (actor, filter, meta) => listNoShows(deps, actor, filter, meta),
    history: (actor, appointmentId, meta) => readAppointmentHistory(deps, actor, appointmentId, meta),
    updateAppointment: (actor, appointmentId, input, expectedVersion, meta, requestKey) =>
      rescheduleAppointment(deps, actor, appointmentId, input, expectedVersion, meta, requestKey),
    transition: (actor, appointmentId, name, meta) => changeAppointmentStatus(deps, actor, appointmentId, name, meta),
    cancel: (actor, appointmentId, input, meta, requestKey) => cancelAppointment(deps, actor, appointmentId, input, meta, requestKey),
    markNoShow: (actor, appointmentId, input, meta, requestKey) => markNoShow(deps, actor, appointmentId, input, meta, requestKey),
    restore: (actor, appointmentId, input, meta) => restoreNoShow(deps, actor, appointmentId, input, meta),
    checkout: (actor, appointmentId, input, requestKey, meta) => checkOutAppointment(deps, actor, appointmentId, input, requestKey, meta),
    bookAsPatient: (booker, request, idempotencyKey, meta) => bookAppointmentAsPatient(deps, booker, request, idempotencyKey, meta),
    cancelAsPatient: (patient, appointmentId, request, meta) => cancelAppointmentAsPatient(deps, patient, appointmentId, request, meta),
    rescheduleAsPatient: (patient, appointmentId, request) => rescheduleAppointmentAsPatient(deps, patient, appointmentId, request),
    patientCancellationFeesWithin: (tx, practiceId, appointments) => findPatientCancellationFeesWithin(deps, tx, practiceId, appointments),
    busyTimeSource: appointmentBusyTimeSource,
    staffNames: (actor, staffIds) => findStaffNames(deps, actor, staffIds),
  };
}
