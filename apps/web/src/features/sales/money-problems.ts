import { isApiProblem } from '../../shared/api/api-problem.ts';

export type MoneyAction = 'payment' | 'refund' | 'void' | 'checkout';

/** What a failed money request means to the person at the desk. */
export interface MoneyProblem {
  title: string;
  message: string;
  /** Sending the same request again is safe and may succeed (the gateway or the network did not answer). */
  retryable: boolean;
}

const verbs: Record<MoneyAction, string> = {
  payment: 'take the payment',
  refund: 'refund',
  void: 'void the invoice',
  checkout: 'check out',
};

/**
 * Whether the next try may reuse this dialog's Idempotency-Key. A decline (402) or a refund the
 * gateway refused ended an attempt the server recorded under that key: replaying it would only
 * repeat the refusal, so a new try needs a new key. Anything else either wrote nothing (4xx) or
 * has an unknown outcome (503, a lost connection), where the same key is what makes a retry safe.
 */
export function keyAfterFailure(error: unknown): 'reuse' | 'renew' {
  if (isApiProblem(error, 402)) return 'renew';
  if (isApiProblem(error, 409) && error.code === 'refund_failed') return 'renew';
  return 'reuse';
}

/** The title and words for a failed payment, refund, void or checkout (402, 403, 409, 503 and the rest). */
export function describeMoneyProblem(error: unknown, action: MoneyAction): MoneyProblem {
  if (!isApiProblem(error)) return { title: `Could not ${verbs[action]}`, message: 'Something went wrong. Try again.', retryable: true };
  const retryNote = action === 'void' ? '' : ' Trying again is safe: the same request is never charged or refunded twice.';
  switch (error.status) {
    case 0:
      return { title: 'No connection to Glowdesk', message: `${error.detail}${retryNote}`, retryable: true };
    case 402:
      return {
        title:
          error.code === 'authentication_required'
            ? 'The bank wants the patient to approve this payment'
            : error.code === 'card_declined'
              ? 'Card declined'
              : 'Payment failed',
        message: error.detail,
        retryable: false,
      };
    case 403:
      return {
        title: action === 'refund' ? 'You cannot refund this invoice' : `Your role cannot ${verbs[action]}`,
        message: error.detail,
        retryable: false,
      };
    case 409:
      return {
        title:
          error.code === 'refund_failed'
            ? 'The payment gateway refused the refund'
            : error.code === 'payment_in_progress' || error.code === 'refund_in_progress'
              ? 'Still being processed'
              : `Could not ${verbs[action]}`,
        message: error.detail,
        retryable: error.code === 'payment_in_progress' || error.code === 'refund_in_progress',
      };
    case 503:
      // The server's words here are about request headers; the desk needs to know what to press.
      return {
        title: 'The payment gateway did not answer',
        message:
          error.code === 'payment_pending'
            ? 'The charge is not confirmed yet, so the invoice stays unpaid for now. Press "Try again": Glowdesk asks about the same charge and never charges twice.'
            : error.code === 'refund_pending'
              ? 'The refund is not confirmed yet. Press "Try again": Glowdesk asks about the same refund and never refunds twice.'
              : error.detail,
        retryable: true,
      };
    default:
      return { title: `Could not ${verbs[action]}`, message: error.detail, retryable: error.status >= 500 };
  }
}
