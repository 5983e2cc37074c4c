import type { InvoiceStatus } from '@glowdesk/contracts';

export interface InvoiceAmounts {
  totalCents: number;
  amountPaidCents: number;
  amountRefundedCents: number;
  voidedAt: Date | null;
}

/**
 * The status that follows from an invoice's amounts; the database checks the same rule
 * (invoices_status_follows_amounts), so the two cannot drift apart.
 */
export function invoiceStatusOf(amounts: InvoiceAmounts): InvoiceStatus {
  if (amounts.voidedAt) return 'void';
  if (amounts.amountRefundedCents > 0) return amounts.amountRefundedCents === amounts.amountPaidCents ? 'refunded' : 'partially_refunded';
  return amounts.amountPaidCents >= amounts.totalCents ? 'paid' : 'unpaid';
}
