import { paperworkStatusLabels, type PaperworkStatus } from '@glowdesk/contracts';
import { Badge, type BadgeProps } from '@mantine/core';
import { paperworkStatusColors } from '../paperwork-status.ts';

export function PaperworkStatusBadge({ status, size = 'sm' }: { status: PaperworkStatus; size?: BadgeProps['size'] }) {
  return (
    <Badge color={paperworkStatusColors[status]} variant="light" size={size} tt="none" fw={600} miw="max-content">
      {paperworkStatusLabels[status]}
    </Badge>
  );
}
