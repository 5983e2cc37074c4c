import type { InvoiceStatus, PaymentStatus, RefundStatus } from '@glowdesk/contracts';

/** Mantine colors per status: one meaning everywhere in Sales. */
export const invoiceStatusColors: Record<InvoiceStatus, string> = {
  unpaid: 'orange',
  paid: 'lagoon',
  partially_refunded: 'blue',
  refunded: 'grape',
  void: 'gray',
};

export const paymentStatusLabels: Record<PaymentStatus, { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'yellow' },
  succeeded: { label: 'Succeeded', color: 'lagoon' },
  failed: { label: 'Failed', color: 'red' },
};

export const refundStatusLabels: Record<RefundStatus, { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'yellow' },
  processing: { label: 'Processing', color: 'blue' },
  succeeded: { label: 'Refunded', color: 'lagoon' },
  failed: { label: 'Failed', color: 'red' },
};
