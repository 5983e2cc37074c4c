import { ActionIcon, Group, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { IconX } from '@tabler/icons-react';
import type { HoursInterval } from './weekly-hours.ts';

interface IntervalInputsProps {
  /** Names the inputs for screen readers and tests: "Monday, hours 1". */
  label: string;
  interval: HoursInterval;
  onChange: (interval: HoursInterval) => void;
  onRemove: () => void;
  invalid: boolean;
}

/**
 * From and until, as the browser's time inputs. An end of midnight is '24:00' to the API; the
 * input shows it as 00:00 (12:00 AM), which as an end can only mean the end of the day.
 */
export function IntervalInputs({ label, interval, onChange, onRemove, invalid }: IntervalInputsProps) {
  return (
    <Group gap={6} wrap="nowrap">
      <TimeInput
        aria-label={`${label}, from`}
        value={interval.start}
        onChange={(event) => onChange({ ...interval, start: event.currentTarget.value })}
        error={invalid}
        size="sm"
        w={124}
      />
      <Text size="sm" c="dimmed" aria-hidden="true">
        –
      </Text>
      <TimeInput
        aria-label={`${label}, until`}
        value={interval.end === '24:00' ? '00:00' : interval.end}
        onChange={(event) => {
          const end = event.currentTarget.value;
          onChange({ ...interval, end: end === '00:00' ? '24:00' : end });
        }}
        error={invalid}
        size="sm"
        w={124}
      />
      <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${label}`} onClick={onRemove}>
        <IconX size={16} />
      </ActionIcon>
    </Group>
  );
}
