import type { MembershipDetail } from '@glowdesk/contracts';
import { Button, Group, Radio, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';
import { useChangeMembership } from '../api/change-membership.ts';
import { MembershipProblemAlert } from './membership-problem-alert.tsx';

/** Hold until a date (draws before it are skipped) or until resumed; the draw day stays. */
export function HoldMembershipForm({ membership, onClose }: { membership: MembershipDetail; onClose: () => void }) {
  const change = useChangeMembership();
  const [length, setLength] = useState<'date' | 'indefinite'>('date');
  const [until, setUntil] = useState('');
  const [dateError, setDateError] = useState<string | undefined>();
  const serverDateError = isApiProblem(change.error) ? change.error.messageFor('until') : undefined;

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (length === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(until)) return setDateError('Pick the day the membership starts again.');
    change.mutate(
      { action: 'hold', membershipId: membership.id, until: length === 'date' ? until : null },
      {
        onSuccess: (held) => {
          notifications.show({
            color: 'lagoon',
            title: 'Membership on hold',
            message: held.heldUntil
              ? `${held.patientName} is not charged until ${formatCalendarDate(held.heldUntil)}.`
              : `${held.patientName} is not charged until the membership is resumed.`,
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
          While on hold, {membership.patientName} is not charged and the plan’s perks do not apply. The draw day stays the same: billing
          starts again on the first draw day after the hold.
        </Text>
        <Radio.Group label="How long" value={length} onChange={(value) => setLength(value === 'indefinite' ? 'indefinite' : 'date')}>
          <Stack gap="xs" mt={6}>
            <Radio value="date" label="Until a date" />
            <Radio value="indefinite" label="Until resumed" description="Stays on hold until someone resumes it here." />
          </Stack>
        </Radio.Group>
        {length === 'date' && (
          <TextInput
            label="On hold until"
            description="Draws before this day are skipped."
            type="date"
            required
            value={until}
            onChange={(event) => {
              setUntil(event.currentTarget.value);
              setDateError(undefined);
            }}
            error={dateError ?? serverDateError}
            data-autofocus
          />
        )}
        {!serverDateError && <MembershipProblemAlert error={change.error} action="hold the membership" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Back
          </Button>
          <Button type="submit" loading={change.isPending}>
            Hold membership
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
