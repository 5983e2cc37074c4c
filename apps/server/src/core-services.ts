import type { ClientAccess } from './platform/auth/client-access.ts';
import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/database.ts';
import { createFileStore } from './platform/files/create-file-store.ts';
import type { FileStore } from './platform/files/file-store.ts';
import {
  createAppointmentInvoiceLink,
  createClientAccess,
  type StaffScopeSources,
  appointmentBusyTimeSource,
  appointmentResourceUnitBookings,
  createAppointmentsService,
  type AppointmentsService,
} from './modules/appointments/index.ts';
import { createBillingService, createPaymentGateway, type BillingService, type PaymentGateway } from './modules/billing/index.ts';
import {
  createIdentityService,
  createPracticeSettingsService,
  practiceSlugWithin,
  providersManageAllAppointmentsWithin,
  type IdentityService,
  type PracticeSettingsService,
} from './modules/identity/index.ts';
import {
  createAppointmentNotificationsService,
  createNotificationSettingsService,
  createNotificationsService,
  createReminderBookingObserver,
  portalLinkSource,
  type AppointmentNotificationsService,
  type NotificationSettingsService,
  type NotificationsService,
} from './modules/notifications/index.ts';
import {
  countOutstandingFormsWithin,
  createPaperworkBookingObserver,
  createPaperworkService,
  createPatientPaperworkService,
  findConsentTemplateWithin,
  findSignedConsentWithin,
  formsToCompleteWithin,
  createMembershipAgreements,
  type PaperworkService,
  type PatientPaperworkService,
} from './modules/paperwork/index.ts';
import {
  activePlanNamesUsingAgreementWithin,
  createMembershipsService,
  memberDiscountsWithin,
  memberTiersRead,
  memberTiersWithin,
  type MembershipsService,
} from './modules/memberships/index.ts';
import { createPatientsService, type PatientsService } from './modules/patients/index.ts';
import { createGuardianGrantsService, type GuardianGrantsService } from './modules/guardians/index.ts';
import { createBookingPortalService, createPortalService, type BookingPortalService, type PortalService } from './modules/portal/index.ts';
import {
  createBookingCatalog,
  createServiceFeeCatalog,
  createPracticeService,
  findProviderIdOfStaffWithin,
  type BusyTimeSource,
  type PracticeService,
} from './modules/practice/index.ts';
import { createSalesService, type SalesService } from './modules/sales/index.ts';
import {
  createEmrService,
  createMedicalHistoryService,
  type EmrDependencies,
  type EmrService,
  type MedicalHistoryService,
} from './modules/emr/index.ts';
import { createWalletService, type WalletService } from './modules/wallet/index.ts';

/** Replacements a test or benchmark may make; the server uses none. */
export interface CoreServiceOverrides {
  /** What availability treats as booked; the appointments module's claims by default. */
  busyTimeSource?: BusyTimeSource | undefined;
  /** The payment gateway; by default the one `config.paymentGateway` names. */
  paymentGateway?: PaymentGateway | undefined;
  /** Where stored files go; by default the one `config.fileStore` names. */
  fileStore?: FileStore | undefined;
}

export interface CoreServices {
  identity: IdentityService;
  practiceSettings: PracticeSettingsService;
  portal: PortalService;
  bookingPortal: BookingPortalService;
  patients: PatientsService;
  /** Guardian grants: staff let one client open another's profile in the portal. */
  guardians: GuardianGrantsService;
  practice: PracticeService;
  appointments: AppointmentsService;
  /** Who may read which clients (the practice's provider setting), for the patients and paperwork routes. */
  clientAccess: ClientAccess;
  notifications: NotificationsService;
  appointmentNotifications: AppointmentNotificationsService;
  notificationSettings: NotificationSettingsService;
  billing: BillingService;
  paymentGateway: PaymentGateway;
  sales: SalesService;
  /** The client wallet: credits, rewards and prepaid units (Sales spends and fills its ledger). */
  wallet: WalletService;
  paperwork: PaperworkService;
  /** The portal's paperwork (the patient's own forms) and staff's witness signature and signed PDFs. */
  patientPaperwork: PatientPaperworkService;
  /** Membership plans, coupons, members and draw-day billing. */
  memberships: MembershipsService;
  /** The EMR board, procedures and charting, inventory lots and recalls. */
  emr: EmrService;
  /** Patients' medical histories, their versions and the review of patients' own changes. */
  medicalHistory: MedicalHistoryService;
}

/**
 * Every module's service, each given every port it needs: the one wiring of the server
 * (buildApp) and of the demo loader, which builds a second set on a clock it moves along.
 * Ports point from the module that needs them to the one that implements them: appointments
 * takes sales as its `VisitBilling`, sales takes the appointment book's invoice link.
 */
export function createCoreServices(config: Config, database: Database, clock: Clock, overrides: CoreServiceOverrides = {}): CoreServices {
  const identity = createIdentityService(database, clock, config);
  const practiceSettings = createPracticeSettingsService(database);
  const patients = createPatientsService(database, clock);
  const bookingPortal = createBookingPortalService({ database, clock, practiceSettings });
  const paymentGateway = overrides.paymentGateway ?? createPaymentGateway(config.paymentGateway, { database, clock });
  const billing = createBillingService({ database, clock, patients, gateway: paymentGateway });
  const notifications = createNotificationsService({ database, clock });
  const catalog = createBookingCatalog();
  // Who may change which appointments and read which clients (the practice's provider setting).
  const staffScope: StaffScopeSources = { providersManageAllAppointmentsWithin, findProviderIdOfStaffWithin };
  const practice = createPracticeService({
    database,
    clock,
    identity,
    busyTimeSource: overrides.busyTimeSource ?? appointmentBusyTimeSource,
    resourceUnitBookings: appointmentResourceUnitBookings,
  });
  const wallet = createWalletService({ database, clock, patients, staffDirectory: identity });
  const sales = createSalesService({
    database,
    clock,
    billing,
    patients,
    clinics: catalog,
    serviceFees: createServiceFeeCatalog(),
    clinicDetails: practice.clinics,
    practices: practiceSettings,
    staffDirectory: identity,
    appointments: createAppointmentInvoiceLink({ clock, catalog }),
    wallet: wallet.ledger,
    memberDiscounts: { memberDiscountsWithin },
  });
  const appointments = createAppointmentsService({
    database,
    clock,
    catalog,
    patients,
    identity,
    staffScope,
    cards: billing,
    billing: sales,
    bookingObservers: [createPaperworkBookingObserver({ now: () => clock.now() }), createReminderBookingObserver()],
    paperworkStatus: { countOutstandingFormsWithin },
    memberTiers: { memberTiersWithin, memberTiersRead },
  });
  const clientAccess = createClientAccess(database, staffScope);
  const paperwork = createPaperworkService({
    database,
    clock,
    patients,
    clientAccess,
    agreementPlans: { activePlanNamesUsingAgreementWithin },
  });
  const patientPaperwork = createPatientPaperworkService({ database, clock, patients, clientAccess });
  const appointmentNotifications = createAppointmentNotificationsService({
    database,
    clock,
    patients,
    paperwork: { formsToCompleteWithin },
    cancellationPolicies: sales,
    feeCharges: sales,
    portalLinks: portalLinkSource(config.publicBaseUrl, practiceSlugWithin),
    organizerEmail: config.calendarOrganizerEmail,
  });
  const guardians = createGuardianGrantsService({ database, clock, patients, staffDirectory: identity });
  const portal = createPortalService({
    database,
    clock,
    settings: config,
    practices: practiceSettings,
    patients,
    guardians,
    appointments,
    availability: practice.availability,
    cancellationPolicies: sales,
    confirmations: appointmentNotifications,
    unpaidInvoices: sales,
  });
  const notificationSettings = createNotificationSettingsService({ database, clock });
  const memberships = createMembershipsService({
    database,
    clock,
    patients,
    clinics: catalog,
    cards: billing,
    sales,
    agreements: createMembershipAgreements({ patients }),
    wallet: wallet.ledger,
    services: createServiceFeeCatalog(),
    portalLinks: portalLinkSource(config.publicBaseUrl, practiceSlugWithin),
  });
  const emrDependencies: EmrDependencies = {
    database,
    clock,
    patients,
    appointments,
    services: practice.catalog,
    clientAccess,
    staffDirectory: identity,
    fileStore: overrides.fileStore ?? createFileStore(config.fileStore).fileStore,
    photoConsents: { findConsentTemplateWithin, findSignedConsentWithin },
  };
  const emr = createEmrService(emrDependencies);
  const medicalHistory = createMedicalHistoryService(emrDependencies);
  return {
    memberships,
    identity,
    practiceSettings,
    portal,
    bookingPortal,
    patients,
    guardians,
    practice,
    appointments,
    clientAccess,
    notifications,
    appointmentNotifications,
    notificationSettings,
    billing,
    paymentGateway,
    sales,
    wallet,
    paperwork,
    patientPaperwork,
    emr,
    medicalHistory,
  };
}
