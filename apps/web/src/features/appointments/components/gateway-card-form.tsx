import type { BillingConfig, SimulatedCardFormMessage } from '@glowdesk/contracts';
import { Alert, Box, Loader, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { lazy, Suspense, useEffect } from 'react';

export type GatewayCard = Pick<SimulatedCardFormMessage, 'token' | 'card'>;

/** How the browser reaches the gateway: from `GET /api/v1/billing/config` (staff) or a patient's card setup session. */
export type GatewayClientConfig = Pick<BillingConfig, 'gateway' | 'publishableKey' | 'cardFormUrl'>;

// Stripe's code (and Stripe.js from Stripe's servers) loads only for a practice that uses Stripe.
const StripeCardForm = lazy(async () => ({ default: (await import('./stripe-card-form.tsx')).StripeCardForm }));

function isGatewayMessage(data: unknown): data is SimulatedCardFormMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<SimulatedCardFormMessage>;
  return message.type === 'glowdesk:gateway-token' && typeof message.token === 'string' && typeof message.card === 'object';
}

/**
 * The payment gateway's own card form for a known gateway configuration: Stripe Elements when
 * the practice uses Stripe, the simulated gateway's form in a frame otherwise. Either way the
 * card number goes from the browser to the gateway, and only the token it returns reaches Glowdesk.
 */
export function GatewayCardForm({ config, onCard }: { config: GatewayClientConfig; onCard: (card: GatewayCard) => void }) {
  useEffect(() => {
    function receive(event: MessageEvent) {
      // Only the gateway form served from our own origin may hand over a token.
      if (event.origin !== window.location.origin || !isGatewayMessage(event.data)) return;
      onCard({ token: event.data.token, card: event.data.card });
    }
    window.addEventListener('message', receive);
    return () => window.removeEventListener('message', receive);
  }, [onCard]);

  if (config.gateway === 'stripe' && config.publishableKey) {
    return (
      <Suspense fallback={<Loader size="sm" type="dots" aria-label="Loading the card form" />}>
        <StripeCardForm publishableKey={config.publishableKey} onCard={onCard} />
      </Suspense>
    );
  }
  if (!config.cardFormUrl) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
        {`The ${config.gateway} gateway has no card form configured (a Stripe publishable key is needed). Ask the clinic.`}
      </Alert>
    );
  }
  return (
    <Box>
      <Box
        component="iframe"
        src={config.cardFormUrl}
        title="Card details (secure payment form)"
        w="100%"
        h={300}
        style={{ border: '1px solid var(--glowdesk-border)', borderRadius: 8, background: 'white' }}
      />
      <Text size="xs" c="dimmed" mt={4}>
        The card number goes straight to the payment gateway; Glowdesk keeps only the brand, last 4 digits and expiry.
      </Text>
    </Box>
  );
}
