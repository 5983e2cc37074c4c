import { describe, expect, it } from 'vitest';
import { invoiceEventLines, invoiceEventTitle } from './invoice-history-text.ts';

describe('invoice history', () => {
  it('names the events the server records, and any other in plain words', () => {
    expect(invoiceEventTitle('payment_declined')).toBe('Card declined');
    expect(invoiceEventTitle('refund_succeeded')).toBe('Refunded');
    expect(invoiceEventTitle('sent_to_collections')).toBe('Sent to collections');
  });

  it('says how much was paid, how, and the gateway’s charge id', () => {
    expect(
      invoiceEventLines(
        { type: 'payment_started', details: { card: { brand: 'visa', last4: '4242' }, method: 'card_on_file', amountCents: 15_675 } },
        'USD',
      ),
    ).toEqual(['$156.75 · Visa •••• 4242, Card on file']);
    expect(
      invoiceEventLines({ type: 'payment_succeeded', details: { method: 'cash', amountCents: 5_000, changeDueCents: 500 } }, 'USD'),
    ).toEqual(['$50.00 · Cash', 'Change given $5.00']);
  });

  it('keeps the decline reason and the refund reason', () => {
    expect(
      invoiceEventLines(
        { type: 'payment_declined', details: { message: 'Your card was declined.', declineCode: 'generic_decline' } },
        'USD',
      ),
    ).toEqual(['Your card was declined. (generic_decline)']);
    expect(
      invoiceEventLines({ type: 'refund_started', details: { amountCents: 5_000, method: 'card', reason: 'Goodwill' } }, 'USD'),
    ).toEqual(['$50.00 · Card', 'Reason: Goodwill']);
    expect(invoiceEventLines({ type: 'refund_succeeded', details: { amountCents: 5_000, gatewayRefundId: 're_1' } }, 'USD')).toEqual([
      '$50.00',
      'Gateway refund re_1',
    ]);
  });
});
