import { Badge, Button, Divider, Group, List, Paper, Text, ThemeIcon, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconCalendarEvent, IconCalendarPlus, IconClock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';

/** What must exist before an appointment can be booked, in the order clinics set it up. */
const bookingPrerequisites = [
  'Clinics or locations',
  'Provider user profiles',
  'Services, and the equipment or rooms they use',
  'Provider schedules (working hours)',
];

const CREATE_UNAVAILABLE_ID = 'create-appointment-unavailable';
const CREATE_UNAVAILABLE_REASON = 'Booking opens once clinics, providers, services and provider schedules are set up in Settings.';

function practiceToday(timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(new Date());
}

/** "Create" stays in its usual place so staff learn where booking starts, and says why it cannot be used yet. */
function CreateAppointmentButton() {
  return (
    <>
      <VisuallyHidden id={CREATE_UNAVAILABLE_ID}>{CREATE_UNAVAILABLE_REASON}</VisuallyHidden>
      <Tooltip label={CREATE_UNAVAILABLE_REASON} position="bottom-start">
        <Button
          leftSection={<IconCalendarPlus size={18} />}
          data-disabled
          aria-disabled="true"
          aria-describedby={CREATE_UNAVAILABLE_ID}
          onClick={(event) => event.preventDefault()}
        >
          Create
        </Button>
      </Tooltip>
    </>
  );
}

function BookToolbar({ timeZone }: { timeZone: string }) {
  return (
    <Paper withBorder radius="lg" px="md" py="sm" mb="md" bg="white" component="section" aria-label="Appointment book toolbar">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="md" wrap="wrap">
          <CreateAppointmentButton />
          <Divider orientation="vertical" visibleFrom="sm" />
          <Group gap="xs" wrap="nowrap">
            <IconCalendarEvent size={18} stroke={1.6} color="var(--mantine-color-lagoon-7)" aria-hidden="true" />
            <Text fw={600} size="sm">
              Today, {practiceToday(timeZone)}
            </Text>
          </Group>
        </Group>
        <Badge variant="light" color="gray" size="lg" leftSection={<IconClock size={14} />} tt="none" fw={500}>
          Times in {timeZone.replaceAll('_', ' ')}
        </Badge>
      </Group>
    </Paper>
  );
}

function SetupChecklist() {
  return (
    <List
      type="ordered"
      spacing={8}
      size="sm"
      aria-label="Set up before booking"
      mx="auto"
      style={{ width: 'fit-content', textAlign: 'left' }}
    >
      {bookingPrerequisites.map((step, index) => (
        <List.Item
          key={step}
          icon={
            <ThemeIcon size={22} radius="xl" variant="light">
              <Text size="xs" fw={700} span>
                {index + 1}
              </Text>
            </ThemeIcon>
          }
        >
          {step}
        </List.Item>
      ))}
    </List>
  );
}

interface AppointmentBookShellProps {
  /** The practice's IANA zone: "today" is the clinic's local date. */
  timeZone: string;
  /** How this user can move setup forward (a link to Settings, or who to ask). */
  setupAction: ReactNode;
}

export function AppointmentBookShell({ timeZone, setupAction }: AppointmentBookShellProps) {
  return (
    <>
      <PageHeader title="Appointments" description="The appointment book for every clinic: each provider's day and week side by side." />
      <BookToolbar timeZone={timeZone} />
      <EmptyStateCard
        icon={<IconCalendarEvent size={26} stroke={1.6} />}
        title="No appointments in the book yet"
        description="Booked appointments will appear here, one column per provider with their working hours shaded. Before the first booking, set up:"
        details={<SetupChecklist />}
        actions={setupAction}
      />
    </>
  );
}
