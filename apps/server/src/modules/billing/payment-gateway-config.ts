import type { Clock } from '../../platform/clock.ts';
import type { PaymentGatewayConfig } from '../../platform/config.ts';
import type { Database } from '../../platform/database.ts';
import type { PaymentGateway } from './payment-gateway.ts';
import { createSimulatedGateway } from './simulated-gateway.ts';
import { createStripeGateway } from './stripe-gateway.ts';

/** The gateway the configuration names (`Config.paymentGateway`). */
export function createPaymentGateway(config: PaymentGatewayConfig, deps: { database: Database; clock: Clock }): PaymentGateway {
  switch (config.gateway) {
    case 'simulated':
      return createSimulatedGateway(deps);
    case 'stripe':
      return createStripeGateway({ ...config, clock: deps.clock });
    default: {
      const unreachable: never = config;
      throw new Error(`unknown payment gateway ${JSON.stringify(unreachable)}`);
    }
  }
}
