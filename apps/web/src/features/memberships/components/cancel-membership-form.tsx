import type { MembershipDetail } from '@glowdesk/contracts';
import { Alert, Button, Group, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';
import { useChangeMembership } from '../api/change-membership.ts';
import { describeMinimumTerm } from '../membership-text.ts';
import { MembershipProblemAlert } from './membership-problem-alert.tsx';

/**
 * Cancel now, or at the end of the paid period (the next draw does not happen). Nothing is
 * refunded; the minimum term is shown, and does not block a cancel.
 */
export function CancelMembershipForm({ membership, onClose }: { membership: MembershipDetail; onClose: () => void }) {
  const change = useChangeMembership();
  // A suspended membership has no paid period left, and one already ending has its end date: only "now" remains.
  const periodEndOffered = membership.status !== 'suspended' && membership.cancelsOn === null;
  const [when, setWhen] = useState<'now' | 'period_end'>(periodEndOffered ? 'period_end' : 'now');
  const termRemains = membership.minimumTerm.months > 0 && membership.minimumTerm.paymentsRemaining > 0;
  const periodEnd = membership.nextDrawDate ? formatCalendarDate(membership.nextDrawDate) : undefined;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    change.mutate(
      { action: 'cancel', membershipId: membership.id, when },
      {
        onSuccess: (cancelled) => {
          notifications.show({
            color: 'lagoon',
            title: cancelled.status === 'cancelled' ? 'Membership cancelled' : 'Membership will end',
            message:
              cancelled.status === 'cancelled'
                ? `${cancelled.patientName} is no longer a member of ${cancelled.planName}. Nothing was refunded.`
                : `${cancelled.patientName}’s ${cancelled.planName} ends on ${cancelled.cancelsOn ? formatCalendarDate(cancelled.cancelsOn) : 'its next draw date'}; it is not charged again.`,
          });
          onClose();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm">
          {membership.patientName} is emailed that the membership is cancelled. <strong>Nothing is refunded.</strong>
        </Text>
        {membership.cancelsOn && (
          <Text size="sm">This membership already ends on {formatCalendarDate(membership.cancelsOn)}. You can end it today instead.</Text>
        )}
        {termRemains && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title="Minimum term not completed">
            <Text size="sm">{describeMinimumTerm(membership.minimumTerm)}.</Text>
          </Alert>
        )}
        <Radio.Group label="When" value={when} onChange={(value) => setWhen(value === 'now' ? 'now' : 'period_end')}>
          <Stack gap="xs" mt={6}>
            {periodEndOffered && (
              <Radio
                value="period_end"
                label="At the end of the paid period"
                description={
                  periodEnd
                    ? `The membership and its perks last until ${periodEnd}; that draw is not charged.`
                    : 'The membership lasts until its next draw day, which is not charged.'
                }
              />
            )}
            <Radio value="now" label="Now" description="The membership and its perks end today." />
          </Stack>
        </Radio.Group>
        <MembershipProblemAlert error={change.error} action="cancel the membership" />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Keep membership
          </Button>
          <Button type="submit" color="red" loading={change.isPending}>
            {when === 'now' ? 'Cancel now' : 'Cancel at period end'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
