import { invoiceStatusLabels, type InvoiceStatus } from '@glowdesk/contracts';
import { Badge, type BadgeProps } from '@mantine/core';
import { invoiceStatusColors } from '../invoice-status.ts';

export function InvoiceStatusBadge({ status, size = 'sm' }: { status: InvoiceStatus; size?: BadgeProps['size'] }) {
  return (
    <Badge color={invoiceStatusColors[status]} variant="light" size={size} tt="none" fw={600}>
      {invoiceStatusLabels[status]}
    </Badge>
  );
}
