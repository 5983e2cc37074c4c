import type { MembershipDetail } from '@glowdesk/contracts';
import { Button, Group, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { useChangeMembership } from '../api/change-membership.ts';
import { MembershipProblemAlert } from './membership-problem-alert.tsx';

/** Resume a hold, or ask the gateway again about a payment it did not confirm: a sentence, and a confirmation. */
export function ConfirmMembershipChange({
  membership,
  action,
  onClose,
}: {
  membership: MembershipDetail;
  action: 'resume' | 'settle-payment';
  onClose: () => void;
}) {
  const change = useChangeMembership();
  const attention = membership.periods.find((period) => period.status === 'attention');

  function confirm() {
    change.mutate(
      { action, membershipId: membership.id },
      {
        onSuccess: (changed) => {
          notifications.show(
            action === 'resume'
              ? {
                  color: 'lagoon',
                  title: 'Membership resumed',
                  message: changed.nextDrawDate
                    ? `${changed.patientName} is next charged on ${formatCalendarDate(changed.nextDrawDate)}.`
                    : `${changed.patientName}’s membership is no longer on hold.`,
                }
              : { color: 'lagoon', title: 'Payment settled', message: 'The gateway confirmed the payment; it is recorded as paid.' },
          );
          onClose();
        },
      },
    );
  }

  return (
    <Stack gap="md">
      {action === 'resume' ? (
        <Text size="sm">
          {membership.patientName} is charged again from the next draw day, and the plan’s perks apply again.
          {membership.heldUntil ? ` The hold was to end on ${formatCalendarDate(membership.heldUntil)}.` : ''}
        </Text>
      ) : (
        <Text size="sm">
          The payment gateway did not confirm the
          {attention
            ? ` ${formatMoney(attention.amountCents, membership.currency)} payment drawn on ${formatCalendarDate(attention.drawDate)}`
            : ' last payment'}
          . Glowdesk asks it again under the same key: the card is never charged twice. A paid answer records the payment; a decline is
          retried like any other.
        </Text>
      )}
      <MembershipProblemAlert error={change.error} action={action === 'resume' ? 'resume the membership' : 'settle the payment'} />
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Back
        </Button>
        <Button loading={change.isPending} onClick={confirm}>
          {action === 'resume' ? 'Resume membership' : 'Settle payment'}
        </Button>
      </Group>
    </Stack>
  );
}
