import type { PatientSummary } from '@glowdesk/contracts';
import { Button, Divider, Group, Paper, SimpleGrid, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { IconUserCheck, IconX } from '@tabler/icons-react';
import { useDuplicatePatients } from '../../../patients/api/check-duplicate-patients.ts';
import { DuplicateWarning } from '../../../patients/components/duplicate-warning.tsx';
import { PatientSearchCombobox } from '../../../patients/components/patient-search-combobox.tsx';
import { formatPhone, toE164 } from '../../../patients/format-phone.ts';
import { describeBirthDate } from '../../../../shared/format/person-dates.ts';
import type { BookingFormValues } from './booking-form-values.ts';

interface PatientFieldsProps {
  form: UseFormReturnType<BookingFormValues>;
  onPick: (patient: PatientSummary) => void;
  onClear: () => void;
}

/** "Name, email address, and phone number": an existing profile picked by search, or a new patient's details. */
export function PatientFields({ form, onPick, onClear }: PatientFieldsProps) {
  const { patient, newPatient } = form.values;
  const [debounced] = useDebouncedValue(newPatient, 400);
  const duplicates = useDuplicatePatients({ ...debounced, phone: toE164(debounced.phone) ?? '' }, { enabled: patient === null });

  return (
    <>
      <Divider
        label={
          <Text size="sm" fw={600} c="var(--mantine-color-text)">
            Patient
          </Text>
        }
        labelPosition="left"
      />
      {patient ? (
        <Paper withBorder radius="md" p="sm" bg="lagoon.0">
          <Group justify="space-between" wrap="nowrap">
            <Group gap="sm" wrap="nowrap" style={{ flex: 1, minWidth: 0 }}>
              <IconUserCheck size={20} color="var(--mantine-color-lagoon-7)" aria-hidden="true" />
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={650}>
                  {patient.firstName} {patient.lastName}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {[patient.email, patient.phone ? formatPhone(patient.phone) : null, describeBirthDate(patient.dateOfBirth)]
                    .filter(Boolean)
                    .join(' · ') || 'No contact details'}
                </Text>
              </div>
            </Group>
            <Button size="xs" variant="subtle" color="gray" style={{ flex: 'none' }} leftSection={<IconX size={14} />} onClick={onClear}>
              Change
            </Button>
          </Group>
        </Paper>
      ) : (
        <>
          <PatientSearchCombobox
            label="Find a patient"
            description="Type a name, email or phone and pick the profile. For someone new, fill in their details below."
            error={typeof form.errors.patient === 'string' ? form.errors.patient : undefined}
            onPick={onPick}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <TextInput label="First name" autoComplete="off" {...form.getInputProps('newPatient.firstName')} />
            <TextInput label="Last name" autoComplete="off" {...form.getInputProps('newPatient.lastName')} />
            <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps('newPatient.email')} />
            <TextInput
              label="Phone"
              type="tel"
              placeholder="(212) 555-0123"
              autoComplete="off"
              {...form.getInputProps('newPatient.phone')}
            />
          </SimpleGrid>
          <DuplicateWarning matches={duplicates.data ?? []} actionLabel="Use this patient" onAction={onPick} />
        </>
      )}
    </>
  );
}
