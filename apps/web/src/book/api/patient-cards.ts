import { paymentMethodSchema, setupSessionSchema } from '@glowdesk/contracts';
import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';
import type { GatewayClientConfig } from '../../features/appointments/components/gateway-card-form.tsx';
import { apiRequest } from '../../shared/api/api-client.ts';

/** The setup session as the booking page reads it: the staff reply, and the card form's address when the gateway has one. */
const patientSetupSessionSchema = setupSessionSchema.extend({ cardFormUrl: z.string().nullish() });

/**
 * Starts saving a card for the signed-in patient and says how the browser reaches the gateway.
 * The simulated gateway's card form sits beside its tokenize address when the reply does not name it.
 */
export function useStartCardSetup() {
  return useMutation({
    mutationFn: async (): Promise<GatewayClientConfig> => {
      const session = await apiRequest('/api/v1/portal/payment-methods/setup-session', patientSetupSessionSchema, {
        method: 'POST',
        expectUnauthenticated: true,
      });
      const cardFormUrl =
        typeof session.cardFormUrl === 'string'
          ? session.cardFormUrl
          : session.gateway === 'simulated' && session.tokenizeUrl
            ? session.tokenizeUrl.replace(/\/tokens$/, '/card-form')
            : null;
      return { gateway: session.gateway, publishableKey: session.publishableKey, cardFormUrl };
    },
  });
}

/** Saves the card behind the gateway's token on the signed-in patient's profile. */
export function useSavePatientCard() {
  return useMutation({
    mutationFn: (gatewayToken: string) =>
      apiRequest('/api/v1/portal/payment-methods', paymentMethodSchema, {
        method: 'POST',
        body: { gatewayToken, makeDefault: true },
        expectUnauthenticated: true,
      }),
  });
}
