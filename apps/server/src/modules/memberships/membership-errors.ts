import { AppError } from '../../platform/errors.ts';

/** The first payment (or the outstanding one, after a new card) was declined: 402, nothing enrolled or changed. */
export class MembershipPaymentDeclinedError extends AppError {
  readonly status = 402;
  readonly code = 'card_declined';
  constructor(message: string, extensions: Record<string, unknown>) {
    super(message, { field: 'paymentMethodId', extensions });
  }
}

/** The gateway did not confirm the charge: the period is marked for attention and never charged again automatically. */
export class MembershipPaymentPendingError extends AppError {
  readonly status = 503;
  readonly code = 'payment_pending';
  constructor(message: string, extensions: Record<string, unknown>) {
    super(message, { extensions });
  }
}
