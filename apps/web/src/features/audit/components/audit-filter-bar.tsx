import '@mantine/dates/styles.css';
import { Button, Group, Paper, Select, Text } from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconCalendar, IconFilterOff } from '@tabler/icons-react';
import { hasAuditFilters, type AuditFilters } from '../audit-filters.ts';
import { auditActionGroups, auditOutcomes, isKnownAuditAction, labelAuditAction, type AuditOutcome } from '../audit-vocabulary.ts';

interface AuditFilterBarProps {
  filters: AuditFilters;
  onChange: (filters: AuditFilters) => void;
  /** The practice's IANA zone: the dates are days there. */
  timeZone: string;
  dateRangeProblem: string | undefined;
}

const outcomeOptions: { value: AuditOutcome; label: string }[] = [
  { value: 'success', label: 'Success' },
  { value: 'failure', label: 'Failure' },
];

type ActionOptionGroup = { group: string; items: { value: string; label: string }[] };

function actionOptions(selected: string | undefined): ActionOptionGroup[] {
  const known = auditActionGroups.map(({ group, actions }) => ({
    group,
    items: Object.entries(actions).map(([value, label]) => ({ value, label })),
  }));
  // An action from a bookmarked link that this page has no name for yet still shows.
  if (!selected || isKnownAuditAction(selected)) return known;
  return [...known, { group: 'Other', items: [{ value: selected, label: labelAuditAction(selected) }] }];
}

export function AuditFilterBar({ filters, onChange, timeZone, dateRangeProblem }: AuditFilterBarProps) {
  const set = (changes: AuditFilters) => onChange({ ...filters, ...changes });
  return (
    <Paper withBorder radius="lg" p="md" mb="md" bg="white" component="section" aria-label="Filter the audit log">
      <Group align="flex-start" gap="md" wrap="wrap">
        <Select
          label="Action"
          placeholder="All actions"
          data={actionOptions(filters.action)}
          value={filters.action ?? null}
          onChange={(action) => set({ action: action ?? undefined })}
          clearable
          searchable
          w={{ base: '100%', sm: 260 }}
          maxDropdownHeight={320}
        />
        <Select
          label="Outcome"
          placeholder="Any outcome"
          data={outcomeOptions}
          value={filters.outcome ?? null}
          onChange={(outcome) => set({ outcome: auditOutcomes.find((known) => known === outcome) })}
          clearable
          w={{ base: '100%', sm: 170 }}
        />
        <DatePickerInput
          label="From"
          placeholder="Any date"
          leftSection={<IconCalendar size={16} stroke={1.6} />}
          value={filters.fromDate ?? null}
          onChange={(fromDate) => set({ fromDate: fromDate ?? undefined })}
          clearable
          valueFormat="MMM D, YYYY"
          w={{ base: '100%', sm: 180 }}
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
          w={{ base: '100%', sm: 180 }}
        />
      </Group>
      <Group justify="space-between" align="center" gap="xs" mt="sm" wrap="wrap">
        <Text size="xs" c="dimmed">
          Dates are whole days in the practice's time zone ({timeZone.replaceAll('_', ' ')}), from the start of "From" to the end of "To".
        </Text>
        {hasAuditFilters(filters) && (
          <Button variant="subtle" color="gray" size="compact-sm" leftSection={<IconFilterOff size={14} />} onClick={() => onChange({})}>
            Clear filters
          </Button>
        )}
      </Group>
    </Paper>
  );
}
