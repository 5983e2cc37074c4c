import { appointmentStatusSchema } from '@glowdesk/contracts';
import { Alert, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useAppointmentHistory } from '../api/get-appointment.ts';
import { statusLabel } from '../appointment-status.ts';
import { formatClinicDate, formatClinicTime, zoneAbbreviation } from '../clinic-time.ts';

const eventTitles: Record<string, string> = {
  created: 'Booked',
  confirmed: 'Confirmed',
  checked_in: 'Checked in',
  procedure_started: 'Procedure started',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'Marked as no-show',
  restored: 'Restored from no-show',
  rescheduled: 'Rescheduled',
  updated: 'Edited',
  notification_sent: 'Patient notified',
  notification_skipped: 'Patient not notified',
  reminder_queued: 'Reminder queued',
  reminder_skipped: 'No reminder: no email or phone on file',
  reminder_failed: 'Reminder could not be prepared',
};

interface HistoryNames {
  providers: ReadonlyMap<string, string>;
  services: ReadonlyMap<string, string>;
}

function describeValue(key: string, value: unknown, timeZone: string, names: HistoryNames): string {
  if (value === null || value === undefined || value === '') return 'none';
  if ((key === 'start' || key === 'end') && typeof value === 'string')
    return `${formatClinicDate(value, timeZone)} ${formatClinicTime(value, timeZone)}`;
  if (key === 'providerId' && typeof value === 'string') return names.providers.get(value) ?? 'another provider';
  if (key === 'serviceIds' && Array.isArray(value))
    return value.map((id) => (typeof id === 'string' ? names.services.get(id) : undefined) ?? 'a service').join(', ');
  if (key === 'status') {
    const status = appointmentStatusSchema.safeParse(value);
    return status.success ? statusLabel(status.data) : 'unknown';
  }
  if (key === 'mode') return value === 'virtual' ? 'Virtual' : 'In person';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}

const fieldLabels: Record<string, string> = {
  start: 'Start',
  providerId: 'Provider',
  serviceIds: 'Services',
  notes: 'Notes',
  mode: 'Visit',
  allowDoubleBooking: 'Double booking allowed',
  status: 'Status',
};

/** "Start: Mon, Nov 16 10:00 AM → Tue, Nov 17 11:00 AM" for each field the event changed. */
function describeChanges(
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  timeZone: string,
  names: HistoryNames,
): string[] {
  if (!before || !after) return [];
  return Object.keys(fieldLabels)
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]) && !(key === 'status' && before.status === after.status))
    .map(
      (key) =>
        `${fieldLabels[key] ?? key}: ${describeValue(key, before[key], timeZone, names)} → ${describeValue(key, after[key], timeZone, names)}`,
    );
}

/** Every change to the appointment: who, when, and what changed. */
export function AppointmentHistory({ appointmentId, timeZone, names }: { appointmentId: string; timeZone: string; names: HistoryNames }) {
  const history = useAppointmentHistory(appointmentId, { enabled: true });
  if (history.isPending) {
    return (
      <Stack gap="sm" role="status" aria-label="Loading history">
        <Skeleton height={40} />
        <Skeleton height={40} />
      </Stack>
    );
  }
  if (history.isError) {
    return (
      <Alert color="red" variant="light" role="alert">
        {isApiProblem(history.error) ? history.error.detail : 'The history could not be loaded.'}
      </Alert>
    );
  }
  if (history.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No changes recorded yet.
      </Text>
    );
  }
  return (
    <Timeline bulletSize={22} lineWidth={2} active={history.data.length - 1} aria-label="Appointment history">
      {history.data.map((event) => {
        const changes = event.type === 'created' ? [] : describeChanges(event.before, event.after, timeZone, names);
        const reason = typeof event.after?.cancellationReason === 'string' ? event.after.cancellationReason : undefined;
        return (
          <Timeline.Item
            key={event.id}
            bullet={<IconHistory size={12} />}
            title={eventTitles[event.type] ?? event.type.replaceAll('_', ' ')}
          >
            <Text size="xs" c="dimmed">
              {event.actorName ?? 'Glowdesk'} · {formatClinicDate(event.occurredAt, timeZone)},{' '}
              {formatClinicTime(event.occurredAt, timeZone)} {zoneAbbreviation(event.occurredAt, timeZone)}
            </Text>
            {changes.map((change) => (
              <Text key={change} size="sm" mt={2}>
                {change}
              </Text>
            ))}
            {reason && (
              <Text size="sm" mt={2}>
                Reason: {reason}
              </Text>
            )}
            {event.details.allowDoubleBooking === true && (
              <Text size="sm" mt={2} c="orange.8">
                Double booking allowed
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
