import { Alert, Box, Button, Loader, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
// The pure entry adds Stripe.js to the page when loadStripe is called, not when this module loads.
import { loadStripe } from '@stripe/stripe-js/pure';
import type { Stripe, StripeCardElement } from '@stripe/stripe-js';
import { useEffect, useRef, useState } from 'react';
import { brandOfStripeCard } from '../stripe-card-brand.ts';
import type { GatewayCard } from './gateway-card-form.tsx';

type FormState = { phase: 'loading' } | { phase: 'ready' } | { phase: 'failed'; message: string };

/**
 * Stripe Elements' card field: the number goes from the browser to Stripe, which returns a
 * PaymentMethod id (pm_…); only that id and the card's brand, last 4 and expiry reach Glowdesk.
 * The server attaches the PaymentMethod to the patient's Stripe customer for later off-session
 * charges.
 */
export function StripeCardForm({ publishableKey, onCard }: { publishableKey: string; onCard: (card: GatewayCard) => void }) {
  const mountRef = useRef<HTMLDivElement>(null);
  const stripeRef = useRef<Stripe | null>(null);
  const cardRef = useRef<StripeCardElement | null>(null);
  const [state, setState] = useState<FormState>({ phase: 'loading' });
  const [submitting, setSubmitting] = useState(false);
  const [cardError, setCardError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    loadStripe(publishableKey)
      .then((stripe) => {
        if (cancelled) return;
        if (!stripe || !mountRef.current) {
          setState({ phase: 'failed', message: 'Stripe’s card form could not be loaded. Check the connection and try again.' });
          return;
        }
        const card = stripe.elements().create('card', { hidePostalCode: false });
        card.on('change', (event) => setCardError(event.error?.message ?? null));
        card.mount(mountRef.current);
        stripeRef.current = stripe;
        cardRef.current = card;
        setState({ phase: 'ready' });
      })
      .catch(() => {
        if (!cancelled)
          setState({ phase: 'failed', message: 'Stripe’s card form could not be loaded. Check the connection and try again.' });
      });
    return () => {
      cancelled = true;
      cardRef.current?.destroy();
      cardRef.current = null;
    };
  }, [publishableKey]);

  async function submitCard() {
    const stripe = stripeRef.current;
    const card = cardRef.current;
    if (!stripe || !card) return;
    setSubmitting(true);
    try {
      const result = await stripe.createPaymentMethod({ type: 'card', card });
      if (result.error) {
        setCardError(result.error.message ?? 'Stripe refused this card. Check the details and try again.');
        return;
      }
      const details = result.paymentMethod.card;
      onCard({
        token: result.paymentMethod.id,
        card: {
          brand: brandOfStripeCard(details?.brand),
          last4: details?.last4 ?? '????',
          expMonth: details?.exp_month ?? 0,
          expYear: details?.exp_year ?? 0,
        },
      });
    } finally {
      setSubmitting(false);
    }
  }

  if (state.phase === 'failed') {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
        {state.message}
      </Alert>
    );
  }
  return (
    <Stack gap="xs">
      {state.phase === 'loading' && <Loader size="sm" type="dots" aria-label="Loading the card form" />}
      <Box
        ref={mountRef}
        aria-label="Card details (Stripe)"
        p="sm"
        style={{ border: '1px solid var(--glowdesk-border)', borderRadius: 8, background: 'white' }}
      />
      {cardError && (
        <Text size="xs" c="red" role="alert">
          {cardError}
        </Text>
      )}
      <Button size="xs" variant="default" disabled={state.phase !== 'ready'} loading={submitting} onClick={() => void submitCard()}>
        Use this card
      </Button>
      <Text size="xs" c="dimmed">
        The card number goes straight to Stripe; Glowdesk keeps only the brand, last 4 digits and expiry.
      </Text>
    </Stack>
  );
}
