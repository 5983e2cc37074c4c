import {
  createAppointmentRequestSchema,
  createPatientRequestSchema,
  e164PhoneSchema,
  emailSchema,
  type CreateAppointmentRequest,
  type PatientSummary,
  type VisitMode,
} from '@glowdesk/contracts';
import { z } from 'zod';
import { toE164 } from '../../../patients/format-phone.ts';
import { formatLocalDate, zonedInstant } from '../../clinic-time.ts';
import type { GatewayCard } from '../card-entry-frame.tsx';

/** Where the form opens: a clicked slot fills in the provider, date and time; "Find a time" opens on the open times. */
export interface BookingDraft {
  clinicId: string;
  providerId?: string | undefined;
  localDate: string;
  startMin?: number | undefined;
  /** Opened to find a time for a client (on the phone): the open times come first, with their filters. */
  findATime?: boolean | undefined;
}

export type BookingKind = 'appointment' | 'out_of_office';
export type CardChoice = { source: 'saved'; paymentMethodId: string } | { source: 'new'; entered: GatewayCard | null };

export interface BookingFormValues {
  kind: BookingKind;
  /** What the user chose; the services may force the other one (see `modeFor`). */
  mode: VisitMode;
  clinicId: string;
  serviceChoice: 'services' | 'package';
  /** One entry per service row; null until a service is chosen in it. */
  serviceIds: (string | null)[];
  packageId: string | null;
  localDate: string;
  startMin: number | null;
  endMin: number | null;
  providerId: string | null;
  title: string;
  patient: PatientSummary | null;
  newPatient: { firstName: string; lastName: string; email: string; phone: string };
  notes: string;
  allowDoubleBooking: boolean;
  enterCard: boolean;
  card: CardChoice;
}

export function initialBookingValues(draft: BookingDraft): BookingFormValues {
  return {
    kind: 'appointment',
    mode: 'in_person',
    clinicId: draft.clinicId,
    serviceChoice: 'services',
    serviceIds: [null],
    packageId: null,
    localDate: draft.localDate,
    startMin: draft.startMin ?? null,
    endMin: draft.startMin !== undefined ? draft.startMin + 60 : null,
    providerId: draft.providerId ?? null,
    title: '',
    patient: null,
    newPatient: { firstName: '', lastName: '', email: '', phone: '' },
    notes: '',
    allowDoubleBooking: false,
    enterCard: false,
    card: { source: 'new', entered: null },
  };
}

/** The services the values name, in order: a package's, or the chosen rows'. */
export function chosenServiceIdsOf(values: BookingFormValues, packageServiceIds: readonly string[] | undefined): string[] {
  if (values.serviceChoice === 'package') return [...(packageServiceIds ?? [])];
  return values.serviceIds.filter((id): id is string => id !== null);
}

export function hasServicesChosen(values: BookingFormValues): boolean {
  return values.serviceChoice === 'package' ? values.packageId !== null : values.serviceIds.some((id) => id !== null);
}

const patientName = createPatientRequestSchema.pick({ firstName: true, lastName: true });
const titleSchema = createAppointmentRequestSchema.shape.title.unwrap();
const notesSchema = createAppointmentRequestSchema.shape.notes.unwrap();

/**
 * The form's rules, with the contract's own field schemas where the API has them (names,
 * email, phone, title, notes), so the form refuses what the server would. `today` is the
 * clinic's local date: nothing is booked in the past.
 */
export function bookingFormSchema(today: string) {
  return z.custom<BookingFormValues>().superRefine((values, context) => {
    const problem = (path: string, message: string) => context.addIssue({ code: 'custom', path: path.split('.'), message });
    const firstIssue = (schema: z.ZodType, value: unknown, path: string) => {
      const result = schema.safeParse(value);
      if (!result.success) problem(path, result.error.issues[0]?.message ?? 'Check this field.');
    };
    if (values.startMin === null) problem('startMin', 'Choose a time.');
    if (values.localDate < today) problem('localDate', `Choose today (${formatLocalDate(today, 'short')}) or later.`);
    if (!values.providerId) problem('providerId', 'Choose a provider.');
    if (values.notes.trim()) firstIssue(notesSchema, values.notes, 'notes');
    if (values.kind === 'out_of_office') {
      if (!values.title.trim()) problem('title', 'Give the block a title, e.g. "Lunch" or "Training".');
      else firstIssue(titleSchema, values.title, 'title');
      if (values.endMin === null) problem('endMin', 'Choose an end time.');
      else if (values.startMin !== null && values.endMin <= values.startMin) problem('endMin', 'The end must be after the start.');
      return;
    }
    if (!hasServicesChosen(values)) {
      problem('serviceIds', values.serviceChoice === 'package' ? 'Choose a package.' : 'Choose at least one service.');
    }
    if (!values.patient) {
      const names = patientName.safeParse({ firstName: values.newPatient.firstName, lastName: values.newPatient.lastName });
      if (!names.success) {
        for (const issue of names.error.issues) {
          const field = String(issue.path[0]);
          problem(`newPatient.${field}`, field === 'firstName' ? `${issue.message} Or find an existing patient above.` : issue.message);
        }
      }
      const { email, phone } = values.newPatient;
      if (email.trim() && !emailSchema.safeParse(email.trim()).success) problem('newPatient.email', 'Enter a valid email address.');
      if (phone.trim() && !e164PhoneSchema.safeParse(toE164(phone) ?? '').success) {
        problem('newPatient.phone', 'Enter a full phone number, e.g. (212) 555-0123 or +44 20 7946 0958.');
      }
    }
    if (values.enterCard && values.card.source === 'new' && !values.card.entered) {
      problem('card', 'Enter the card in the form above and press "Use this card", or choose a saved card.');
    }
  });
}

/** The new patient as the API takes it: blanks left out, the phone in E.164. */
export function typedNewPatient(values: BookingFormValues) {
  const { firstName, lastName, email, phone } = values.newPatient;
  const e164 = toE164(phone);
  return {
    firstName: firstName.trim(),
    lastName: lastName.trim(),
    ...(email.trim() ? { email: email.trim() } : {}),
    ...(e164 ? { phone: e164 } : {}),
  };
}

/** The request for valid values (see `bookingFormSchema`); the patient and card are saved first when needed. */
export function toCreateRequest(
  values: BookingFormValues,
  context: {
    timeZone: string;
    mode: VisitMode;
    serviceIds: string[];
    patientId?: string | undefined;
    paymentMethodId?: string | undefined;
  },
): CreateAppointmentRequest {
  const startMin = values.startMin ?? 0;
  const start = zonedInstant(values.localDate, startMin, context.timeZone).toISOString();
  const providerId = values.providerId ?? '';
  const notes = values.notes.trim() ? { notes: values.notes.trim() } : {};
  if (values.kind === 'out_of_office') {
    return {
      kind: 'out_of_office',
      clinicId: values.clinicId,
      providerId,
      start,
      end: zonedInstant(values.localDate, values.endMin ?? startMin + 60, context.timeZone).toISOString(),
      title: values.title.trim(),
      allowDoubleBooking: values.allowDoubleBooking,
      ...notes,
    };
  }
  return {
    kind: 'appointment',
    mode: context.mode,
    clinicId: values.clinicId,
    providerId,
    ...(values.serviceChoice === 'package' && values.packageId ? { packageId: values.packageId } : { serviceIds: context.serviceIds }),
    start,
    ...(context.patientId ? { patientId: context.patientId } : { newPatient: typedNewPatient(values) }),
    ...notes,
    allowDoubleBooking: values.allowDoubleBooking,
    requireCardOnFile: values.enterCard,
    ...(context.paymentMethodId ? { paymentMethodId: context.paymentMethodId } : {}),
  };
}

/** Where a server problem's `field` belongs on this form. */
export function formPathOf(serverField: string): string | undefined {
  switch (serverField) {
    case 'start':
      return 'startMin';
    case 'end':
      return 'endMin';
    case 'providerId':
    case 'clinicId':
    case 'mode':
    case 'title':
    case 'notes':
      return serverField;
    case 'packageId':
      return 'serviceIds';
    case 'patientId':
    case 'newPatient':
      return 'patient';
    case 'paymentMethodId':
    case 'requireCardOnFile':
    case 'gatewayToken':
      return 'card';
  }
  if (serverField.startsWith('serviceIds')) return 'serviceIds';
  if (serverField.startsWith('newPatient.')) {
    const inner = serverField.slice('newPatient.'.length);
    return ['firstName', 'lastName', 'email', 'phone'].includes(inner) ? `newPatient.${inner}` : 'patient';
  }
  return undefined;
}
