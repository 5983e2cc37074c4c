import { runTogether, type Transaction } from '../../platform/database.ts';
import type { PatientSummaryRecord } from '../patients/index.ts';
import { type InvoiceRecord } from '../sales/index.ts';
import type { AppointmentContext } from './appointment-dependencies.ts';
import { isInsideCancellationWindow, sumServiceFees, type ServiceFee } from './appointment-fees.ts';
import type {
  AppointmentDetails,
  AppointmentRecord,
  AppointmentServiceRecord,
  CardAuthorizationRecord,
} from './appointments-repository.ts';
import * as repository from './appointments-repository.ts';

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
  /** The book's flags, read for lists only: the patient's first visit, and forms still waiting for the patient. */
  patientIsNew?: boolean;
  formsOutstanding?: number;
  /** The patient's membership tiers (lists and the single appointment). */
  memberTiers?: { name: string; color: string | null }[];
}

/** A view read inside a transaction, with the appointment's invoices (fee actions and replays read them). */
export interface ViewDraft {
  view: AppointmentView;
  invoices: InvoiceRecord[];
}

/**
 * Adds what the book shows with each appointment: its services, patient, zone, card, fee
 * policy (the window, the services' fees, the fee invoices) and checkout invoice. Records
 * read with their details (the book's list) skip that read.
 */
export async function toViews(
  deps: AppointmentContext,
  tx: Transaction,
  practiceId: string,
  records: readonly (AppointmentRecord | (AppointmentRecord & AppointmentDetails))[],
): Promise<ViewDraft[]> {
  const { catalog, patients, billing } = deps;
  const ids = records.map((record) => record.id);
  const clinicIds = [...new Set(records.map((record) => record.clinicId))];
  const missing = records.filter((record) => !('services' in record)).map((record) => record.id);
  // The services decide which fees to read: records read without them (a single
  // appointment) get them first; the book's list comes with them, so all its reads go together.
  const details =
    missing.length > 0 ? await repository.findAppointmentDetails(tx, practiceId, missing) : new Map<string, AppointmentDetails>();
  const withDetails = records.map((record) =>
    'services' in record ? record : { ...record, ...(details.get(record.id) ?? { services: [], cardOnFile: null }) },
  );
  const serviceIds = [
    ...new Set(withDetails.flatMap((record) => (record.kind === 'appointment' ? record.services.map((service) => service.serviceId) : []))),
  ];
  const [patientsById, clinics, fees, invoices, settings] = await runTogether(tx, [
    () =>
      patients.findPatientSummariesWithin(
        tx,
        practiceId,
        records.flatMap((record) => (record.patientId ? [record.patientId] : [])),
      ),
    () => catalog.findClinics(tx, practiceId, clinicIds),
    () => billing.serviceFeesWithin(tx, practiceId, serviceIds),
    () => billing.invoicesOfAppointmentsWithin(tx, practiceId, ids),
    () => billing.feeSettingsWithin(tx, practiceId, clinicIds),
  ] as const);
  return withDetails.map((record) =>
    draftOf(deps, record, {
      patient: record.patientId ? (patientsById.get(record.patientId) ?? null) : null,
      timeZone: clinics.get(record.clinicId)?.timezone ?? 'UTC',
      invoices: invoices.get(record.id) ?? [],
      defaultCancellationWindowHours: settings.get(record.clinicId)?.cancellationWindowHours,
      fees,
    }),
  );
}

/** An appointment as the book shows it, from what was read about it. */
export function draftOf(
  deps: AppointmentContext,
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
  const { clock } = deps;
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

/** One appointment as answered after reading or changing it, with its patient's membership tiers. */
export async function viewOf(deps: AppointmentContext, tx: Transaction, practiceId: string, record: AppointmentRecord): Promise<ViewDraft> {
  const patientId = record.kind === 'appointment' ? record.patientId : null;
  const [views, tiers] = await runTogether(tx, [
    () => toViews(deps, tx, practiceId, [record]),
    () => (patientId ? deps.memberTiers.memberTiersWithin(tx, practiceId, [patientId]) : Promise.resolve(undefined)),
  ] as const);
  const [view] = views;
  if (!view) throw new Error('view of one record is missing');
  if (view.view.kind === 'appointment') view.view.memberTiers = (patientId && tiers?.get(patientId)) || [];
  return view;
}

/** The view as answered: without the invoices read for fee decisions. */
export function finishView(draft: ViewDraft): AppointmentView {
  return draft.view;
}
