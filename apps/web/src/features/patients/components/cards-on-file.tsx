import type { PaymentMethod } from '@glowdesk/contracts';
import { Alert, Badge, Button, Group, Menu, Modal, Skeleton, Stack, Text, ActionIcon } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCreditCard, IconDots, IconPlus, IconStar, IconTrash } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { cardExpiry, cardLabel } from '../../../shared/format/card-label.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { CardEntryFrame, type GatewayCard } from '../../appointments/components/card-entry-frame.tsx';
import { useAddPaymentMethod } from '../api/add-payment-method.ts';
import { usePaymentMethods } from '../api/get-payment-methods.ts';
import { useRemovePaymentMethod } from '../api/remove-payment-method.ts';
import { useSetDefaultPaymentMethod } from '../api/set-default-payment-method.ts';

function problemText(error: unknown, fallback: string): string {
  if (isApiProblem(error, 403)) return 'Your role cannot change cards on file. Owners, admins and front desk can.';
  return isApiProblem(error) ? error.detail : fallback;
}

/**
 * The patient's cards on file: brand, last 4 and expiry (never the number), the default first.
 * Staff add a card through the gateway's own form, make another the default, or remove one; a
 * removed card is detached at the gateway and kept only in history.
 */
export function CardsOnFile({ patientId, patientName }: { patientId: string; patientName: string }) {
  const cards = usePaymentMethods(patientId);
  const setDefault = useSetDefaultPaymentMethod();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<PaymentMethod | null>(null);

  if (cards.isError) {
    if (isApiProblem(cards.error, 403)) {
      return (
        <Text size="sm" c="dimmed">
          Your role cannot see cards on file.
        </Text>
      );
    }
    return <LoadError what="the cards on file" error={cards.error} onRetry={() => void cards.refetch()} />;
  }
  if (cards.isPending) return <Skeleton height={40} />;

  function makeDefault(card: PaymentMethod) {
    setDefault.mutate(
      { patientId, paymentMethodId: card.id },
      {
        onSuccess: () =>
          notifications.show({ color: 'lagoon', title: 'Default card changed', message: `${cardLabel(card)} is now the default.` }),
        onError: (error) =>
          notifications.show({ color: 'red', title: 'The default card was not changed', message: problemText(error, 'Try again.') }),
      },
    );
  }

  return (
    <Stack gap="xs">
      {cards.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No card on file. Add one here, or enter it while booking (Enter Credit Card Details).
        </Text>
      ) : (
        cards.data.map((card) => (
          <Group key={card.id} justify="space-between" wrap="nowrap" data-testid="card-on-file">
            <Group gap="sm" wrap="nowrap">
              <IconCreditCard size={18} stroke={1.6} aria-hidden="true" />
              <Text size="sm" fw={600}>
                {cardLabel(card)}
              </Text>
              <Text size="xs" c="dimmed">
                expires {cardExpiry(card)}
              </Text>
              {card.isDefault && (
                <Badge size="sm" variant="light" tt="none">
                  Default
                </Badge>
              )}
            </Group>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${cardLabel(card)}`}>
                  <IconDots size={16} />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<IconStar size={14} />} disabled={card.isDefault} onClick={() => makeDefault(card)}>
                  Make default
                </Menu.Item>
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setRemoving(card)}>
                  Remove card
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        ))
      )}
      <Group>
        <Button size="xs" variant="default" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
          Add card
        </Button>
      </Group>
      <AddCardModal opened={adding} patientId={patientId} patientName={patientName} onClose={() => setAdding(false)} />
      <RemoveCardModal card={removing} patientId={patientId} onClose={() => setRemoving(null)} />
    </Stack>
  );
}

function AddCardModal({
  opened,
  patientId,
  patientName,
  onClose,
}: {
  opened: boolean;
  patientId: string;
  patientName: string;
  onClose: () => void;
}) {
  const add = useAddPaymentMethod();
  const { mutate } = add;
  const onCard = useCallback(
    (card: GatewayCard) => {
      mutate(
        { patientId, gatewayToken: card.token },
        {
          onSuccess: (saved) => {
            notifications.show({ color: 'lagoon', title: 'Card saved', message: `${cardLabel(saved)} is on file for ${patientName}.` });
            onClose();
          },
        },
      );
    },
    [mutate, patientId, patientName, onClose],
  );
  return (
    <Modal
      opened={opened}
      onClose={() => {
        add.reset();
        onClose();
      }}
      title={`Add a card for ${patientName}`}
      size="md"
    >
      <Stack gap="sm">
        {add.isError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {problemText(add.error, 'The card could not be saved. Try again.')}
          </Alert>
        )}
        {add.isPending ? <Skeleton height={120} /> : opened && <CardEntryFrame onCard={onCard} />}
      </Stack>
    </Modal>
  );
}

function RemoveCardModal({ card, patientId, onClose }: { card: PaymentMethod | null; patientId: string; onClose: () => void }) {
  const remove = useRemovePaymentMethod();
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Modal opened={card !== null} onClose={close} title={card ? `Remove ${cardLabel(card)}?` : ''} size="md">
      {card && (
        <Stack gap="md">
          <Text size="sm">
            The card is detached at the payment gateway and can no longer be charged for fees or checkouts. Invoices already paid with it
            keep naming it.
          </Text>
          {remove.isError && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {problemText(remove.error, 'The card could not be removed. Try again.')}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Keep card
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(
                  { patientId, paymentMethodId: card.id },
                  {
                    onSuccess: () => {
                      notifications.show({
                        color: 'lagoon',
                        title: 'Card removed',
                        message: `${cardLabel(card)} is no longer on file.`,
                      });
                      close();
                    },
                  },
                )
              }
            >
              Remove card
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
