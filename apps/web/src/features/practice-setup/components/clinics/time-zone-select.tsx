import { Select } from '@mantine/core';
import { IconWorld } from '@tabler/icons-react';
import { useMemo } from 'react';
import { timeZoneOptions } from '../../time-zone-options.ts';

interface TimeZoneSelectProps {
  value: string | null;
  onChange: (timeZone: string | null) => void;
  error: string | undefined;
}

function localTimeIn(timeZone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit', weekday: 'short' }).format(new Date());
  } catch {
    return undefined;
  }
}

/** A searchable list of the browser's IANA zones; shows the time there now, to catch a wrong pick. */
export function TimeZoneSelect({ value, onChange, error }: TimeZoneSelectProps) {
  const data = useMemo(() => timeZoneOptions(value), [value]);
  const now = value ? localTimeIn(value) : undefined;
  return (
    <Select
      label="Time zone"
      required
      searchable
      placeholder="Search, e.g. New York"
      leftSection={<IconWorld size={16} stroke={1.6} />}
      data={data}
      value={value}
      onChange={onChange}
      nothingFoundMessage="No time zone matches"
      maxDropdownHeight={280}
      description={
        now
          ? `Weekly hours and booking times here use this zone. It is ${now} there now.`
          : 'Weekly hours and booking times here use this zone.'
      }
      error={error}
      allowDeselect={false}
      comboboxProps={{ withinPortal: true }}
    />
  );
}
