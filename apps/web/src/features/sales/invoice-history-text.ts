import { paymentKindSchema } from '@glowdesk/contracts';
import { formatMoney } from '../../shared/format/money.ts';
import { cardLabel, paymentKindLabels } from './payment-labels.ts';

const eventTitles: Record<string, string> = {
  created: 'Invoice created',
  payment_started: 'Payment started',
  payment_succeeded: 'Payment received',
  payment_declined: 'Card declined',
  payment_requires_authentication: 'Card needs the patient to approve the charge',
  payment_gateway_unavailable: 'The payment gateway did not answer',
  payment_failed: 'Payment failed',
  refund_started: 'Refund started',
  refund_processing: 'Refund processing at the gateway',
  refund_succeeded: 'Refunded',
  refund_failed: 'Refund failed',
  refund_gateway_unavailable: 'The payment gateway did not answer the refund',
  voided: 'Voided',
};

/** The history entry's heading; an event this page has no name for yet still reads as words. */
export function invoiceEventTitle(type: string): string {
  const title = eventTitles[type];
  if (title) return title;
  const words = type.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value : undefined;
}

function capitalized(value: string | undefined): string | undefined {
  return value ? value.charAt(0).toUpperCase() + value.slice(1) : undefined;
}

function card(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { brand, last4 } = value as Record<string, unknown>;
  return typeof brand === 'string' && typeof last4 === 'string' ? cardLabel({ brand, last4 }) : undefined;
}

/** What an invoice event recorded, as short lines: amount and how it was paid, the reason, the gateway's words and ids. */
export function invoiceEventLines(event: { type: string; details: Record<string, unknown> }, currency: string): string[] {
  const { details } = event;
  const lines: string[] = [];
  const amount = typeof details.amountCents === 'number' ? formatMoney(details.amountCents, currency) : undefined;
  const method = paymentKindSchema.safeParse(details.method);
  const how = [card(details.card), method.success ? paymentKindLabels[method.data] : capitalized(text(details.method))]
    .filter(Boolean)
    .join(', ');
  if (event.type === 'created' && typeof details.totalCents === 'number') lines.push(`Total ${formatMoney(details.totalCents, currency)}`);
  if (amount) lines.push(how ? `${amount} · ${how}` : amount);
  if (typeof details.changeDueCents === 'number' && details.changeDueCents > 0) {
    lines.push(`Change given ${formatMoney(details.changeDueCents, currency)}`);
  }
  const reason = text(details.reason);
  if (reason) lines.push(`Reason: ${reason}`);
  const message = text(details.message);
  if (message) lines.push(text(details.declineCode) ? `${message} (${String(details.declineCode)})` : message);
  const chargeId = text(details.gatewayChargeId);
  if (chargeId) lines.push(`Gateway charge ${chargeId}`);
  const refundId = text(details.gatewayRefundId);
  if (refundId) lines.push(`Gateway refund ${refundId}`);
  return lines;
}
