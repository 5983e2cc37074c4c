import type { PaymentChoice } from '@glowdesk/contracts';
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
  | { method: 'cash'; tendered: string };

export type ReadPayment =
  { status: 'ready'; payment: PaymentChoice; changeDueCents: number | null } | { status: 'invalid'; message: string };

/** Turns the form's payment into what the API takes, or says what is missing. */
export function readPaymentDraft(draft: PaymentDraft, amountDueCents: number, currency: string): ReadPayment {
  switch (draft.method) {
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
