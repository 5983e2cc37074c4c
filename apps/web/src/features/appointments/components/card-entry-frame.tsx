import { Alert, Loader } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useBillingConfig } from '../api/get-billing-config.ts';
import { GatewayCardForm, type GatewayCard } from './gateway-card-form.tsx';

export type { GatewayCard } from './gateway-card-form.tsx';

/**
 * The payment gateway's own card form, for staff: the practice's gateway configuration
 * (`GET /api/v1/billing/config`) and then GatewayCardForm.
 */
export function CardEntryFrame({ onCard }: { onCard: (card: GatewayCard) => void }) {
  const config = useBillingConfig({ enabled: true });
  if (config.isPending) return <Loader size="sm" type="dots" aria-label="Loading the card form" />;
  if (config.isError) {
    return (
      <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
        The card form could not be loaded. Try again in a moment.
      </Alert>
    );
  }
  return <GatewayCardForm config={config.data} onCard={onCard} />;
}
