import type { PortalAppointment, PortalRescheduleAvailability } from '@glowdesk/contracts';
import { Alert, Button, Flex, Group, Modal, NativeSelect, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { useRescheduleAppointment, useRescheduleAvailability } from '../api/portal-appointment-changes.ts';
import { formatAppointmentTime } from '../format/appointment-time.ts';
import { useCurrentPractice } from '../layout/current-practice.ts';
import { appointmentHeading } from './appointment-card.tsx';

const WEEK_MS = 7 * 86_400_000;
/** How many weeks ahead the patient may page. */
const MAX_WEEKS_AHEAD = 12;

interface RescheduleAppointmentDialogProps {
  appointment: PortalAppointment | undefined;
  onClose: () => void;
  onRescheduled: (message: string) => void;
}

/** Moving an appointment: a week of open times for the same services, with its provider or any, then a confirmation. */
export function RescheduleAppointmentDialog({ appointment, onClose, onRescheduled }: RescheduleAppointmentDialogProps) {
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal opened={appointment !== undefined} onClose={onClose} title="Choose a new time" size="lg" fullScreen={phone} centered={!phone}>
      {appointment && <RescheduleForm key={appointment.id} appointment={appointment} onClose={onClose} onRescheduled={onRescheduled} />}
    </Modal>
  );
}

type Slot = PortalRescheduleAvailability['slots'][number];

function groupByDay(slots: Slot[], timeZone: string): { day: string; slots: Slot[] }[] {
  const days = new Map<string, Slot[]>();
  for (const slot of slots) {
    const { day } = formatAppointmentTime(slot.start, slot.end, timeZone);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return [...days].map(([day, daySlots]) => ({ day, slots: daySlots }));
}

function RescheduleForm({
  appointment,
  onClose,
  onRescheduled,
}: {
  appointment: PortalAppointment;
  onClose: () => void;
  onRescheduled: (message: string) => void;
}) {
  const practice = useCurrentPractice();
  // The first week starts when the dialog opens; later weeks follow it.
  const [openedAt] = useState(() => Date.now());
  const [week, setWeek] = useState(0);
  const [providerId, setProviderId] = useState<string | undefined>(appointment.provider.id);
  const [chosen, setChosen] = useState<Slot | undefined>();
  const range = useMemo(() => {
    const from = openedAt + week * WEEK_MS;
    return { from: new Date(from).toISOString(), to: new Date(from + WEEK_MS).toISOString(), providerId };
  }, [openedAt, week, providerId]);
  const availability = useRescheduleAvailability(practice.slug, appointment.id, range);
  const reschedule = useRescheduleAppointment(practice.slug);
  const timeZone = availability.data?.timezone ?? appointment.clinic.timezone;

  const providerNames = new Map<string, string>([[appointment.provider.id, appointment.provider.name]]);
  for (const provider of availability.data?.providers ?? []) providerNames.set(provider.id, provider.name);
  const clock = new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', minute: '2-digit' });

  if (chosen) {
    const moveTo = formatAppointmentTime(chosen.start, chosen.end, timeZone);
    const withWhom = providerId ? providerNames.get(providerId) : undefined;
    return (
      <Stack gap="md">
        <Text>
          Move{' '}
          <Text span fw={600}>
            {appointment.services.join(', ') || 'your appointment'}
          </Text>{' '}
          from {appointmentHeading(appointment)} to{' '}
          <Text span fw={600}>
            {moveTo.day}, {moveTo.time}
          </Text>
          {withWhom ? ` with ${withWhom}` : ' with any available provider'}?
        </Text>
        {reschedule.isError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
            {isApiProblem(reschedule.error) ? reschedule.error.detail : 'The appointment could not be moved. Try again.'}
          </Alert>
        )}
        <Flex direction={{ base: 'column-reverse', xs: 'row' }} justify="flex-end" gap="sm">
          <Button
            variant="default"
            onClick={() => {
              reschedule.reset();
              setChosen(undefined);
              void availability.refetch();
            }}
          >
            Choose another time
          </Button>
          <Button
            loading={reschedule.isPending}
            onClick={() =>
              reschedule.mutate(
                { appointmentId: appointment.id, start: chosen.start, ...(providerId ? { providerId } : {}) },
                {
                  onSuccess: (moved) =>
                    onRescheduled(`Your appointment is moved to ${appointmentHeading(moved)} with ${moved.provider.name}.`),
                },
              )
            }
          >
            Reschedule
          </Button>
        </Flex>
      </Stack>
    );
  }

  const days = availability.data ? groupByDay(availability.data.slots, timeZone) : [];
  const weekStart = new Intl.DateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric' }).format(new Date(range.from));
  return (
    <Stack gap="md">
      <Text size="sm">
        Now: {appointmentHeading(appointment)} with {appointment.provider.name}. Times are in the clinic&apos;s time zone.
      </Text>
      <NativeSelect
        label="Provider"
        value={providerId ?? ''}
        onChange={(event) => setProviderId(event.currentTarget.value || undefined)}
        data={[
          { value: appointment.provider.id, label: appointment.provider.name },
          { value: '', label: 'Any available provider' },
        ]}
      />
      <Group justify="space-between" wrap="nowrap">
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconChevronLeft size={16} aria-hidden="true" />}
          disabled={week === 0}
          onClick={() => setWeek(week - 1)}
        >
          Earlier
        </Button>
        <Text size="sm" fw={600} aria-live="polite" ta="center">
          Week from {weekStart}
        </Text>
        <Button
          variant="subtle"
          size="compact-sm"
          rightSection={<IconChevronRight size={16} aria-hidden="true" />}
          disabled={week >= MAX_WEEKS_AHEAD}
          onClick={() => setWeek(week + 1)}
        >
          Later
        </Button>
      </Group>
      {availability.isPending && <Skeleton h={160} radius="md" />}
      {availability.isError && <LoadError what="open times" error={availability.error} onRetry={() => void availability.refetch()} />}
      {availability.data && days.length === 0 && (
        <Text size="sm" c="dimmed">
          No open times this week{providerId ? ` with ${providerNames.get(providerId) ?? 'this provider'}` : ''}. Try a later week
          {providerId ? ' or any available provider' : ''}.
        </Text>
      )}
      {days.map(({ day, slots }) => (
        <Stack key={day} gap={6} component="section" aria-label={day}>
          <Text fw={600} size="sm">
            {day}
          </Text>
          <SimpleGrid cols={{ base: 3, xs: 4, sm: 5 }} spacing={6}>
            {slots.map((slot) => (
              <Button
                key={slot.start}
                variant="light"
                size="sm"
                px={4}
                onClick={() => setChosen(slot)}
                aria-label={`${day}, ${clock.format(new Date(slot.start))}`}
              >
                {clock.format(new Date(slot.start))}
              </Button>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Keep current time
        </Button>
      </Group>
    </Stack>
  );
}
