import '@mantine/dates/styles.css';
import { DateInput } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';

interface LocalDateInputProps {
  label: string;
  /** 'YYYY-MM-DD', a wall-clock date at the clinic. */
  value: string | null;
  onChange: (localDate: string | null) => void;
  error?: string | undefined;
  description?: string;
  placeholder?: string;
  clearable?: boolean;
  required?: boolean;
  minDate?: string | undefined;
  w?: number | string;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** Typed dates: '2026-07-03', 'Jul 3, 2026' or 'Fri, Jul 3, 2026'. */
function parseTypedDate(text: string): string | null {
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) return trimmed;
  const parsed = new Date(trimmed);
  if (Number.isNaN(parsed.getTime())) return null;
  return `${parsed.getFullYear()}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`;
}

/** A calendar date without a time or zone, typed or picked. */
export function LocalDateInput({
  label,
  value,
  onChange,
  error,
  description,
  placeholder,
  clearable,
  required,
  minDate,
  w,
}: LocalDateInputProps) {
  return (
    <DateInput
      label={label}
      value={value}
      onChange={onChange}
      error={error}
      description={description}
      placeholder={placeholder ?? 'Pick a date'}
      clearable={clearable}
      required={required}
      minDate={minDate}
      valueFormat="ddd, MMM D, YYYY"
      dateParser={parseTypedDate}
      leftSection={<IconCalendar size={16} stroke={1.6} />}
      popoverProps={{ withinPortal: true }}
      w={w}
    />
  );
}
