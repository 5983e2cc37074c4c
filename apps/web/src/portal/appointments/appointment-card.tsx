import type { PortalAppointment } from '@glowdesk/contracts';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconCalendarRepeat, IconCircleCheck, IconMapPin, IconUser, IconX } from '@tabler/icons-react';
import { formatAppointmentTime } from '../format/appointment-time.ts';

const STATUS_LABELS: Record<PortalAppointment['status'], { label: string; color: string }> = {
  booked: { label: 'Not confirmed', color: 'orange' },
  confirmed: { label: 'Confirmed', color: 'teal' },
  checked_in: { label: 'Checked in', color: 'blue' },
  in_procedure: { label: 'In progress', color: 'blue' },
  completed: { label: 'Completed', color: 'gray' },
  cancelled: { label: 'Cancelled', color: 'red' },
  no_show: { label: 'Missed', color: 'red' },
};

export function appointmentHeading(appointment: PortalAppointment): string {
  const { day, time } = formatAppointmentTime(appointment.startsAt, appointment.endsAt, appointment.clinic.timezone);
  return `${day}, ${time}`;
}

/** One appointment: when, what, with whom and where, its status, and the actions the clinic allows now. */
export type AppointmentAction = 'confirm' | 'reschedule' | 'cancel';

export function AppointmentCard({
  appointment,
  onAction,
}: {
  appointment: PortalAppointment;
  onAction: (action: AppointmentAction) => void;
}) {
  const { day, time } = formatAppointmentTime(appointment.startsAt, appointment.endsAt, appointment.clinic.timezone);
  const status = STATUS_LABELS[appointment.status];
  const services = appointment.services.join(', ');
  return (
    <Paper withBorder radius="md" p="md" bg="white" component="article" aria-label={`${day}, ${time}`}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <div>
          <Text fw={700}>{day}</Text>
          <Text size="sm">{time}</Text>
        </div>
        <Badge color={status.color} variant="light" style={{ flexShrink: 0 }}>
          {status.label}
        </Badge>
      </Group>
      <Stack gap={4} mt="sm">
        <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
          {services || 'Appointment'}
          {appointment.mode === 'virtual' ? ' (virtual)' : ''}
        </Text>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconUser size={16} aria-hidden="true" style={{ flexShrink: 0, marginTop: 3 }} />
          <Text size="sm">with {appointment.provider.name}</Text>
        </Group>
        <Group gap={6} wrap="nowrap" align="flex-start">
          <IconMapPin size={16} aria-hidden="true" style={{ flexShrink: 0, marginTop: 3 }} />
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {appointment.clinic.name}
            {appointment.clinic.address ? ` · ${appointment.clinic.address}` : ''}
            {appointment.clinic.phone ? ` · ${appointment.clinic.phone}` : ''}
          </Text>
        </Group>
      </Stack>
      {(appointment.actions.confirm || appointment.actions.reschedule || appointment.actions.cancel) && (
        <Group gap="xs" mt="md">
          {appointment.actions.confirm && (
            <Button size="sm" leftSection={<IconCircleCheck size={16} aria-hidden="true" />} onClick={() => onAction('confirm')}>
              Confirm
            </Button>
          )}
          {appointment.actions.reschedule && (
            <Button
              size="sm"
              variant="default"
              leftSection={<IconCalendarRepeat size={16} aria-hidden="true" />}
              onClick={() => onAction('reschedule')}
            >
              Reschedule
            </Button>
          )}
          {appointment.actions.cancel && (
            <Button
              size="sm"
              variant="default"
              color="red"
              leftSection={<IconX size={16} aria-hidden="true" />}
              onClick={() => onAction('cancel')}
            >
              Cancel
            </Button>
          )}
        </Group>
      )}
    </Paper>
  );
}
