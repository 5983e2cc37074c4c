import type { InvoicePayment, PaymentKind } from '@glowdesk/contracts';

const brandNames: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  unknown: 'Card',
};

export const paymentKindLabels: Record<PaymentKind, string> = {
  card_on_file: 'Card on file',
  new_card: 'New card',
  cash: 'Cash',
};

/** "Visa •••• 4242". */
export function cardLabel(card: { brand: string; last4: string }): string {
  return `${brandNames[card.brand] ?? card.brand} •••• ${card.last4}`;
}

/** How a payment was made, as the front desk says it: "Visa •••• 4242" or "Cash". */
export function paymentSourceLabel(payment: Pick<InvoicePayment, 'method' | 'card'>): string {
  if (payment.method === 'cash') return 'Cash';
  return payment.card ? cardLabel(payment.card) : paymentKindLabels[payment.method];
}
