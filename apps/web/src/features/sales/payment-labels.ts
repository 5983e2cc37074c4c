import type { InvoicePayment, PaymentKind } from '@glowdesk/contracts';
import { cardLabel } from '../../shared/format/card-label.ts';

export { cardLabel };

export const paymentKindLabels: Record<PaymentKind, string> = {
  card_on_file: 'Card on file',
  new_card: 'New card',
  cash: 'Cash',
  wallet_credit: 'Wallet credit',
};

/** How a payment was made, as the front desk says it: "Visa •••• 4242" or "Cash". */
export function paymentSourceLabel(payment: Pick<InvoicePayment, 'method' | 'card'>): string {
  if (payment.method === 'cash' || payment.method === 'wallet_credit') return paymentKindLabels[payment.method];
  return payment.card ? cardLabel(payment.card) : paymentKindLabels[payment.method];
}
