import type { InvoicePayment, PaymentKind } from '@glowdesk/contracts';
import { cardLabel } from '../../shared/format/card-label.ts';

export { cardLabel };

export const paymentKindLabels: Record<PaymentKind, string> = {
  card_on_file: 'Card on file',
  new_card: 'New card',
  cash: 'Cash',
};

/** How a payment was made, as the front desk says it: "Visa •••• 4242" or "Cash". */
export function paymentSourceLabel(payment: Pick<InvoicePayment, 'method' | 'card'>): string {
  if (payment.method === 'cash') return 'Cash';
  return payment.card ? cardLabel(payment.card) : paymentKindLabels[payment.method];
}
