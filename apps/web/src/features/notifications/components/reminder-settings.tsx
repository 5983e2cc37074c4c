import { DEFAULT_REMINDER_OFFSETS_MINUTES, type NotificationSettings } from '@glowdesk/contracts';
import { ActionIcon, Alert, Anchor, Badge, Button, Group, NumberInput, Paper, Select, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconBellRinging, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { useNotificationSettings } from '../api/get-notification-settings.ts';
import { useUpdateNotificationSettings } from '../api/update-notification-settings.ts';
import { formatMessageTime } from '../format-message-time.ts';
import {
  describeOffset,
  MAX_REMINDERS,
  offsetDraftOf,
  offsetMinutesOf,
  offsetProblems,
  offsetsToSave,
  type OffsetDraft,
  type OffsetUnit,
} from '../reminder-offsets.ts';

const TITLE = 'Reminders';

const unitOptions: { value: OffsetUnit; label: string }[] = [
  { value: 'minutes', label: 'minutes' },
  { value: 'hours', label: 'hours' },
  { value: 'days', label: 'days' },
];

interface ReminderRow extends OffsetDraft {
  /** Stable across edits and removals, for React's keys. */
  rowId: number;
}

let lastRowId = 0;

function rowsOf(offsets: readonly number[]): ReminderRow[] {
  return offsets.map((offset) => ({ ...offsetDraftOf(offset), rowId: ++lastRowId }));
}

export function ReminderSettings({ timeZone }: { timeZone: string }) {
  const settings = useNotificationSettings();
  // Kept above the form: a refused save (412) reloads the settings, which starts a new form.
  const [conflict, setConflict] = useState(false);

  if (isApiProblem(settings.error, 403)) {
    return (
      <>
        <PageHeader title={TITLE} size="section" />
        <RestrictedNotice title="Your role cannot change reminders">
          Owners and admins decide when patients are reminded of their appointments. Ask one of them if the reminder times should change.
        </RestrictedNotice>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={TITLE}
        size="section"
        description="Patients get a reminder before each appointment by their preferred channel, email or SMS, with the cancellation policy. Each reminder goes once; a cancelled appointment gets none, and a moved one gets new ones for its new time."
      />
      {settings.isError ? (
        <LoadError what="the reminder settings" error={settings.error} onRetry={() => void settings.refetch()} />
      ) : settings.isPending ? (
        <Paper withBorder radius="lg" bg="white" p="lg">
          <Stack gap="md" role="status" aria-label="Loading the reminder settings">
            <Skeleton height={28} width="50%" />
            <Skeleton height={36} />
            <Skeleton height={36} />
          </Stack>
        </Paper>
      ) : (
        <Stack gap="md">
          {conflict && (
            <Alert color="orange" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              Someone else changed the reminders while you were editing. The form now shows their settings; make your change again.
            </Alert>
          )}
          <ReminderForm key={settings.data.version} settings={settings.data} timeZone={timeZone} onConflict={setConflict} />
        </Stack>
      )}
    </>
  );
}

function ReminderForm({
  settings,
  timeZone,
  onConflict,
}: {
  settings: NotificationSettings;
  timeZone: string;
  onConflict: (conflict: boolean) => void;
}) {
  const [enabled, setEnabled] = useState(settings.remindersEnabled);
  const [rows, setRows] = useState<ReminderRow[]>(() => rowsOf(settings.reminderOffsetsMinutes));
  const [showProblems, setShowProblems] = useState(false);
  const [serverRowProblems, setServerRowProblems] = useState<Record<number, string>>({});
  const [formProblem, setFormProblem] = useState<string | null>(null);
  const update = useUpdateNotificationSettings();

  const rowProblems = offsetProblems(rows);
  const listProblem = enabled && rows.length === 0 ? 'Add at least one reminder time, or turn reminders off.' : undefined;
  const savedOffsets = [...settings.reminderOffsetsMinutes].sort((a, b) => b - a);
  const current = rows.map((row) => offsetMinutesOf(row));
  const changed =
    enabled !== settings.remindersEnabled ||
    current.length !== savedOffsets.length ||
    [...current].sort((a, b) => (b ?? 0) - (a ?? 0)).some((offset, index) => offset !== savedOffsets[index]);
  const isDefaultList =
    rows.length === DEFAULT_REMINDER_OFFSETS_MINUTES.length && DEFAULT_REMINDER_OFFSETS_MINUTES.every((offset) => current.includes(offset));

  function edit(next: ReminderRow[]) {
    setRows(next);
    setServerRowProblems({});
    setFormProblem(null);
    onConflict(false);
  }

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (update.isPending) return;
    setShowProblems(true);
    const offsets = offsetsToSave(rows);
    if (!offsets || listProblem) return;
    update.mutate(
      { expectedVersion: settings.version, settings: { remindersEnabled: enabled, reminderOffsetsMinutes: offsets } },
      {
        onSuccess: (saved) => {
          onConflict(false);
          notifications.show({
            color: 'lagoon',
            title: 'Reminders saved',
            message: saved.remindersEnabled
              ? `Patients are reminded ${saved.reminderOffsetsMinutes.map(describeOffset).join(' and ')} their appointments.`
              : 'Patients get no automatic reminders.',
          });
        },
        onError: (error) => {
          if (!isApiProblem(error)) return setFormProblem('The reminder settings were not saved. Try again.');
          if (error.status === 412) return onConflict(true);
          // The server names a reminder by its place in the list it received (sorted, largest first).
          const byPosition: Record<number, string> = {};
          const listed = error.errors.length > 0 ? error.errors : error.field ? [{ field: error.field, message: error.detail }] : [];
          for (const problem of listed) {
            const match = /^reminderOffsetsMinutes\[(\d+)\]$/.exec(problem.field);
            const offset = match ? offsets[Number(match[1])] : undefined;
            const row = rows.find((candidate) => offsetMinutesOf(candidate) === offset);
            if (row && byPosition[row.rowId] === undefined) byPosition[row.rowId] = problem.message;
          }
          setServerRowProblems(byPosition);
          if (Object.keys(byPosition).length === 0) setFormProblem(error.detail);
        },
      },
    );
  }

  return (
    <form onSubmit={save} noValidate aria-label="Reminder settings">
      <Paper withBorder radius="lg" bg="white" p="lg">
        <Stack gap="lg">
          {formProblem && (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
              {formProblem}
            </Alert>
          )}
          <Switch
            size="md"
            label="Send appointment reminders"
            description="Turn off to stop every automatic reminder; reminders already waiting to go out are not withdrawn."
            checked={enabled}
            onChange={(event) => {
              setEnabled(event.currentTarget.checked);
              setFormProblem(null);
              onConflict(false);
            }}
          />
          <Stack gap="xs">
            <Group gap="xs">
              <IconBellRinging size={18} stroke={1.6} aria-hidden="true" />
              <Text size="sm" fw={600} id="reminder-times-label">
                Remind patients
              </Text>
              {isDefaultList && (
                <Badge size="sm" variant="light" color="gray" tt="none">
                  Default times
                </Badge>
              )}
            </Group>
            <Stack gap="sm" role="group" aria-labelledby="reminder-times-label">
              {rows.map((row, index) => {
                const problem = serverRowProblems[row.rowId] ?? (showProblems ? rowProblems[index] : undefined);
                return (
                  <Group key={row.rowId} gap="sm" align="flex-start" wrap="nowrap">
                    <NumberInput
                      aria-label={`Reminder ${index + 1}: how long before`}
                      value={row.amount}
                      onChange={(value) =>
                        edit(rows.map((candidate) => (candidate.rowId === row.rowId ? { ...candidate, amount: value } : candidate)))
                      }
                      min={1}
                      allowDecimal={false}
                      allowNegative={false}
                      disabled={!enabled}
                      error={problem}
                      w={{ base: 80, sm: 220 }}
                    />
                    <Select
                      aria-label={`Reminder ${index + 1}: unit`}
                      data={unitOptions}
                      value={row.unit}
                      allowDeselect={false}
                      onChange={(value) => {
                        const unit = unitOptions.find((option) => option.value === value)?.value;
                        if (unit) edit(rows.map((candidate) => (candidate.rowId === row.rowId ? { ...candidate, unit } : candidate)));
                      }}
                      disabled={!enabled}
                      w={{ base: 110, sm: 130 }}
                    />
                    {/* A phone has room for "before" only; the note below says times count back from the start. */}
                    <Text size="sm" c={enabled ? undefined : 'dimmed'} pt={8} style={{ whiteSpace: 'nowrap' }}>
                      before
                      <Text span inherit visibleFrom="sm">
                        {' '}
                        the start
                      </Text>
                    </Text>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      size={36}
                      aria-label={`Remove reminder ${index + 1}`}
                      disabled={!enabled}
                      onClick={() => edit(rows.filter((candidate) => candidate.rowId !== row.rowId))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                );
              })}
              {rows.length === 0 && (
                <Text size="sm" c="dimmed">
                  No reminder times.
                </Text>
              )}
            </Stack>
            {showProblems && listProblem && (
              <Text size="sm" c="red.7" role="alert">
                {listProblem}
              </Text>
            )}
            <Group gap="md">
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} />}
                disabled={!enabled || rows.length >= MAX_REMINDERS}
                onClick={() => edit([...rows, { amount: 24, unit: 'hours', rowId: ++lastRowId }])}
              >
                Add a reminder
              </Button>
              {rows.length >= MAX_REMINDERS && (
                <Text size="xs" c="dimmed">
                  At most {MAX_REMINDERS} reminders per appointment.
                </Text>
              )}
              {!isDefaultList && enabled && (
                <Anchor component="button" type="button" size="sm" onClick={() => edit(rowsOf(DEFAULT_REMINDER_OFFSETS_MINUTES))}>
                  Use the default times (48 and 2 hours)
                </Anchor>
              )}
            </Group>
          </Stack>
          <Text size="xs" c="dimmed">
            Each time is counted back from the appointment’s start (15 minutes to 14 days). An appointment booked later than a reminder time
            gets the nearest reminder once. Changes apply to reminders not yet queued.
          </Text>
          <Group justify="space-between" gap="sm">
            <Text size="xs" c="dimmed">
              {settings.updatedAt ? `Last changed ${formatMessageTime(settings.updatedAt, timeZone)}` : 'Using the default settings.'}
            </Text>
            <Group gap="sm">
              <Button
                variant="default"
                disabled={!changed || update.isPending}
                onClick={() => {
                  setEnabled(settings.remindersEnabled);
                  edit(rowsOf(settings.reminderOffsetsMinutes));
                  setShowProblems(false);
                }}
              >
                Discard changes
              </Button>
              <Button type="submit" loading={update.isPending} disabled={!changed}>
                Save reminders
              </Button>
            </Group>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}
