import { describe, expect, it } from 'vitest';
import { readPaymentDraft } from './payment-draft.ts';

const cardId = '00000000-0000-4000-8000-0000000000aa';

describe('readPaymentDraft', () => {
  it('pays with the chosen card on file', () => {
    expect(readPaymentDraft({ method: 'card_on_file', paymentMethodId: cardId }, 5_000, 'USD')).toEqual({
      status: 'ready',
      payment: { method: 'card_on_file', paymentMethodId: cardId },
      changeDueCents: null,
    });
    expect(readPaymentDraft({ method: 'card_on_file', paymentMethodId: null }, 5_000, 'USD').status).toBe('invalid');
  });

  it('pays with a new card only once the gateway returned its token', () => {
    expect(readPaymentDraft({ method: 'new_card', entered: null }, 5_000, 'USD')).toEqual({
      status: 'invalid',
      message: 'Enter the card in the secure form and press "Use this card".',
    });
    expect(
      readPaymentDraft({ method: 'new_card', entered: { token: 'tok_123', card: { brand: 'visa', last4: '4242' } } }, 5_000, 'USD'),
    ).toEqual({ status: 'ready', payment: { method: 'new_card', gatewayToken: 'tok_123' }, changeDueCents: null });
  });

  it('takes exact cash when nothing handed over is typed, and works out the change otherwise', () => {
    expect(readPaymentDraft({ method: 'cash', tendered: '' }, 5_000, 'USD')).toEqual({
      status: 'ready',
      payment: { method: 'cash' },
      changeDueCents: 0,
    });
    expect(readPaymentDraft({ method: 'cash', tendered: '60' }, 5_025, 'USD')).toEqual({
      status: 'ready',
      payment: { method: 'cash', amountTenderedCents: 6_000 },
      changeDueCents: 975,
    });
  });

  it('refuses less cash than is due', () => {
    expect(readPaymentDraft({ method: 'cash', tendered: '50' }, 5_025, 'USD')).toEqual({
      status: 'invalid',
      message: 'The cash handed over is less than the $50.25 to pay.',
    });
  });

  it('pays from the wallet’s dollar credits or rewards when they hold the amount', () => {
    const wallet = { currency: 'USD', credits: 5_000, rewards: 700 };
    expect(readPaymentDraft({ method: 'wallet_credit', balance: 'credits' }, 5_000, 'USD', wallet)).toEqual({
      status: 'ready',
      payment: { method: 'wallet_credit', balance: 'credits' },
      changeDueCents: null,
    });
    expect(readPaymentDraft({ method: 'wallet_credit', balance: 'rewards' }, 700, 'USD', wallet).status).toBe('ready');
  });

  it('refuses more than the wallet holds, another currency, and a wallet not loaded yet', () => {
    const wallet = { currency: 'USD', credits: 5_000, rewards: 700 };
    expect(readPaymentDraft({ method: 'wallet_credit', balance: 'rewards' }, 701, 'USD', wallet)).toEqual({
      status: 'invalid',
      message: 'The client has $7.00 of rewards; $7.01 cannot be paid from it.',
    });
    expect(readPaymentDraft({ method: 'wallet_credit', balance: 'credits' }, 100, 'EUR', wallet)).toEqual({
      status: 'invalid',
      message: 'Wallet credit is kept in USD; this invoice is in EUR.',
    });
    expect(readPaymentDraft({ method: 'wallet_credit', balance: 'credits' }, 100, 'USD').status).toBe('invalid');
  });
});
