import { describe, expect, it } from 'vitest';
import { ApiProblem } from '../../shared/api/api-problem.ts';
import { describeMoneyProblem, keyAfterFailure } from './money-problems.ts';

function problem(status: number, code: string, detail = 'The server explains.'): ApiProblem {
  return new ApiProblem({ status, code, detail });
}

describe('keyAfterFailure', () => {
  it('starts a new Idempotency-Key after a decline, so another card is a new attempt', () => {
    expect(keyAfterFailure(problem(402, 'card_declined'))).toBe('renew');
    expect(keyAfterFailure(problem(402, 'authentication_required'))).toBe('renew');
    expect(keyAfterFailure(problem(409, 'refund_failed'))).toBe('renew');
  });

  it('keeps the key when the outcome is unknown, so a retry can never charge twice', () => {
    expect(keyAfterFailure(problem(503, 'payment_pending'))).toBe('reuse');
    expect(keyAfterFailure(problem(0, 'network_error'))).toBe('reuse');
    expect(keyAfterFailure(problem(409, 'payment_in_progress'))).toBe('reuse');
    expect(keyAfterFailure(problem(400, 'refund_exceeds_paid'))).toBe('reuse');
    expect(keyAfterFailure(new Error('boom'))).toBe('reuse');
  });
});

describe('describeMoneyProblem', () => {
  it('says a declined card was declined, with the server’s reason', () => {
    expect(describeMoneyProblem(problem(402, 'card_declined', 'The card was declined: insufficient funds.'), 'payment')).toEqual({
      title: 'Card declined',
      message: 'The card was declined: insufficient funds.',
      retryable: false,
    });
    expect(describeMoneyProblem(problem(402, 'authentication_required'), 'checkout').title).toBe(
      'The bank wants the patient to approve this payment',
    );
  });

  it('says when the role may not refund', () => {
    expect(describeMoneyProblem(problem(403, 'refund_not_permitted', 'Only owners and admins refund.'), 'refund')).toEqual({
      title: 'You cannot refund this invoice',
      message: 'Only owners and admins refund.',
      retryable: false,
    });
  });

  it('offers a safe retry when the gateway or the network did not answer', () => {
    expect(describeMoneyProblem(problem(503, 'payment_pending', 'retry with the same Idempotency-Key'), 'payment')).toEqual({
      title: 'The payment gateway did not answer',
      message:
        'The charge is not confirmed yet, so the invoice stays unpaid for now. Press "Try again": Glowdesk asks about the same charge and never charges twice.',
      retryable: true,
    });
    expect(describeMoneyProblem(problem(0, 'network_error', 'Glowdesk could not reach the server.'), 'refund')).toEqual({
      title: 'No connection to Glowdesk',
      message: 'Glowdesk could not reach the server. Trying again is safe: the same request is never charged or refunded twice.',
      retryable: true,
    });
  });

  it('passes conflicts on in the server’s words', () => {
    expect(describeMoneyProblem(problem(409, 'invoice_already_paid', 'Invoice #12 is already paid.'), 'payment')).toEqual({
      title: 'Could not take the payment',
      message: 'Invoice #12 is already paid.',
      retryable: false,
    });
    expect(describeMoneyProblem(problem(409, 'refund_failed'), 'refund').title).toBe('The payment gateway refused the refund');
  });
});
