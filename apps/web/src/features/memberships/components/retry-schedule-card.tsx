import type { MembershipSettings } from '@glowdesk/contracts';
import { ActionIcon, Button, Group, Paper, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { useMembershipSettings } from '../api/get-membership-settings.ts';
import { useUpdateMembershipSettings } from '../api/update-membership-settings.ts';
import { describeRetrySchedule, MAX_RETRIES, retryDaysOf, type RetryDayDraft } from '../retry-days.ts';
import { MembershipProblemAlert } from './membership-problem-alert.tsx';

let lastRowId = 0;
const rowsOf = (days: readonly number[]): RetryDayDraft[] => days.map((day) => ({ rowId: ++lastRowId, days: String(day) }));

/** The days after a draw on which a declined payment is tried again; after the last, the member is suspended. */
export function RetryScheduleCard({ canManage }: { canManage: boolean }) {
  const settings = useMembershipSettings();
  return (
    <Paper withBorder radius="lg" bg="white" p="md">
      {settings.isError ? (
        <LoadError what="the retry schedule" error={settings.error} onRetry={() => void settings.refetch()} />
      ) : settings.isPending ? (
        <Stack gap="sm" role="status" aria-label="Loading the retry schedule">
          <Skeleton height={36} width={260} />
          <Skeleton height={36} width={260} />
        </Stack>
      ) : (
        <RetryScheduleForm key={settings.data.retryAfterDays.join()} settings={settings.data} canManage={canManage} />
      )}
    </Paper>
  );
}

function RetryScheduleForm({ settings, canManage }: { settings: MembershipSettings; canManage: boolean }) {
  const [rows, setRows] = useState(() => rowsOf(settings.retryAfterDays));
  const [rowErrors, setRowErrors] = useState<ReadonlyMap<number, string>>(new Map());
  const update = useUpdateMembershipSettings();
  const checked = retryDaysOf(rows);
  const serverField = isApiProblem(update.error) ? update.error.messageFor('retryAfterDays') : undefined;

  function change(rowId: number, days: string) {
    setRows((current) => current.map((row) => (row.rowId === rowId ? { ...row, days } : row)));
    setRowErrors(new Map());
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = retryDaysOf(rows);
    if (!result.ok) return setRowErrors(result.rowErrors);
    update.mutate(
      { retryAfterDays: result.retryAfterDays },
      {
        onSuccess: (saved) =>
          notifications.show({ color: 'lagoon', title: 'Retry schedule saved', message: describeRetrySchedule(saved.retryAfterDays) }),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {rows.map((row, index) => (
          <Group key={row.rowId} gap="xs" align="flex-start" wrap="nowrap">
            <TextInput
              label={`Retry ${index + 1}: days after the draw`}
              inputMode="numeric"
              w={260}
              value={row.days}
              onChange={(event) => change(row.rowId, event.currentTarget.value)}
              error={rowErrors.get(row.rowId)}
              disabled={!canManage}
            />
            {canManage && (
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                mt={25}
                aria-label={`Remove retry ${index + 1}`}
                onClick={() => {
                  setRows((current) => current.filter((candidate) => candidate.rowId !== row.rowId));
                  setRowErrors(new Map());
                }}
              >
                <IconTrash size={16} />
              </ActionIcon>
            )}
          </Group>
        ))}
        <Text size="sm" aria-live="polite">
          {checked.ok ? describeRetrySchedule(checked.retryAfterDays) : 'Fix the days above to see the schedule.'}
        </Text>
        {serverField ? (
          <Text size="sm" c="red.8" role="alert">
            {serverField}
          </Text>
        ) : (
          <MembershipProblemAlert error={update.error} action="save the retry schedule" />
        )}
        {canManage && (
          <Group gap="sm">
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              disabled={rows.length >= MAX_RETRIES}
              onClick={() => setRows((current) => [...current, { rowId: ++lastRowId, days: '' }])}
            >
              Add a retry
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save retry schedule
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
