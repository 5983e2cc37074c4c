import '@mantine/dates/styles.css';
import { invoiceKindLabels, invoiceKindSchema, invoiceStatusLabels, invoiceStatusSchema, type Clinic } from '@glowdesk/contracts';
import { Button, Group, Paper, Select, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar, IconFilterOff } from '@tabler/icons-react';
import { hasInvoiceFilters, type InvoiceFilters } from '../invoice-filters.ts';

/** On a phone From and To share a row, so the invoices start higher on the first screen. */
const HALF_ROW = 'calc(50% - var(--mantine-spacing-md) / 2)';

interface InvoiceFilterBarProps {
  filters: InvoiceFilters;
  onChange: (filters: InvoiceFilters) => void;
  clinics: Clinic[];
  /** The zone the dates are days in. */
  timeZone: string;
  dateRangeProblem: string | undefined;
}

const statusOptions = invoiceStatusSchema.options.map((status) => ({ value: status, label: invoiceStatusLabels[status] }));
const kindOptions = invoiceKindSchema.options.map((kind) => ({ value: kind, label: invoiceKindLabels[kind] }));

export function InvoiceFilterBar({ filters, onChange, clinics, timeZone, dateRangeProblem }: InvoiceFilterBarProps) {
  const set = (changes: InvoiceFilters) => onChange({ ...filters, ...changes });
  const clinicOptions = clinics.map((clinic) => ({ value: clinic.id, label: clinic.active ? clinic.name : `${clinic.name} (closed)` }));
  return (
    <Paper withBorder radius="lg" p="md" mb="md" bg="white" component="section" aria-label="Filter invoices">
      <Group align="flex-start" gap="md" wrap="wrap">
        <DatePickerInput
          label="From"
          placeholder="Any date"
          leftSection={<IconCalendar size={16} stroke={1.6} />}
          value={filters.fromDate ?? null}
          onChange={(fromDate) => set({ fromDate: fromDate ?? undefined })}
          clearable
          valueFormat="MMM D, YYYY"
          w={{ base: HALF_ROW, sm: 170 }}
        />
        <DatePickerInput
          label="To"
          placeholder="Any date"
          leftSection={<IconCalendar size={16} stroke={1.6} />}
          value={filters.toDate ?? null}
          onChange={(toDate) => set({ toDate: toDate ?? undefined })}
          clearable
          valueFormat="MMM D, YYYY"
          error={dateRangeProblem}
          w={{ base: HALF_ROW, sm: 170 }}
        />
        <Select
          label="Clinic"
          placeholder="All clinics"
          data={clinicOptions}
          value={filters.clinicId ?? null}
          onChange={(clinicId) => set({ clinicId: clinicId ?? undefined })}
          clearable
          w={{ base: '100%', sm: 280 }}
        />
        <Select
          label="Status"
          placeholder="Any status"
          data={statusOptions}
          value={filters.status ?? null}
          onChange={(status) => set({ status: invoiceStatusSchema.options.find((known) => known === status) })}
          clearable
          w={{ base: '100%', sm: 180 }}
        />
        <Select
          label="Kind"
          placeholder="All kinds"
          data={kindOptions}
          value={filters.kind ?? null}
          onChange={(kind) => set({ kind: invoiceKindSchema.options.find((known) => known === kind) })}
          clearable
          w={{ base: '100%', sm: 330 }}
          comboboxProps={{ width: 360 }}
        />
      </Group>
      <Group justify="space-between" align="center" gap="xs" mt="sm" wrap="wrap">
        <Text size="xs" c="dimmed">
          Dates are whole days in {timeZone.replaceAll('_', ' ')}
          {filters.clinicId ? ', the clinic’s time zone' : ', the practice’s time zone'}, by the day the invoice was created.
        </Text>
        {hasInvoiceFilters(filters) && (
          <Button variant="subtle" color="gray" size="compact-sm" leftSection={<IconFilterOff size={14} />} onClick={() => onChange({})}>
            Clear filters
          </Button>
        )}
      </Group>
    </Paper>
  );
}
