import type { MembershipDetail } from '@glowdesk/contracts';
import { Alert, Anchor, Button, Group, Radio, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { cardExpiry, cardLabel } from '../../../shared/format/card-label.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { usePaymentMethods } from '../../patients/api/get-payment-methods.ts';
import { useChangeMembership } from '../api/change-membership.ts';
import { MembershipProblemAlert } from './membership-problem-alert.tsx';

/** The payment that a new card pays at once: a Past Due or Suspended member's outstanding period. */
function outstandingOf(membership: MembershipDetail) {
  if (membership.status !== 'past_due' && membership.status !== 'suspended') return undefined;
  return membership.periods.find((period) => period.status === 'retrying' || period.status === 'failed');
}

/** Puts another of the client's cards on file on the membership. */
export function ChangeCardForm({ membership, onClose }: { membership: MembershipDetail; onClose: () => void }) {
  const cards = usePaymentMethods(membership.patientId);
  const change = useChangeMembership();
  const [chosen, setChosen] = useState<string | null>(null);
  const [choiceError, setChoiceError] = useState<string | undefined>();
  const outstanding = outstandingOf(membership);
  const others = (cards.data ?? []).filter((card) => card.id !== membership.paymentMethod.id);
  // A decline also names the card; it is said in the alert below, with the card left chosen for another try.
  const serverCardError =
    isApiProblem(change.error) && change.error.status !== 402 ? change.error.messageFor('paymentMethodId') : undefined;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen) return setChoiceError('Choose the card to charge from now on.');
    change.mutate(
      { action: 'change-card', membershipId: membership.id, paymentMethodId: chosen },
      {
        onSuccess: (changed) => {
          notifications.show({
            color: 'lagoon',
            title: 'Card changed',
            message: `${changed.planName} is now charged to ${cardLabel(changed.paymentMethod)}.`,
          });
          onClose();
        },
      },
    );
  }

  if (cards.isError) return <LoadError what="the client’s cards" error={cards.error} onRetry={() => void cards.refetch()} />;
  if (cards.isPending) {
    return (
      <Stack gap="sm" role="status" aria-label="Loading the client’s cards">
        <Skeleton height={40} />
        <Skeleton height={40} />
      </Stack>
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          Charged now: <strong>{cardLabel(membership.paymentMethod)}</strong>.
        </Text>
        {outstanding && (
          <Alert color="orange" variant="light" title="The outstanding payment is charged at once">
            <Text size="sm">
              {formatMoney(outstanding.amountCents, membership.currency)} is charged to the new card as soon as you save. If it is declined
              too, the new card stays on the membership.
            </Text>
          </Alert>
        )}
        {others.length === 0 ? (
          <Text size="sm" c="dimmed">
            {membership.patientName} has no other card on file. Add one on the{' '}
            <Anchor component={Link} to={`/clients/${membership.patientId}`} underline="always">
              client’s profile
            </Anchor>
            , then come back to change the card.
          </Text>
        ) : (
          <Radio.Group
            label="Card on file"
            required
            value={chosen}
            onChange={(value) => {
              setChosen(value);
              setChoiceError(undefined);
            }}
            error={choiceError ?? serverCardError}
          >
            <Stack gap="xs" mt={6}>
              {others.map((card) => (
                <Radio
                  key={card.id}
                  value={card.id}
                  label={cardLabel(card)}
                  description={`Expires ${cardExpiry(card)}${card.isDefault ? ' · default card' : ''}`}
                />
              ))}
            </Stack>
          </Radio.Group>
        )}
        {!serverCardError && <MembershipProblemAlert error={change.error} action="change the card" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Back
          </Button>
          <Button type="submit" loading={change.isPending} disabled={others.length === 0}>
            {outstanding ? 'Change card and charge' : 'Change card'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
