import { createClinicRequestSchema, type Clinic, type UpdateClinicRequest } from '@glowdesk/contracts';
import { fieldErrorsFromIssues, type FieldErrors } from '../../form-errors.ts';

/** What the clinic form holds: text as typed, numbers as Mantine's NumberInput gives them. */
export interface ClinicFormValues {
  name: string;
  timezone: string | null;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  phone: string;
  notificationEmail: string;
  smsNotificationPhone: string;
  slotStepMinutes: number | string;
  minimumNoticeMinutes: number | string;
  bookingHorizonDays: number | string;
}

export const clinicFormFields = [
  'name',
  'timezone',
  'addressLine1',
  'addressLine2',
  'city',
  'region',
  'postalCode',
  'country',
  'phone',
  'notificationEmail',
  'smsNotificationPhone',
  'slotStepMinutes',
  'minimumNoticeMinutes',
  'bookingHorizonDays',
] as const satisfies readonly (keyof ClinicFormValues)[];
export type ClinicFormField = (typeof clinicFormFields)[number];

type ClinicRequest = NonNullable<ReturnType<typeof createClinicRequestSchema.safeParse>['data']>;

export function newClinicValues(defaultTimeZone: string): ClinicFormValues {
  return {
    name: '',
    timezone: defaultTimeZone,
    addressLine1: '',
    addressLine2: '',
    city: '',
    region: '',
    postalCode: '',
    country: 'US',
    phone: '',
    notificationEmail: '',
    smsNotificationPhone: '',
    slotStepMinutes: 15,
    minimumNoticeMinutes: 0,
    bookingHorizonDays: 365,
  };
}

export function clinicFormValues(clinic: Clinic): ClinicFormValues {
  return {
    name: clinic.name,
    timezone: clinic.timezone,
    addressLine1: clinic.addressLine1 ?? '',
    addressLine2: clinic.addressLine2 ?? '',
    city: clinic.city ?? '',
    region: clinic.region ?? '',
    postalCode: clinic.postalCode ?? '',
    country: clinic.country ?? '',
    phone: clinic.phone ?? '',
    notificationEmail: clinic.notificationEmail ?? '',
    smsNotificationPhone: clinic.smsNotificationPhone ?? '',
    slotStepMinutes: clinic.slotStepMinutes,
    minimumNoticeMinutes: clinic.minimumNoticeMinutes,
    bookingHorizonDays: clinic.bookingHorizonDays,
  };
}

/** Blank optional text means "none" to the API. */
function textOrNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** People type phone numbers with spaces and dashes; E.164 has none. */
function compactPhone(text: string): string | null {
  const compact = text.replace(/[\s().-]/g, '');
  return compact === '' ? null : compact;
}

const wholeNumberFields = ['slotStepMinutes', 'minimumNoticeMinutes', 'bookingHorizonDays'] as const;

/** Checks the form against the API's own schema and returns the request, or a message per field. */
export function readClinicForm(values: ClinicFormValues): { request: ClinicRequest } | { errors: FieldErrors<ClinicFormField> } {
  const blankNumbers: FieldErrors<ClinicFormField> = {};
  for (const field of wholeNumberFields) {
    if (values[field] === '') blankNumbers[field] = 'Enter a number.';
  }
  const parsed = createClinicRequestSchema.safeParse({
    name: values.name,
    timezone: values.timezone ?? '',
    addressLine1: textOrNull(values.addressLine1),
    addressLine2: textOrNull(values.addressLine2),
    city: textOrNull(values.city),
    region: textOrNull(values.region),
    postalCode: textOrNull(values.postalCode),
    country: textOrNull(values.country.toUpperCase()),
    phone: textOrNull(values.phone),
    notificationEmail: textOrNull(values.notificationEmail),
    smsNotificationPhone: compactPhone(values.smsNotificationPhone),
    slotStepMinutes: Number(values.slotStepMinutes),
    minimumNoticeMinutes: Number(values.minimumNoticeMinutes),
    bookingHorizonDays: Number(values.bookingHorizonDays),
  });
  const errors = { ...(parsed.success ? {} : fieldErrorsFromIssues(parsed.error.issues, clinicFormFields)), ...blankNumbers };
  if (values.timezone === null) errors.timezone = 'Choose the time zone the clinic is in.';
  if (!parsed.success || Object.keys(errors).length > 0) return { errors };
  return { request: parsed.data };
}

/** Only what the user changed, so an edit never overwrites fields they did not touch. */
export function changedClinicFields(clinic: Clinic, request: ClinicRequest): UpdateClinicRequest {
  const changes: UpdateClinicRequest = {};
  for (const field of clinicFormFields) {
    const next = request[field] ?? null;
    if (next !== clinic[field]) Object.assign(changes, { [field]: next });
  }
  return changes;
}
