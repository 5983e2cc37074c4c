import type { InvoiceStatus } from '@glowdesk/contracts';
import { Badge } from '@mantine/core';
import { IconAlertCircle, IconCircleCheck, IconCircleOff, IconReceiptRefund } from '@tabler/icons-react';

/**
 * Payment History's colour code: red Unpaid, green Paid. The word and the icon say it too, so
 * colour is never the only sign.
 */
export function invoiceTone(status: InvoiceStatus): 'unpaid' | 'paid' | 'other' {
  if (status === 'unpaid') return 'unpaid';
  if (status === 'paid' || status === 'partially_refunded') return 'paid';
  return 'other';
}

const looks = {
  unpaid: { color: 'red.8', icon: IconAlertCircle },
  paid: { color: 'green.8', icon: IconCircleCheck },
  refunded: { color: 'gray.7', icon: IconReceiptRefund },
  void: { color: 'gray.7', icon: IconCircleOff },
} as const;

export function InvoiceStatusBadge({ status, label }: { status: InvoiceStatus; label: string }) {
  const tone = invoiceTone(status);
  const look = tone === 'other' ? looks[status === 'void' ? 'void' : 'refunded'] : looks[tone];
  return (
    <Badge color={look.color} variant="filled" size="lg" leftSection={<look.icon size={14} aria-hidden="true" />} style={{ flexShrink: 0 }}>
      {label}
    </Badge>
  );
}
