import type { AppointmentStatus } from '@glowdesk/contracts';
import { Badge, type BadgeProps } from '@mantine/core';
import { appointmentStatusColors, statusLabel } from '../appointment-status.ts';

export function AppointmentStatusBadge({ status, size = 'sm' }: { status: AppointmentStatus; size?: BadgeProps['size'] }) {
  return (
    <Badge color={appointmentStatusColors[status]} variant="light" size={size} tt="none" fw={600}>
      {statusLabel(status)}
    </Badge>
  );
}
