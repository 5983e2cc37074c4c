import { SegmentedControl } from '@mantine/core';
import type { StatusFilter } from '../../record-status.ts';

interface StatusFilterControlProps {
  value: StatusFilter;
  onChange: (filter: StatusFilter) => void;
  records: readonly { active: boolean }[];
}

/** Active / Inactive / All, each with how many records it holds. */
export function StatusFilterControl({ value, onChange, records }: StatusFilterControlProps) {
  const active = records.filter((record) => record.active).length;
  return (
    <SegmentedControl<StatusFilter>
      aria-label="Show"
      size="sm"
      value={value}
      onChange={onChange}
      data={[
        { value: 'active', label: `Active (${active})` },
        { value: 'inactive', label: `Inactive (${records.length - active})` },
        { value: 'all', label: `All (${records.length})` },
      ]}
    />
  );
}
