import { Badge } from '@mantine/core';

const outcomeStyles: Record<string, { color: string; label: string }> = {
  success: { color: 'lagoon', label: 'Success' },
  failure: { color: 'red', label: 'Failure' },
};

export function AuditOutcomeBadge({ outcome }: { outcome: string }) {
  const { color, label } = outcomeStyles[outcome] ?? { color: 'gray', label: outcome };
  return (
    <Badge color={color} variant="light" tt="none" fw={600} styles={{ label: { overflow: 'visible' } }}>
      {label}
    </Badge>
  );
}
