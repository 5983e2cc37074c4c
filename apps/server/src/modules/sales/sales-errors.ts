import { AppError } from '../../platform/errors.ts';

/**
 * The card was declined or needs the patient present (3-D Secure): 402 with the invoice
 * left unpaid, so the front desk can take another card or cash from Sales.
 */
export class PaymentDeclinedError extends AppError {
  readonly status = 402;
  readonly code: string;
  constructor(message: string, code: 'card_declined' | 'authentication_required' | 'payment_failed', extensions: Record<string, unknown>) {
    super(message, { field: 'payment', extensions });
    this.code = code;
  }
}

/**
 * The gateway did not answer. The attempt stays pending under its idempotency key: retrying
 * (the same request, or paying the invoice again) asks the gateway about the same charge
 * and never charges twice.
 */
export class PaymentPendingError extends AppError {
  readonly status = 503;
  readonly code: string;
  constructor(message: string, code: 'payment_pending' | 'refund_pending', extensions: Record<string, unknown>) {
    super(message, { extensions });
    this.code = code;
  }
}

/** The gateway refused the refund (e.g. the charge was disputed); nothing was refunded. */
export class RefundFailedError extends AppError {
  readonly status = 409;
  readonly code = 'refund_failed';
  constructor(message: string, extensions: Record<string, unknown>) {
    super(message, { field: 'amountCents', extensions });
  }
}
