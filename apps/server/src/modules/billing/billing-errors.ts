import { AppError, ValidationError } from '../../platform/errors.ts';
import { GatewayRequestError, GatewayUnavailableError } from './payment-gateway.ts';

/** The payment gateway could not be reached or failed; nothing was saved, and the request may be retried. */
export class PaymentGatewayUnavailableError extends AppError {
  readonly status = 503;
  readonly code = 'payment_gateway_unavailable';
  constructor(message = 'The payment gateway is not answering. Nothing was saved; try again in a moment.') {
    super(message);
  }
}

/** Turns what a gateway adapter threw while saving a card into an error the caller can act on. */
export function mapCardGatewayError(error: unknown): unknown {
  if (error instanceof GatewayRequestError) {
    switch (error.code) {
      case 'card_declined':
        return new ValidationError(`The card was declined: ${error.message}`, { field: 'gatewayToken', code: 'card_declined' });
      case 'invalid_token':
      case 'token_already_used':
      case 'payment_method_unavailable':
        return new ValidationError(`The payment gateway did not accept this token: ${error.message}`, {
          field: 'gatewayToken',
          code: 'invalid_gateway_token',
        });
      case 'invalid_request':
        return new PaymentGatewayUnavailableError(`The payment gateway refused the request: ${error.message}`);
      default: {
        const unreachable: never = error.code;
        return new Error(`unknown gateway error code ${String(unreachable)}`);
      }
    }
  }
  if (error instanceof GatewayUnavailableError) return new PaymentGatewayUnavailableError();
  return error;
}
