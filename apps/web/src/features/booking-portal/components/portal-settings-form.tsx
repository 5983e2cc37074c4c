import {
  countWords,
  IMPORTANT_REMINDERS_MAX_WORDS,
  PORTAL_ACTION_MAX_HOURS,
  type BookingPortalSettings,
  type PortalActionWindows,
} from '@glowdesk/contracts';
import { Alert, Button, Group, NumberInput, Paper, Stack, Switch, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState, type SubmitEvent } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useUpdateBookingPortalSettings } from '../api/booking-portal-api.ts';

const actionRows: { action: keyof PortalActionWindows; label: string; hint: string }[] = [
  { action: 'confirm', label: 'Patients can confirm appointments', hint: 'Confirm closes' },
  { action: 'reschedule', label: 'Patients can reschedule appointments', hint: 'Reschedule closes' },
  { action: 'cancel', label: 'Patients can cancel appointments', hint: 'Cancel closes' },
];

/** Important Reminders and the portal actions' windows, saved together. */
export function PortalSettingsForm({ settings, canChange }: { settings: BookingPortalSettings; canChange: boolean }) {
  const [reminders, setReminders] = useState(settings.importantReminders ?? '');
  const [windows, setWindows] = useState<PortalActionWindows>(settings.patientActions);
  const [problem, setProblem] = useState<string | null>(null);
  const update = useUpdateBookingPortalSettings();
  const words = countWords(reminders);
  const tooWordy = words > IMPORTANT_REMINDERS_MAX_WORDS;
  const hoursProblem = (hours: number) =>
    Number.isInteger(hours) && hours >= 0 && hours <= PORTAL_ACTION_MAX_HOURS
      ? undefined
      : `Enter whole hours from 0 to ${PORTAL_ACTION_MAX_HOURS}.`;
  const invalid = tooWordy || actionRows.some(({ action }) => windows[action].enabled && hoursProblem(windows[action].closesHoursBefore));

  function save(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    if (invalid || update.isPending) return;
    update.mutate(
      { expectedVersion: settings.version, settings: { importantReminders: reminders.trim() || null, patientActions: windows } },
      {
        onSuccess: () =>
          notifications.show({ color: 'lagoon', title: 'Booking Portal saved', message: 'Patients see the change at once.' }),
        onError: (error) =>
          setProblem(
            isApiProblem(error, 412)
              ? 'Someone else changed these settings while you were editing. The page now shows their settings.'
              : isApiProblem(error)
                ? error.detail
                : 'The settings were not saved. Try again.',
          ),
      },
    );
  }

  function setWindow(action: keyof PortalActionWindows, change: Partial<PortalActionWindows['confirm']>) {
    setWindows((current) => ({ ...current, [action]: { ...current[action], ...change } }));
    setProblem(null);
  }

  return (
    <form onSubmit={save} noValidate aria-label="Booking Portal settings">
      <Stack gap="lg">
        <Paper withBorder radius="lg" bg="white" p="lg">
          <Stack gap="sm">
            <Title order={2} fz="lg">
              Important Reminders
            </Title>
            <Textarea
              label="Client Portal Important Reminders"
              description="Every patient sees this on the portal’s dashboard, e.g. parking or what to bring."
              value={reminders}
              onChange={(event) => {
                setReminders(event.currentTarget.value);
                setProblem(null);
              }}
              readOnly={!canChange}
              autosize
              minRows={3}
              maxLength={600}
              error={tooWordy ? `Keep the reminders to ${IMPORTANT_REMINDERS_MAX_WORDS} words or fewer.` : undefined}
            />
            <Text size="xs" c={tooWordy ? 'red.8' : 'dimmed'} aria-live="polite">
              {words} of {IMPORTANT_REMINDERS_MAX_WORDS} words
            </Text>
          </Stack>
        </Paper>

        <Paper withBorder radius="lg" bg="white" p="lg">
          <Stack gap="md">
            <Stack gap={4}>
              <Title order={2} fz="lg">
                What patients can do online
              </Title>
              <Text size="sm" c="dimmed">
                Each action closes the given number of hours before the appointment starts (0: until it starts). Closer to the time,
                patients call the clinic.
              </Text>
            </Stack>
            {actionRows.map(({ action, label, hint }) => (
              <Group key={action} gap="md" align="flex-end" wrap="wrap">
                <Switch
                  label={label}
                  checked={windows[action].enabled}
                  onChange={(event) => setWindow(action, { enabled: event.currentTarget.checked })}
                  disabled={!canChange}
                  w={{ base: '100%', sm: 300 }}
                  mb={8}
                />
                <NumberInput
                  label={`${hint} (hours before)`}
                  value={windows[action].closesHoursBefore}
                  onChange={(hours) => setWindow(action, { closesHoursBefore: typeof hours === 'number' ? hours : Number.NaN })}
                  min={0}
                  max={PORTAL_ACTION_MAX_HOURS}
                  allowDecimal={false}
                  disabled={!canChange || !windows[action].enabled}
                  error={windows[action].enabled ? hoursProblem(windows[action].closesHoursBefore) : undefined}
                  w={{ base: '100%', sm: 260 }}
                />
              </Group>
            ))}
          </Stack>
        </Paper>

        {problem && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {problem}
          </Alert>
        )}
        {canChange && (
          <Group>
            <Button type="submit" loading={update.isPending} disabled={invalid}>
              Save
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
