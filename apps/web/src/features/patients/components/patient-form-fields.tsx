import '@mantine/dates/styles.css';
import { genderLabels, genderSchema, type Gender, type Patient } from '@glowdesk/contracts';
import { Checkbox, Divider, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import type { ApiProblem } from '../../../shared/api/api-problem.ts';
import { formatPhone, toE164 } from '../format-phone.ts';

export interface PatientFormValues {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  dateOfBirth: string | null;
  gender: Gender | null;
  addressLine1: string;
  addressLine2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
  notes: string;
  marketingConsent: boolean;
  preferredChannel: 'email' | 'sms';
}

export type PatientField = keyof PatientFormValues;
export type PatientFieldErrors = Partial<Record<PatientField, string>>;

export const emptyPatientValues: PatientFormValues = {
  firstName: '',
  lastName: '',
  email: '',
  phone: '',
  dateOfBirth: null,
  gender: null,
  addressLine1: '',
  addressLine2: '',
  city: '',
  region: '',
  postalCode: '',
  country: 'US',
  notes: '',
  marketingConsent: false,
  preferredChannel: 'email',
};

export function valuesFromPatient(patient: Patient): PatientFormValues {
  return {
    firstName: patient.firstName,
    lastName: patient.lastName,
    email: patient.email ?? '',
    phone: patient.phone ? formatPhone(patient.phone) : '',
    dateOfBirth: patient.dateOfBirth,
    gender: patient.gender,
    addressLine1: patient.addressLine1 ?? '',
    addressLine2: patient.addressLine2 ?? '',
    city: patient.city ?? '',
    region: patient.region ?? '',
    postalCode: patient.postalCode ?? '',
    country: patient.country ?? '',
    notes: patient.notes ?? '',
    marketingConsent: patient.marketingConsent,
    preferredChannel: patient.preferredChannel,
  };
}

/** Checks what the browser can; the server has the last word (its field errors land on the same inputs). */
export function validatePatientValues(values: PatientFormValues): PatientFieldErrors {
  const errors: PatientFieldErrors = {};
  if (!values.firstName.trim()) errors.firstName = 'Enter the first name.';
  if (!values.lastName.trim()) errors.lastName = 'Enter the last name.';
  if (values.email.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) errors.email = 'Enter a valid email address.';
  if (values.phone.trim() && !toE164(values.phone)) errors.phone = 'Enter a full phone number, e.g. (212) 555-0123 or +44 20 7946 0958.';
  if (values.country.trim() && !/^[A-Za-z]{2}$/.test(values.country.trim())) errors.country = 'Use a two-letter country code, e.g. US.';
  return errors;
}

/** The profile as the API takes it: blanks become null, the phone becomes E.164. */
export function patientRequestFrom(values: PatientFormValues) {
  const text = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    email: text(values.email),
    phone: toE164(values.phone) ?? null,
    dateOfBirth: values.dateOfBirth,
    gender: values.gender,
    addressLine1: text(values.addressLine1),
    addressLine2: text(values.addressLine2),
    city: text(values.city),
    region: text(values.region),
    postalCode: text(values.postalCode),
    country: text(values.country.toUpperCase()),
    notes: text(values.notes),
    marketingConsent: values.marketingConsent,
    preferredChannel: values.preferredChannel,
  };
}

const fields: PatientField[] = Object.keys(emptyPatientValues) as PatientField[];

/** The server's field errors, placed on this form's inputs. */
export function patientFieldErrorsFrom(problem: ApiProblem): PatientFieldErrors {
  const errors: PatientFieldErrors = {};
  for (const field of fields) {
    const message = problem.messageFor(field);
    if (message) errors[field] = message;
  }
  return errors;
}

interface PatientFormFieldsProps {
  values: PatientFormValues;
  errors: PatientFieldErrors;
  onChange: <K extends PatientField>(field: K, value: PatientFormValues[K]) => void;
}

export function PatientFormFields({ values, errors, onChange }: PatientFormFieldsProps) {
  const text = (field: Exclude<PatientField, 'dateOfBirth' | 'gender' | 'marketingConsent' | 'preferredChannel'>) => ({
    value: values[field],
    error: errors[field],
    onChange: (event: { currentTarget: { value: string } }) => onChange(field, event.currentTarget.value),
  });
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="First name" required data-autofocus autoComplete="off" {...text('firstName')} />
        <TextInput label="Last name" required autoComplete="off" {...text('lastName')} />
        <TextInput label="Email" type="email" autoComplete="off" {...text('email')} />
        <TextInput label="Phone" type="tel" placeholder="(212) 555-0123" autoComplete="off" {...text('phone')} />
        <DatePickerInput
          label="Date of birth"
          placeholder="Pick a date"
          value={values.dateOfBirth}
          onChange={(value) => onChange('dateOfBirth', value)}
          valueFormat="MMM D, YYYY"
          defaultLevel="decade"
          maxDate={new Date().toISOString().slice(0, 10)}
          clearable
          error={errors.dateOfBirth}
          popoverProps={{ withinPortal: true }}
        />
        <Select
          label="Gender"
          placeholder="Not recorded"
          data={genderSchema.options.map((gender) => ({ value: gender, label: genderLabels[gender] }))}
          value={values.gender}
          onChange={(value) => onChange('gender', genderSchema.safeParse(value).data ?? null)}
          clearable
          error={errors.gender}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      <Divider label="Address" labelPosition="left" mt={4} />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput label="Address line 1" {...text('addressLine1')} />
        <TextInput label="Address line 2" {...text('addressLine2')} />
        <TextInput label="City" {...text('city')} />
        <TextInput label="State / region" {...text('region')} />
        <TextInput label="Postal code" {...text('postalCode')} />
        <TextInput label="Country" description="Two-letter code" maxLength={2} {...text('country')} />
      </SimpleGrid>
      <Divider label="Preferences" labelPosition="left" mt={4} />
      <div>
        <Text size="sm" fw={500} mb={4} id="preferred-channel-label">
          Preferred channel
        </Text>
        <SegmentedControl
          aria-labelledby="preferred-channel-label"
          value={values.preferredChannel}
          onChange={(value) => onChange('preferredChannel', value === 'sms' ? 'sms' : 'email')}
          data={[
            { value: 'email', label: 'Email' },
            { value: 'sms', label: 'SMS' },
          ]}
        />
      </div>
      <Checkbox
        label="Agrees to marketing messages"
        checked={values.marketingConsent}
        onChange={(event) => onChange('marketingConsent', event.currentTarget.checked)}
      />
      <Textarea label="Notes" autosize minRows={2} maxRows={6} {...text('notes')} />
    </Stack>
  );
}
