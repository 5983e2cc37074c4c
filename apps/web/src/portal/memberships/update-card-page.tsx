import { membershipStatusLabels, type Membership } from '@glowdesk/contracts';
import { Alert, Anchor, Badge, Breadcrumbs, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconCreditCard } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { cardLabel } from '../../shared/format/card-label.ts';
import { formatMoney } from '../../shared/format/money.ts';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { usePortalCards } from '../api/portal-payments.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';
import { membershipsPath } from '../portal-paths.ts';
import { CardChoice } from '../payments/card-choice.tsx';
import { useOwnMemberships, useUpdateMembershipCard } from './portal-memberships-api.ts';
import { mayUpdateCard, owesPayment, suggestedCardId, updatedMessage } from './update-card.ts';

/**
 * Update card (linked from the failed-payment email and from My Memberships): the patient picks
 * a card on file or adds one through the gateway's form; a Past Due or Suspended membership is
 * charged what it owes to that card at once.
 */
export function UpdateCardPage() {
  usePageTitle('Update card');
  const practice = useCurrentPractice();
  const { membershipId = '' } = useParams();
  const mine = useOwnMemberships(practice.slug);
  const membership = mine.data?.find((candidate) => candidate.id === membershipId);

  return (
    <Stack gap="lg">
      <Breadcrumbs>
        <Anchor component={Link} to={membershipsPath(practice.slug)} size="sm">
          Become A Member
        </Anchor>
        <Text size="sm">Update card</Text>
      </Breadcrumbs>
      <Title order={1} size="h2">
        Update card
      </Title>
      {mine.isPending && <Skeleton h={200} radius="md" />}
      {mine.isError && <LoadError what="your memberships" error={mine.error} onRetry={() => void mine.refetch()} />}
      {mine.data && !membership && (
        <Paper withBorder radius="md" p="md" bg="white">
          <Text size="sm">
            This membership is not one of yours.{' '}
            <Anchor component={Link} to={membershipsPath(practice.slug)}>
              See your memberships
            </Anchor>
            .
          </Text>
        </Paper>
      )}
      {membership && <UpdateCardForm membership={membership} />}
    </Stack>
  );
}

function UpdateCardForm({ membership }: { membership: Membership }) {
  const practice = useCurrentPractice();
  const cards = usePortalCards(practice.slug);
  const update = useUpdateMembershipCard(practice.slug);
  const [chosen, setChosen] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [owedBefore] = useState(() => owesPayment(membership.status));
  const savedCards = cards.data?.items ?? [];
  const cardId = chosen ?? suggestedCardId(savedCards, membership.paymentMethod, owedBefore);
  const problem = isApiProblem(update.error) ? update.error : undefined;

  function submit() {
    if (!cardId) return;
    setDone(null);
    update.mutate(
      { membershipId: membership.id, paymentMethodId: cardId },
      { onSuccess: (updated) => setDone(updatedMessage({ status: owedBefore ? 'past_due' : 'active' }, updated)) },
    );
  }

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="membership-heading">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Title order={2} size="h4" id="membership-heading">
              {membership.planName}
            </Title>
            <Text size="sm" c="dimmed">
              {formatMoney(membership.priceCents, membership.currency)} / {membership.interval} · paid with{' '}
              {cardLabel(membership.paymentMethod)}
            </Text>
          </div>
          <Badge variant="light" tt="none" color={membership.status === 'active' ? 'lagoon' : 'yellow'} style={{ flexShrink: 0 }}>
            {membershipStatusLabels[membership.status]}
          </Badge>
        </Group>
        {owesPayment(membership.status) && !done && (
          <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} mt="sm">
            Your last payment did not go through. Choose a card: the payment you owe is charged to it at once.
          </Alert>
        )}
      </Paper>

      {done ? (
        <Alert color="lagoon" variant="light" icon={<IconCircleCheck size={18} />} role="status" title="Card updated">
          {done} Your receipt is in Payment History.{' '}
          <Anchor component={Link} to={membershipsPath(practice.slug)}>
            Back to your memberships
          </Anchor>
        </Alert>
      ) : !mayUpdateCard(membership.status) ? (
        <Text size="sm" c="dimmed">
          This membership is cancelled: nothing more is charged.
        </Text>
      ) : (
        <Paper withBorder radius="md" p="md" bg="white" component="section" aria-labelledby="new-card-heading">
          <Title order={2} size="h4" id="new-card-heading" mb="sm">
            Pay with
          </Title>
          {cards.isPending ? (
            <Skeleton h={60} />
          ) : cards.isError ? (
            <LoadError what="your cards" error={cards.error} onRetry={() => void cards.refetch()} />
          ) : (
            <Stack gap="sm">
              <CardChoice
                slug={practice.slug}
                cards={savedCards}
                value={cardId}
                onChange={setChosen}
                labelledBy="new-card-heading"
                noteFor={(card) => (card.id === membership.paymentMethod.id ? 'on this membership now' : undefined)}
              />
              {problem && (
                <Alert
                  color="red"
                  variant="light"
                  icon={<IconAlertTriangle size={18} />}
                  role="alert"
                  title={problem.status === 402 ? 'Card declined' : undefined}
                >
                  {problem.detail}
                </Alert>
              )}
              {update.error && !problem && (
                <Alert color="red" variant="light" role="alert">
                  The card could not be updated. Try again.
                </Alert>
              )}
              <Button
                fullWidth
                size="md"
                leftSection={<IconCreditCard size={18} />}
                disabled={!cardId}
                loading={update.isPending}
                onClick={submit}
              >
                {owesPayment(membership.status) ? 'Update card and pay' : 'Update card'}
              </Button>
            </Stack>
          )}
        </Paper>
      )}
    </Stack>
  );
}
