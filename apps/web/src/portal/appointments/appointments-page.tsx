import type { PortalAppointment, PortalAppointmentScope } from '@glowdesk/contracts';
import { Alert, Button, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconCalendarOff, IconCalendarPlus, IconCircleCheck } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router';
import { EmptyStateCard } from '../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { usePortalAppointments } from '../api/portal-appointments.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';
import { bookOnlinePath } from '../portal-paths.ts';
import { AppointmentCard, type AppointmentAction } from './appointment-card.tsx';

// The dialogs (and Mantine's Modal with its focus trap) load when one is first opened: the
// list itself is what a patient opening the page waits for.
const ConfirmAppointmentDialog = lazy(async () => ({
  default: (await import('./confirm-appointment-dialog.tsx')).ConfirmAppointmentDialog,
}));
const RescheduleAppointmentDialog = lazy(async () => ({
  default: (await import('./reschedule-appointment-dialog.tsx')).RescheduleAppointmentDialog,
}));
const CancelAppointmentDialog = lazy(async () => ({ default: (await import('./cancel-appointment-dialog.tsx')).CancelAppointmentDialog }));

interface OpenAction {
  kind: AppointmentAction;
  appointment: PortalAppointment;
}

function scopeOf(value: string | null): PortalAppointmentScope {
  return value === 'past' ? 'past' : 'upcoming';
}

/** Upcoming and past appointments on two tabs; each upcoming one offers what the clinic allows now. */
export function AppointmentsPage() {
  usePageTitle('Appointments');
  const [searchParams, setSearchParams] = useSearchParams();
  const scope = scopeOf(searchParams.get('scope'));
  const [openAction, setOpenAction] = useState<OpenAction | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const finish = (message: string) => {
    setOpenAction(undefined);
    setDone(message);
  };

  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Appointments
      </Title>
      {done && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck size={18} />}
          role="status"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setDone(undefined)}
        >
          {done}
        </Alert>
      )}
      <Tabs
        value={scope}
        onChange={(value) => {
          setDone(undefined);
          setSearchParams(value === 'past' ? { scope: 'past' } : {}, { replace: true });
        }}
        keepMounted={false}
      >
        <Tabs.List grow>
          <Tabs.Tab value="upcoming">Upcoming</Tabs.Tab>
          <Tabs.Tab value="past">Past</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="upcoming" pt="md">
          <AppointmentList scope="upcoming" onAction={setOpenAction} />
        </Tabs.Panel>
        <Tabs.Panel value="past" pt="md">
          <AppointmentList scope="past" onAction={setOpenAction} />
        </Tabs.Panel>
      </Tabs>
      {openAction && (
        <Suspense fallback={null}>
          <ConfirmAppointmentDialog
            appointment={openAction?.kind === 'confirm' ? openAction.appointment : undefined}
            onClose={() => setOpenAction(undefined)}
            onConfirmed={finish}
          />
          <RescheduleAppointmentDialog
            appointment={openAction?.kind === 'reschedule' ? openAction.appointment : undefined}
            onClose={() => setOpenAction(undefined)}
            onRescheduled={finish}
          />
          <CancelAppointmentDialog
            appointment={openAction?.kind === 'cancel' ? openAction.appointment : undefined}
            onClose={() => setOpenAction(undefined)}
            onCancelled={finish}
          />
        </Suspense>
      )}
    </Stack>
  );
}

function AppointmentList({ scope, onAction }: { scope: PortalAppointmentScope; onAction: (action: OpenAction) => void }) {
  const practice = useCurrentPractice();
  const appointments = usePortalAppointments(practice.slug, scope);

  if (appointments.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading appointments">
        <Skeleton h={132} radius="md" />
        <Skeleton h={132} radius="md" />
      </Stack>
    );
  }
  if (appointments.isError) {
    return <LoadError what="your appointments" error={appointments.error} onRetry={() => void appointments.refetch()} />;
  }
  if (appointments.data.items.length === 0) {
    return (
      <EmptyStateCard
        icon={<IconCalendarOff size={28} aria-hidden="true" />}
        title={scope === 'upcoming' ? 'No upcoming appointments' : 'No past appointments'}
        description={
          scope === 'upcoming'
            ? `Book a visit online, or when ${practice.name} books you in, your appointments show here.`
            : `Appointments you have had with ${practice.name} show here.`
        }
        actions={
          scope === 'upcoming' ? (
            <Button component="a" href={bookOnlinePath(practice.slug)} leftSection={<IconCalendarPlus size={18} aria-hidden="true" />}>
              Book online
            </Button>
          ) : undefined
        }
      />
    );
  }
  return (
    <Stack
      gap="sm"
      component="ul"
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={scope === 'upcoming' ? 'Upcoming appointments' : 'Past appointments'}
    >
      {appointments.data.items.map((appointment) => (
        <li key={appointment.id}>
          <AppointmentCard appointment={appointment} onAction={(kind) => onAction({ kind, appointment })} />
        </li>
      ))}
      {scope === 'upcoming' && (
        <Text component="li" size="sm" c="dimmed">
          Buttons show while the clinic accepts changes online; close to the visit, call the clinic instead.
        </Text>
      )}
    </Stack>
  );
}
