import type {
  PortalAppointmentScope,
  PortalRescheduleAvailabilityQuery,
  RegistrationDetails,
  UpdatePortalProfile,
} from '@glowdesk/contracts';
import type { PatientActor, PatientWithProfile, StaffActor } from '../../platform/auth/access.ts';
import type { RequestMeta } from '../../platform/audit/audit-log.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/database.ts';
import type { PracticeSettingsService } from '../identity/index.ts';
import type { AppointmentsService } from '../appointments/index.ts';
import type { PatientsService } from '../patients/index.ts';
import type { PracticeService } from '../practice/index.ts';
import { cancelOwnAppointment } from './cancel-own-appointment.ts';
import { findRescheduleTimes } from './find-reschedule-times.ts';
import { listOwnNotifications, markOwnNotificationRead } from './own-notifications.ts';
import { rescheduleOwnAppointment } from './reschedule-own-appointment.ts';
import { identifyPatient } from './identify-patient.ts';
import { createPatientSessions } from './patient-sessions.ts';
import type { PortalPracticeDirectory } from './portal-practice.ts';
import type { PortalSettings } from './portal-settings.ts';
import { confirmOwnAppointment } from './confirm-own-appointment.ts';
import { listOwnAppointments } from './list-own-appointments.ts';
import { readPortalDashboard } from './portal-dashboard.ts';
import { readOwnProfile } from './read-own-profile.ts';
import { readPatientPortalAccess } from './read-patient-portal-access.ts';
import { readPortalMe } from './read-portal-me.ts';
import { listProfileChoices, switchProfile, type GuardianGrantsPort } from './portal-profile-choices.ts';
import { requestContactChangeCode } from './request-contact-change-code.ts';
import { updateOwnProfile } from './update-own-profile.ts';
import { verifyContactChange } from './verify-contact-change.ts';
import { requestSignInCode } from './request-sign-in-code.ts';
import type { ContactInput } from './sign-in-contact.ts';
import { verifySignInCode } from './verify-sign-in-code.ts';
import { createRegistrationQueue } from './registration-queue.ts';
import { requestRegistration } from './request-registration.ts';
import { verifyRegistration } from './verify-registration.ts';
import type { CancellationPolicies, UnpaidInvoiceCounts } from './online-booking-ports.ts';
import { readBookingCatalog } from './read-booking-catalog.ts';
import { bookOnline, type BookingConfirmations, type OnlineBookingInput } from './book-online.ts';
import { searchOnlineAvailability, type OnlineAvailabilityQuery } from './search-online-availability.ts';

export interface PortalServiceOptions {
  database: Database;
  clock: Clock;
  settings: PortalSettings;
  practices: PortalPracticeDirectory & Pick<PracticeSettingsService, 'findPracticeSettingsOf'>;
  patients: Pick<
    PatientsService,
    | 'findPatientsByContactWithin'
    | 'findPatientWithin'
    | 'createRegisteredPatientWithin'
    | 'fillEmptyFieldsWithin'
    | 'createPatientWithin'
    | 'updatePatientWithin'
    | 'findPatientSummariesWithin'
    | 'updatePatientFromPortalWithin'
  >;
  /** Guardian grants: which dependants' profiles a signed-in patient may switch to. */
  guardians: GuardianGrantsPort;
  /** The appointment book's patient actions (cancel, reschedule) and the fees they would charge. */
  appointments: Pick<AppointmentsService, 'bookAsPatient' | 'cancelAsPatient' | 'rescheduleAsPatient' | 'patientCancellationFeesWithin'>;
  /** The availability engine's searches (a new time for an appointment). */
  availability: Pick<PracticeService['availability'], 'searchOpenSlots' | 'findUnoccupiedProviders'>;
  /** The clinics' current cancellation policies (the sales module): what the booking page shows and a card booking accepts. */
  cancellationPolicies: CancellationPolicies;
  /** The confirmation (email with the .ics invite) of a booking made online (the notifications module). */
  confirmations: BookingConfirmations;
  /** Invoices with a balance (the sales module), counted on the dashboard. */
  unpaidInvoices: UnpaidInvoiceCounts;
}

/** The patient portal's use cases: sign-in by one-time code, identify, sessions. */
export function createPortalService(options: PortalServiceOptions) {
  const sessions = createPatientSessions(options);
  const deps = { ...options, sessions };
  return {
    sessions,
    /** The staff queue of registrations to merge. */
    registrations: createRegistrationQueue(options),
    requestRegistration: (slug: string, input: RegistrationDetails, meta: RequestMeta) => requestRegistration(deps, slug, input, meta),
    verifyRegistration: (slug: string, input: ContactInput & { code: string }, meta: RequestMeta) =>
      verifyRegistration(deps, slug, input, meta),
    requestSignInCode: (slug: string, input: ContactInput, meta: RequestMeta) => requestSignInCode(deps, slug, input, meta),
    verifySignInCode: (slug: string, input: ContactInput & { code: string }, meta: RequestMeta) =>
      verifySignInCode(deps, slug, input, meta),
    identifyPatient: (
      actor: PatientActor,
      slug: string,
      input: { dateOfBirth: string; lastName: string; firstName?: string | undefined },
      meta: RequestMeta,
    ) => identifyPatient(deps, actor, slug, input, meta),
    readOwnProfile: (actor: PatientWithProfile, meta: RequestMeta) => readOwnProfile(deps, actor, meta),
    readMe: (actor: PatientWithProfile, meta: RequestMeta) => readPortalMe(deps, actor, meta),
    updateOwnProfile: (actor: PatientWithProfile, body: UpdatePortalProfile, expectedVersion: number | undefined, meta: RequestMeta) =>
      updateOwnProfile(deps, actor, body, expectedVersion, meta),
    requestContactChangeCode: (actor: PatientWithProfile, input: ContactInput, meta: RequestMeta) =>
      requestContactChangeCode(deps, actor, input, meta),
    verifyContactChange: (actor: PatientWithProfile, input: ContactInput & { code: string }, meta: RequestMeta) =>
      verifyContactChange(deps, actor, input, meta),
    listProfileChoices: (actor: PatientWithProfile, meta: RequestMeta) => listProfileChoices(deps, actor, meta),
    switchProfile: (actor: PatientWithProfile, targetPatientId: string, meta: RequestMeta) =>
      switchProfile(deps, actor, targetPatientId, meta),
    listOwnAppointments: (actor: PatientWithProfile, scope: PortalAppointmentScope, meta: RequestMeta) =>
      listOwnAppointments(deps, actor, scope, meta),
    readDashboard: (actor: PatientWithProfile, meta: RequestMeta) =>
      readPortalDashboard({ ...deps, practiceSettings: options.practices, unpaidInvoices: options.unpaidInvoices }, actor, meta),
    confirmOwnAppointment: (actor: PatientWithProfile, appointmentId: string, meta: RequestMeta) =>
      confirmOwnAppointment(deps, actor, appointmentId, meta),
    cancelOwnAppointment: (
      actor: PatientWithProfile,
      appointmentId: string,
      input: { acceptCancellationFee: boolean },
      meta: RequestMeta,
    ) => cancelOwnAppointment(deps, actor, appointmentId, input, meta),
    rescheduleOwnAppointment: (
      actor: PatientWithProfile,
      appointmentId: string,
      input: { start: string; providerId?: string | undefined },
      meta: RequestMeta,
    ) => rescheduleOwnAppointment(deps, actor, appointmentId, input, meta),
    listOwnNotifications: (actor: PatientWithProfile, meta: RequestMeta) => listOwnNotifications(deps, actor, meta),
    markOwnNotificationRead: (actor: PatientWithProfile, notificationId: string) => markOwnNotificationRead(deps, actor, notificationId),
    readPatientPortalAccess: (actor: StaffActor, patientId: string, meta: RequestMeta) =>
      readPatientPortalAccess(deps, actor, patientId, meta),
    findRescheduleTimes: (actor: PatientWithProfile, appointmentId: string, query: PortalRescheduleAvailabilityQuery) =>
      findRescheduleTimes(deps, actor, appointmentId, query),
    readBookingCatalog: (slug: string) => readBookingCatalog(deps, slug),
    bookOnline: (
      actor: PatientActor & { patientId: string },
      slug: string,
      input: OnlineBookingInput,
      idempotencyKey: string | undefined,
      meta: RequestMeta,
    ) => bookOnline(deps, actor, slug, input, idempotencyKey, meta),
    searchOnlineAvailability: (slug: string, query: OnlineAvailabilityQuery) => searchOnlineAvailability(deps, slug, query),
  };
}

export type PortalService = ReturnType<typeof createPortalService>;
