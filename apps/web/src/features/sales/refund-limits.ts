import type { InvoicePayment } from '@glowdesk/contracts';
import { formatMoney, type ParsedAmount } from '../../shared/format/money.ts';

/**
 * Payments with money left to refund, newest first. One refund goes back to one payment (the
 * server refuses an amount spread over several), so the refund form picks one and is limited
 * by what is left on it.
 */
export function refundablePayments(payments: readonly InvoicePayment[]): InvoicePayment[] {
  return payments
    .filter((payment) => payment.status === 'succeeded' && payment.refundableCents > 0)
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.attempt - a.attempt);
}

/** Why a refund amount cannot be sent, or undefined when it can: more than zero, never more than is left on the payment. */
export function refundAmountProblem(amount: ParsedAmount, refundableCents: number, currency: string): string | undefined {
  switch (amount.status) {
    case 'blank':
      return 'Enter the amount to refund.';
    case 'invalid':
      return amount.message;
    case 'valid':
      if (amount.amountCents <= 0) return 'Refund more than zero.';
      if (amount.amountCents > refundableCents) {
        return `At most ${formatMoney(refundableCents, currency)} of this payment is left to refund.`;
      }
      return undefined;
  }
}
