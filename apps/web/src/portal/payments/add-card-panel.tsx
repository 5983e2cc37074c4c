import type { PaymentMethod } from '@glowdesk/contracts';
import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCallback } from 'react';
import { GatewayCardForm, type GatewayCard } from '../../features/appointments/components/gateway-card-form.tsx';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { useCardSetup, useSaveCard } from '../api/portal-payments.ts';

interface AddCardPanelProps {
  slug: string;
  title: string;
  /** Make the new card the default (the first card always is). */
  makeDefault: boolean;
  onSaved: (card: PaymentMethod) => void;
  onCancel: () => void;
}

/**
 * A new card through the payment gateway's own form (Stripe Elements, or the simulated
 * gateway's form in a frame): the number goes to the gateway, and only its token reaches
 * Glowdesk, which saves the card on the patient's profile.
 */
export function AddCardPanel({ slug, title, makeDefault, onSaved, onCancel }: AddCardPanelProps) {
  const setup = useCardSetup(slug, true);
  const save = useSaveCard(slug);
  const { mutate: saveCard } = save;
  const onCard = useCallback(
    (card: GatewayCard) => saveCard({ gatewayToken: card.token, makeDefault }, { onSuccess: onSaved }),
    [saveCard, makeDefault, onSaved],
  );

  return (
    <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="add-card-heading">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h4" id="add-card-heading">
            {title}
          </Title>
          <Button variant="subtle" size="compact-sm" onClick={onCancel}>
            Cancel
          </Button>
        </Group>
        {save.isPending ? (
          <Group gap="xs">
            <Loader size="sm" type="dots" aria-hidden="true" />
            <Text size="sm" role="status">
              Saving the card…
            </Text>
          </Group>
        ) : setup.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {isApiProblem(setup.error) ? setup.error.detail : 'The card form could not be loaded.'}{' '}
            <Button variant="white" size="compact-xs" onClick={() => void setup.refetch()}>
              Try again
            </Button>
          </Alert>
        ) : setup.data ? (
          <GatewayCardForm config={setup.data} onCard={onCard} />
        ) : (
          <Loader size="sm" type="dots" aria-label="Loading the card form" />
        )}
        {save.isError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {isApiProblem(save.error) ? save.error.detail : 'The card could not be saved. Try again.'}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
