import type { PaymentMethod } from '@glowdesk/contracts';
import { Alert, Badge, Button, Group, Modal, Paper, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconAlertTriangle, IconCreditCard, IconCreditCardOff, IconPlus, IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { cardExpiry, cardLabel } from '../../shared/format/card-label.ts';
import { EmptyStateCard } from '../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { useMakeDefaultCard, usePortalCards, useRemoveCard } from '../api/portal-payments.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';
import { paymentHistoryPath } from '../portal-paths.ts';
import { AddCardPanel } from './add-card-panel.tsx';
import { EditCardModal } from './edit-card-modal.tsx';

/** Payment Methods: the patient's cards on file, a new one through the gateway's form, Edit, default and remove. */
export function PaymentMethodsPage() {
  usePageTitle('Payment Methods');
  const practice = useCurrentPractice();
  const cards = usePortalCards(practice.slug);
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<string | undefined>();

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="center" gap="sm">
        <Title order={1} size="h2">
          Payment Methods
        </Title>
        <Button
          component={Link}
          to={paymentHistoryPath(practice.slug)}
          variant="light"
          leftSection={<IconReceipt size={18} aria-hidden="true" />}
        >
          Payment History
        </Button>
      </Group>
      {saved && (
        <Alert color="green" variant="light" role="status" withCloseButton closeButtonLabel="Dismiss" onClose={() => setSaved(undefined)}>
          {saved}
        </Alert>
      )}
      {cards.isPending && <Skeleton h={120} radius="md" />}
      {cards.isError && <LoadError what="your payment methods" error={cards.error} onRetry={() => void cards.refetch()} />}
      {cards.data && cards.data.items.length === 0 && !adding && (
        <EmptyStateCard
          icon={<IconCreditCardOff size={28} aria-hidden="true" />}
          title="No cards on file"
          description={`Save a card to pay ${practice.name}'s invoices here and to book services that need a card on file.`}
        />
      )}
      {cards.data && cards.data.items.length > 0 && (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Cards on file">
          {cards.data.items.map((card) => (
            <li key={card.id}>
              <CardOnFile card={card} onChanged={setSaved} />
            </li>
          ))}
        </Stack>
      )}
      {adding ? (
        <AddCardPanel
          slug={practice.slug}
          title="Add New Payment Method"
          makeDefault={false}
          onCancel={() => setAdding(false)}
          onSaved={(card) => {
            setAdding(false);
            setSaved(`${cardLabel(card)} is saved${card.isDefault ? ' as your default card' : ''}.`);
          }}
        />
      ) : (
        cards.data && (
          <Group>
            <Button leftSection={<IconPlus size={18} aria-hidden="true" />} onClick={() => setAdding(true)}>
              Add New Payment Method
            </Button>
          </Group>
        )
      )}
    </Stack>
  );
}

function CardOnFile({ card, onChanged }: { card: PaymentMethod; onChanged: (message: string) => void }) {
  const practice = useCurrentPractice();
  const makeDefault = useMakeDefaultCard(practice.slug);
  const remove = useRemoveCard(practice.slug);
  const [editing, setEditing] = useState(false);
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const label = cardLabel(card);
  const problem = makeDefault.error ?? remove.error;

  return (
    <Paper withBorder radius="md" p="md" bg="white" component="article" aria-label={label}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" radius="xl" size={40} aria-hidden="true">
            <IconCreditCard size={22} />
          </ThemeIcon>
          <div>
            <Group gap="xs">
              <Text fw={600}>{label}</Text>
              {card.isDefault && (
                <Badge variant="light" color="lagoon">
                  Default
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              Expires {cardExpiry(card)}
            </Text>
          </div>
        </Group>
        <Group gap="xs">
          <Button variant="default" size="xs" onClick={() => setEditing(true)} aria-label={`Edit ${label}`}>
            Edit
          </Button>
          {!card.isDefault && (
            <Button
              variant="default"
              size="xs"
              loading={makeDefault.isPending}
              aria-label={`Make ${label} the default`}
              onClick={() => makeDefault.mutate(card.id, { onSuccess: () => onChanged(`${label} is now your default card.`) })}
            >
              Make default
            </Button>
          )}
          <Button variant="subtle" color="red" size="xs" onClick={() => setConfirmingRemove(true)} aria-label={`Remove ${label}`}>
            Remove
          </Button>
        </Group>
      </Group>
      {isApiProblem(problem) && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert" mt="sm">
          {problem.detail}
        </Alert>
      )}
      {editing && <EditCardModal slug={practice.slug} card={card} onClose={() => setEditing(false)} />}
      <Modal opened={confirmingRemove} onClose={() => setConfirmingRemove(false)} title={`Remove ${label}?`} centered>
        <Stack gap="sm">
          <Text size="sm">
            {practice.name} will no longer be able to charge this card. Payments already made with it stay in your Payment History.
          </Text>
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={() => setConfirmingRemove(false)}>
              Keep card
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(card.id, {
                  onSuccess: () => {
                    setConfirmingRemove(false);
                    onChanged(`${label} was removed.`);
                  },
                  onError: () => setConfirmingRemove(false),
                })
              }
            >
              Remove card
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
