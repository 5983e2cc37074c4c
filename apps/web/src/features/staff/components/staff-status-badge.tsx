import { Badge } from '@mantine/core';

export function StaffStatusBadge({ active }: { active: boolean }) {
  return active ? (
    <Badge color="lagoon" variant="light" tt="none" fw={600}>
      Active
    </Badge>
  ) : (
    <Badge color="gray" variant="light" tt="none" fw={600}>
      Deactivated
    </Badge>
  );
}
