import type { PaymentChoice, Wallet, WalletMoneyBalance } from '@glowdesk/contracts';
import { formatMoney, parseAmount } from '../../shared/format/money.ts';

/** A card the gateway's own form tokenized in the browser: only its token and description reach Glowdesk. */
export interface EnteredCard {
  token: string;
  card: { brand: string; last4: string };
}

/** The payment part of the Pay and Checkout forms, as the user has filled it in so far. */
export type PaymentDraft =
  | { method: 'card_on_file'; paymentMethodId: string | null }
  | { method: 'new_card'; entered: EnteredCard | null }
  | { method: 'cash'; tendered: string }
  | { method: 'wallet_credit'; balance: WalletMoneyBalance };

/** What the patient's wallet can pay today, in its currency (from the wallet's own figures). */
export interface WalletFunds {
  currency: string;
  credits: number;
  rewards: number;
}

export function walletFundsOf(wallet: Wallet): WalletFunds {
  return { currency: wallet.currency, credits: wallet.credits.balanceCents, rewards: wallet.rewards.balanceCents };
}

export const walletBalanceLabels: Record<WalletMoneyBalance, string> = { credits: 'dollar credits', rewards: 'rewards' };

export type ReadPayment =
  { status: 'ready'; payment: PaymentChoice; changeDueCents: number | null } | { status: 'invalid'; message: string };

/**
 * Turns the form's payment into what the API takes, or says what is missing. A wallet payment
 * is refused here when the wallet holds less than the amount (`wallet` undefined: not loaded).
 */
export function readPaymentDraft(draft: PaymentDraft, amountDueCents: number, currency: string, wallet?: WalletFunds): ReadPayment {
  switch (draft.method) {
    case 'wallet_credit': {
      if (!wallet) return { status: 'invalid', message: 'The client’s wallet is not loaded yet.' };
      if (wallet.currency !== currency) {
        return { status: 'invalid', message: `Wallet credit is kept in ${wallet.currency}; this invoice is in ${currency}.` };
      }
      const available = wallet[draft.balance];
      if (available < amountDueCents) {
        return {
          status: 'invalid',
          message: `The client has ${formatMoney(available, currency)} of ${walletBalanceLabels[draft.balance]}; ${formatMoney(amountDueCents, currency)} cannot be paid from it.`,
        };
      }
      return { status: 'ready', payment: { method: 'wallet_credit', balance: draft.balance }, changeDueCents: null };
    }
    case 'card_on_file':
      return draft.paymentMethodId
        ? { status: 'ready', payment: { method: 'card_on_file', paymentMethodId: draft.paymentMethodId }, changeDueCents: null }
        : { status: 'invalid', message: 'Choose one of the patient’s cards on file.' };
    case 'new_card':
      return draft.entered
        ? { status: 'ready', payment: { method: 'new_card', gatewayToken: draft.entered.token }, changeDueCents: null }
        : { status: 'invalid', message: 'Enter the card in the secure form and press "Use this card".' };
    case 'cash': {
      const tendered = parseAmount(draft.tendered, currency);
      if (tendered.status === 'blank') return { status: 'ready', payment: { method: 'cash' }, changeDueCents: 0 };
      if (tendered.status === 'invalid') return { status: 'invalid', message: tendered.message };
      if (tendered.amountCents < amountDueCents) {
        return { status: 'invalid', message: `The cash handed over is less than the ${formatMoney(amountDueCents, currency)} to pay.` };
      }
      return {
        status: 'ready',
        payment: { method: 'cash', amountTenderedCents: tendered.amountCents },
        changeDueCents: tendered.amountCents - amountDueCents,
      };
    }
  }
}
