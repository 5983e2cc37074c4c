import { Badge } from '@mantine/core';

export function RecordStatusBadge({ active }: { active: boolean }) {
  return active ? (
    <Badge color="lagoon" variant="light" tt="none" fw={600} miw="max-content">
      Active
    </Badge>
  ) : (
    <Badge color="gray" variant="light" tt="none" fw={600} miw="max-content">
      Inactive
    </Badge>
  );
}
