import { membershipStatusLabels, type MembershipStatus } from '@glowdesk/contracts';
import { Badge, type BadgeProps } from '@mantine/core';
import { membershipStatusColors } from '../membership-status.ts';

export function MembershipStatusBadge({ status, size = 'sm' }: { status: MembershipStatus; size?: BadgeProps['size'] }) {
  return (
    <Badge color={membershipStatusColors[status]} variant="light" size={size} tt="none" fw={600}>
      {membershipStatusLabels[status]}
    </Badge>
  );
}
