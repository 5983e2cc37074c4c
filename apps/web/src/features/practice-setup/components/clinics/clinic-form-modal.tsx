import type { Clinic } from '@glowdesk/contracts';
import { Button, Divider, Grid, Group, Modal, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type ChangeEvent, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../../shared/api/api-problem.ts';
import { useCreateClinic } from '../../api/create-clinic.ts';
import { useUpdateClinic } from '../../api/update-clinic.ts';
import { fieldErrorsFromProblem, unplacedSaveProblem } from '../../form-errors.ts';
import { FormProblemAlert } from '../shared/form-problem-alert.tsx';
import { useFieldErrors } from '../shared/use-field-errors.ts';
import { useRetained } from '../shared/use-retained.ts';
import {
  changedClinicFields,
  clinicFormFields,
  clinicFormValues,
  newClinicValues,
  readClinicForm,
  type ClinicFormField,
  type ClinicFormValues,
} from './clinic-form-values.ts';
import { countryOptions } from './country-options.ts';
import { TimeZoneSelect } from './time-zone-select.tsx';

/** Which clinic the form edits; `{ clinic: null }` adds one. */
export type ClinicFormTarget = { clinic: Clinic | null };

interface ClinicFormModalProps {
  target: ClinicFormTarget | null;
  /** A new clinic starts in the practice's zone. */
  defaultTimeZone: string;
  onClose: () => void;
}

export function ClinicFormModal({ target: selected, defaultTimeZone, onClose }: ClinicFormModalProps) {
  const target = useRetained(selected);
  const editing = target?.clinic ?? null;
  return (
    <Modal opened={selected !== null} onClose={onClose} title={editing ? `Edit ${editing.name}` : 'Add clinic'} size={680}>
      {target && <ClinicForm key={editing?.id ?? 'new'} clinic={editing} defaultTimeZone={defaultTimeZone} onClose={onClose} />}
    </Modal>
  );
}

function SectionLabel({ children }: { children: string }) {
  return (
    <Divider
      label={
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {children}
        </Text>
      }
      labelPosition="left"
    />
  );
}

function ClinicForm({ clinic, defaultTimeZone, onClose }: { clinic: Clinic | null; defaultTimeZone: string; onClose: () => void }) {
  const [values, setValues] = useState<ClinicFormValues>(() => (clinic ? clinicFormValues(clinic) : newClinicValues(defaultTimeZone)));
  const { formRef, errors, setErrors, showErrors } = useFieldErrors<ClinicFormField>();
  const createClinic = useCreateClinic();
  const updateClinic = useUpdateClinic();
  const saving = createClinic.isPending || updateClinic.isPending;
  const saveError = createClinic.error ?? updateClinic.error;

  function set<Field extends ClinicFormField>(field: Field, value: ClinicFormValues[Field]) {
    setValues((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, [field]: undefined }));
  }

  function showServerErrors(error: unknown) {
    if (isApiProblem(error)) showErrors(fieldErrorsFromProblem(error, clinicFormFields));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = readClinicForm(values);
    if ('errors' in result) return showErrors(result.errors);
    if (!clinic) {
      createClinic.mutate(result.request, {
        onSuccess: (created) => {
          notifications.show({
            color: 'lagoon',
            title: 'Clinic added',
            message: `${created.name} is ready for rooms, services and schedules.`,
          });
          onClose();
        },
        onError: showServerErrors,
      });
      return;
    }
    const changes = changedClinicFields(clinic, result.request);
    if (Object.keys(changes).length === 0) return onClose();
    updateClinic.mutate(
      { clinicId: clinic.id, expectedVersion: clinic.version, changes },
      {
        onSuccess: (updated) => {
          notifications.show({ color: 'lagoon', title: 'Clinic saved', message: updated.name });
          onClose();
        },
        onError: showServerErrors,
      },
    );
  }

  const text = (field: Exclude<ClinicFormField, 'timezone' | 'slotStepMinutes' | 'minimumNoticeMinutes' | 'bookingHorizonDays'>) => ({
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => set(field, event.currentTarget.value),
    error: errors[field],
  });

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <Stack gap="md">
        <FormProblemAlert message={unplacedSaveProblem(saveError, clinicFormFields, 'clinic')} />
        <TextInput label="Name" required data-autofocus placeholder="e.g. Lumière Aesthetics — SoHo" {...text('name')} />
        <TimeZoneSelect value={values.timezone} onChange={(timezone) => set('timezone', timezone)} error={errors.timezone} />

        <SectionLabel>Address</SectionLabel>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <TextInput label="Street address" autoComplete="off" {...text('addressLine1')} style={{ gridColumn: 'span 2' }} />
          <TextInput label="Suite, floor" autoComplete="off" {...text('addressLine2')} />
        </SimpleGrid>
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <TextInput label="City" {...text('city')} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <TextInput label="State or region" {...text('region')} />
          </Grid.Col>
          <Grid.Col span={{ base: 6, sm: 3 }}>
            <TextInput label="Postal code" {...text('postalCode')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 3 }}>
            <Select
              label="Country"
              data={countryOptions()}
              value={values.country === '' ? null : values.country}
              onChange={(country) => set('country', country ?? '')}
              error={errors.country}
              searchable
              placeholder="Country"
              comboboxProps={{ withinPortal: true, width: 260, position: 'bottom-end' }}
            />
          </Grid.Col>
        </Grid>
        <SectionLabel>Contact and notifications</SectionLabel>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label="Phone" type="tel" description="Shown to patients." {...text('phone')} />
          <TextInput
            label="Notification email"
            type="email"
            description="Where booking and cancellation notices go."
            {...text('notificationEmail')}
          />
        </SimpleGrid>
        <TextInput
          label="SMS notification phone"
          type="tel"
          placeholder="+12125550123"
          description="International (E.164) format: a plus, the country code, then the number — e.g. +12125550123. Spaces and dashes are removed."
          {...text('smsNotificationPhone')}
        />

        <SectionLabel>Booking</SectionLabel>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <NumberInput
            label="Slot step"
            suffix=" min"
            min={5}
            max={240}
            step={5}
            allowDecimal={false}
            allowNegative={false}
            description="Start times offered every…"
            value={values.slotStepMinutes}
            onChange={(value) => set('slotStepMinutes', value)}
            error={errors.slotStepMinutes}
          />
          <NumberInput
            label="Minimum notice"
            suffix=" min"
            min={0}
            max={43_200}
            step={15}
            allowDecimal={false}
            allowNegative={false}
            description="No start sooner than this."
            value={values.minimumNoticeMinutes}
            onChange={(value) => set('minimumNoticeMinutes', value)}
            error={errors.minimumNoticeMinutes}
          />
          <NumberInput
            label="Booking horizon"
            suffix=" days"
            min={1}
            max={730}
            allowDecimal={false}
            allowNegative={false}
            description="How far ahead to book."
            value={values.bookingHorizonDays}
            onChange={(value) => set('bookingHorizonDays', value)}
            error={errors.bookingHorizonDays}
          />
        </SimpleGrid>

        <Group justify="flex-end" gap="sm" mt="xs">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={saving}>
            {clinic ? 'Save changes' : 'Add clinic'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
