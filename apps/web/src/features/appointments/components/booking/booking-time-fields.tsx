import { Select, SimpleGrid, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import type { UseFormReturnType } from '@mantine/form';
import { IconCalendar } from '@tabler/icons-react';
import { formatMinutes } from '../../clinic-time.ts';
import type { BookingFormValues } from './booking-form-values.ts';
import { providerSelectOptions } from './provider-select-options.ts';
import type { useProviderChoices } from './use-provider-choices.ts';

const timeOptions = Array.from({ length: 96 }, (_, index) => ({ value: String(index * 15), label: formatMinutes(index * 15) }));

interface TimeFieldsProps {
  form: UseFormReturnType<BookingFormValues>;
  today: string;
  clinicLabel: string | null;
}

/** Date and time by hand (any quarter hour: for double bookings and blocks), with "To" for a block. */
export function TimeFields({ form, today, clinicLabel }: TimeFieldsProps) {
  const { kind, startMin, endMin } = form.values;
  return (
    <>
      <SimpleGrid cols={{ base: kind === 'out_of_office' ? 1 : 2, xs: kind === 'out_of_office' ? 3 : 2 }} spacing="sm">
        <DatePickerInput
          label="Date"
          required
          value={form.values.localDate}
          minDate={today}
          onChange={(value) => {
            if (value) form.setFieldValue('localDate', value);
            form.clearFieldError('startMin');
            form.clearFieldError('providerId');
          }}
          valueFormat={kind === 'out_of_office' ? 'MMM D, YYYY' : 'ddd, MMM D, YYYY'}
          leftSection={<IconCalendar size={16} stroke={1.6} />}
          firstDayOfWeek={1}
          error={form.errors.localDate}
          popoverProps={{ withinPortal: true }}
        />
        <Select
          label={kind === 'out_of_office' ? 'From' : 'Time'}
          required
          placeholder="Choose"
          data={timeOptions}
          value={startMin === null ? null : String(startMin)}
          searchable
          allowDeselect={false}
          onChange={(value) => {
            const minutes = value === null ? null : Number(value);
            form.setFieldValue('startMin', minutes);
            if (minutes !== null && (endMin === null || endMin <= minutes)) form.setFieldValue('endMin', minutes + 60);
            form.clearFieldError('providerId');
          }}
          error={form.errors.startMin}
          comboboxProps={{ withinPortal: true }}
        />
        {kind === 'out_of_office' && (
          <Select
            label="To"
            required
            placeholder="Choose"
            data={timeOptions.filter((option) => startMin === null || Number(option.value) > startMin)}
            value={endMin === null ? null : String(endMin)}
            searchable
            allowDeselect={false}
            onChange={(value) => form.setFieldValue('endMin', value === null ? null : Number(value))}
            error={form.errors.endMin}
            comboboxProps={{ withinPortal: true }}
          />
        )}
      </SimpleGrid>
      {clinicLabel && (
        <Text size="xs" c="dimmed" mt={-8}>
          {clinicLabel}
        </Text>
      )}
    </>
  );
}

interface ProviderFieldProps {
  form: UseFormReturnType<BookingFormValues>;
  providers: ReturnType<typeof useProviderChoices>;
  hasServicesAndTime: boolean;
}

export function ProviderField({ form, providers, hasServicesAndTime }: ProviderFieldProps) {
  const { kind } = form.values;
  const error = form.errors.providerId ?? providers.notFree;
  return (
    <Select
      label="Provider"
      required
      placeholder={providers.loading ? 'Finding who is free…' : 'Choose a provider'}
      // A prefilled provider stays visible (with the reason below once known) instead of being silently dropped.
      data={providerSelectOptions(providers)}
      value={form.values.providerId}
      onChange={(value) => form.setFieldValue('providerId', value)}
      allowDeselect={false}
      description={error ? undefined : providers.hint}
      error={error}
      disabled={kind === 'appointment' && !hasServicesAndTime}
      nothingFoundMessage="Nobody is free then"
      comboboxProps={{ withinPortal: true }}
    />
  );
}
