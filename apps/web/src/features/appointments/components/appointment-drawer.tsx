import { Alert, Anchor, Badge, Button, Drawer, Group, Paper, Skeleton, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { cardLabel } from '../../../shared/format/card-label.ts';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconCalendarTime,
  IconCheck,
  IconCircleCheck,
  IconCreditCard,
  IconDoorEnter,
  IconEdit,
  IconMapPin,
  IconNotes,
  IconPlayerPlay,
  IconRestore,
  IconStethoscope,
  IconUser,
  IconUserX,
  IconVideo,
  IconX,
} from '@tabler/icons-react';
import { useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { AppointmentPaperwork } from '../../paperwork/components/appointment-paperwork.tsx';
import { AppointmentMessagesLink } from '../../notifications/components/appointment-messages-link.tsx';
import { formatPhone } from '../../patients/format-phone.ts';
import { AppointmentInvoices, CheckoutButton, useCanCheckOut } from '../../sales/components/appointment-sales.tsx';
import { hasCardForFees, type BookAppointment } from '../api/appointment-schema.ts';
import { MemberTierBadges } from './member-tier-badges.tsx';
import { useChangeAppointmentStatus, type StatusStep } from '../api/change-appointment-status.ts';
import { useAppointment } from '../api/get-appointment.ts';
import { useClinics } from '../api/get-clinics.ts';
import { useProviders } from '../api/get-providers.ts';
import { useServices } from '../api/get-services.ts';
import { formatClinicSpan, localToday, wallClockOf } from '../clinic-time.ts';
import { useAppointmentPermissions } from '../use-appointment-permissions.ts';
import { AppointmentHistory } from './appointment-history.tsx';
import { AppointmentStatusBadge } from './appointment-status-badge.tsx';
import { CancelAppointmentModal } from './cancel-appointment-modal.tsx';
import { NoShowModal } from './no-show-modal.tsx';
import { RestoreNoShowModal } from './restore-no-show-modal.tsx';

const stepLabels: Record<StatusStep, { label: string; done: string; icon: ReactNode }> = {
  confirm: { label: 'Confirm', done: 'Appointment confirmed', icon: <IconCheck size={16} /> },
  'check-in': { label: 'Check in', done: 'Patient checked in', icon: <IconDoorEnter size={16} /> },
  start: { label: 'Start procedure', done: 'Procedure started', icon: <IconPlayerPlay size={16} /> },
  complete: { label: 'Complete', done: 'Appointment completed', icon: <IconCircleCheck size={16} /> },
};

function nextSteps(appointment: BookAppointment): StatusStep[] {
  if (appointment.kind === 'out_of_office') return [];
  switch (appointment.status) {
    case 'booked':
      return ['confirm', 'check-in'];
    case 'confirmed':
      return ['check-in'];
    case 'checked_in':
      return ['start', 'complete'];
    case 'in_procedure':
      return ['complete'];
    case 'completed':
    case 'cancelled':
    case 'no_show':
      return [];
  }
}

function DetailRow({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <span style={{ color: 'var(--mantine-color-gray-6)', marginTop: 2 }} aria-hidden="true">
        {icon}
      </span>
      <div style={{ minWidth: 0 }}>
        <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
          {label}
        </Text>
        <div>{children}</div>
      </div>
    </Group>
  );
}

interface AppointmentDrawerProps {
  appointmentId: string | null;
  onClose: () => void;
  onEdit: (appointment: BookAppointment) => void;
}

/** One appointment: who, what, when and where, what to do next, and its history. */
export function AppointmentDrawer({ appointmentId, onClose, onEdit }: AppointmentDrawerProps) {
  const appointment = useAppointment(appointmentId);
  const title = appointment.data
    ? appointment.data.kind === 'out_of_office'
      ? (appointment.data.title ?? 'Out of office')
      : appointment.data.patient
        ? `${appointment.data.patient.firstName} ${appointment.data.patient.lastName}`
        : 'Appointment'
    : 'Appointment';
  return (
    <Drawer
      opened={appointmentId !== null}
      onClose={onClose}
      position="right"
      size={480}
      padding="lg"
      title={
        <Group gap="sm">
          <Title order={2} fz={20}>
            {title}
          </Title>
          {appointment.data && appointment.data.kind === 'appointment' && (
            <AppointmentStatusBadge status={appointment.data.status} size="md" />
          )}
        </Group>
      }
    >
      {appointment.isPending ? (
        <Stack gap="sm" role="status" aria-label="Loading the appointment">
          <Skeleton height={24} width="60%" />
          <Skeleton height={80} />
          <Skeleton height={36} />
        </Stack>
      ) : appointment.isError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {isApiProblem(appointment.error) ? appointment.error.detail : 'The appointment could not be loaded.'}
        </Alert>
      ) : (
        <AppointmentDetails appointment={appointment.data} onEdit={onEdit} onClose={onClose} />
      )}
    </Drawer>
  );
}

function AppointmentDetails({
  appointment,
  onEdit,
  onClose,
}: {
  appointment: BookAppointment;
  onEdit: (appointment: BookAppointment) => void;
  onClose: () => void;
}) {
  const providers = useProviders(undefined);
  const clinics = useClinics();
  const services = useServices(undefined);
  const changeStatus = useChangeAppointmentStatus();
  const [tab, setTab] = useState<string | null>('details');
  const [cancelling, setCancelling] = useState(false);
  const [markingNoShow, setMarkingNoShow] = useState(false);
  const [restoring, setRestoring] = useState(false);

  const names = useMemo(
    () => ({
      providers: new Map((providers.data ?? []).map((provider) => [provider.id, provider.displayName])),
      services: new Map((services.data ?? []).map((service) => [service.id, service.name])),
    }),
    [providers.data, services.data],
  );
  const provider = providers.data?.find((candidate) => candidate.id === appointment.providerId);
  const clinic = clinics.data?.find((candidate) => candidate.id === appointment.clinicId);
  const zone = appointment.timeZone;
  const isAppointment = appointment.kind === 'appointment';
  const appointmentDay = wallClockOf(appointment.start, zone).localDate;
  const noShowAllowedToday = localToday(zone) >= appointmentDay;
  const live = appointment.status === 'booked' || appointment.status === 'confirmed';
  const cancellable = live || appointment.status === 'checked_in';
  const canCheckOut = useCanCheckOut(appointment);
  const mayChange = useAppointmentPermissions().mayActFor(appointment.providerId);

  function runStep(step: StatusStep) {
    changeStatus.mutate(
      { appointmentId: appointment.id, step },
      {
        onSuccess: () =>
          notifications.show({
            color: 'lagoon',
            title: stepLabels[step].done,
            message: appointment.patient ? `${appointment.patient.firstName} ${appointment.patient.lastName}` : '',
          }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: `Could not ${stepLabels[step].label.toLowerCase()}`,
            message: isApiProblem(error) ? error.detail : 'Try again.',
          }),
      },
    );
  }

  const pendingStep = changeStatus.isPending ? changeStatus.variables?.step : undefined;

  return (
    <Stack gap="md">
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="details">Details</Tabs.Tab>
          <Tabs.Tab value="history">History</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="details" pt="md">
          <Stack gap="md">
            {isAppointment && appointment.patient && (
              <DetailRow icon={<IconUser size={18} />} label="Patient">
                {mayChange ? (
                  <Anchor component={Link} to={`/clients/${appointment.patient.id}`} fw={600} size="sm" onClick={onClose}>
                    {appointment.patient.firstName} {appointment.patient.lastName}
                  </Anchor>
                ) : (
                  <Text fw={600} size="sm">
                    {appointment.patient.firstName} {appointment.patient.lastName}
                  </Text>
                )}
                <MemberTierBadges tiers={appointment.memberTiers} />
                <Text size="xs" c="dimmed">
                  {[appointment.patient.email, appointment.patient.phone ? formatPhone(appointment.patient.phone) : null]
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </DetailRow>
            )}
            {isAppointment && (
              <DetailRow icon={<IconStethoscope size={18} />} label={appointment.services.length > 1 ? 'Services' : 'Service'}>
                <Stack gap={2}>
                  {appointment.services.map((service) => (
                    <Text key={service.position} size="sm">
                      {service.name}
                    </Text>
                  ))}
                </Stack>
              </DetailRow>
            )}
            <DetailRow icon={<IconCalendarTime size={18} />} label="When">
              <Text size="sm">{formatClinicSpan(appointment.start, appointment.end, zone)}</Text>
            </DetailRow>
            <DetailRow icon={<IconMapPin size={18} />} label="Provider and clinic">
              <Text size="sm">
                {provider?.displayName ?? 'Provider'}
                {provider?.title ? `, ${provider.title}` : ''}
              </Text>
              <Text size="xs" c="dimmed">
                {clinic?.name ?? ''}
              </Text>
            </DetailRow>
            {isAppointment && (
              <DetailRow icon={<IconVideo size={18} />} label="Visit">
                <Text size="sm">{appointment.mode === 'virtual' ? 'Virtual' : 'In person'}</Text>
                {appointment.mode === 'virtual' &&
                  (appointment.virtualRoomUrl ? (
                    <Anchor href={appointment.virtualRoomUrl} target="_blank" rel="noreferrer" size="sm">
                      Open the video room
                    </Anchor>
                  ) : (
                    <Text size="xs" c="dimmed">
                      The provider has no video room link yet.
                    </Text>
                  ))}
              </DetailRow>
            )}
            {isAppointment && (
              <DetailRow icon={<IconCreditCard size={18} />} label="Card for fees">
                <Text size="sm">
                  {appointment.cardOnFile
                    ? `${cardLabel(appointment.cardOnFile)}, entered at booking`
                    : appointment.requireCardOnFile
                      ? 'Card details entered at booking'
                      : 'No card entered at booking'}
                </Text>
              </DetailRow>
            )}
            <AppointmentInvoices appointment={appointment} onNavigate={onClose} />
            <DetailRow icon={<IconNotes size={18} />} label={isAppointment ? 'Appointment notes' : 'Notes'}>
              <Text size="sm" c={appointment.notes ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-wrap' }}>
                {appointment.notes ?? 'None'}
              </Text>
            </DetailRow>
            {isAppointment && appointment.patient && <AppointmentMessagesLink appointmentId={appointment.id} onNavigate={onClose} />}
            {appointment.allowDoubleBooking && (
              <Badge variant="light" color="orange" tt="none" w="fit-content">
                Double booking allowed
              </Badge>
            )}
            {appointment.status === 'cancelled' && appointment.cancellationReason && (
              <Alert color="gray" variant="light" title="Cancelled">
                {appointment.cancellationReason}
              </Alert>
            )}
            {appointment.status === 'no_show' && (
              <Alert color="red" variant="light" title="No-show">
                {appointment.noShowFeeRequested ? 'A no-show fee was requested.' : 'No fee was charged.'} Restore it to put it back on the
                book.
              </Alert>
            )}
            {isAppointment && appointment.patient && (
              <AppointmentPaperwork
                appointmentId={appointment.id}
                appointmentStatus={appointment.status}
                appointmentVersion={appointment.version}
                timeZone={zone}
                mayAssign={mayChange}
              />
            )}
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <AppointmentHistory appointmentId={appointment.id} timeZone={zone} names={names} />
        </Tabs.Panel>
      </Tabs>

      {!mayChange ? (
        <Paper withBorder radius="md" p="sm" bg="gray.0">
          <Text size="sm" c="dimmed">
            Booked with {provider?.displayName ?? 'another provider'}: only they, the front desk or a manager can change it.
          </Text>
        </Paper>
      ) : (
        <Paper withBorder radius="md" p="sm" bg="gray.0">
          <Stack gap="xs">
            {nextSteps(appointment).length > 0 && (
              <Group gap="xs">
                {nextSteps(appointment).map((step, index) => (
                  <Button
                    key={step}
                    variant={index === 0 ? 'filled' : 'default'}
                    leftSection={stepLabels[step].icon}
                    loading={pendingStep === step}
                    disabled={changeStatus.isPending && pendingStep !== step}
                    onClick={() => runStep(step)}
                  >
                    {stepLabels[step].label}
                  </Button>
                ))}
              </Group>
            )}
            <Group gap="xs">
              <CheckoutButton appointment={appointment} onNavigate={onClose} />
              {live && (
                <Button variant="default" leftSection={<IconEdit size={16} />} onClick={() => onEdit(appointment)}>
                  {isAppointment ? 'Edit / Reschedule' : 'Edit'}
                </Button>
              )}
              {cancellable && (
                <Button variant="default" color="red" leftSection={<IconX size={16} />} onClick={() => setCancelling(true)}>
                  Cancel
                </Button>
              )}
              {isAppointment && live && (
                <Tooltip
                  label={`You can mark a no-show on the day of the appointment (${appointmentDay}) or later.`}
                  disabled={noShowAllowedToday}
                >
                  <Button
                    variant="default"
                    leftSection={<IconUserX size={16} />}
                    data-disabled={!noShowAllowedToday || undefined}
                    aria-disabled={!noShowAllowedToday}
                    onClick={(event) => {
                      if (!noShowAllowedToday) return event.preventDefault();
                      setMarkingNoShow(true);
                    }}
                  >
                    Mark As No-Show
                  </Button>
                </Tooltip>
              )}
              {appointment.status === 'no_show' && (
                <Button variant="default" leftSection={<IconRestore size={16} />} onClick={() => setRestoring(true)}>
                  Restore
                </Button>
              )}
            </Group>
            {!nextSteps(appointment).length && !live && !cancellable && appointment.status !== 'no_show' && !canCheckOut && (
              <Text size="sm" c="dimmed">
                Nothing left to do on this appointment.
              </Text>
            )}
          </Stack>
        </Paper>
      )}
      <CancelAppointmentModal appointment={cancelling ? appointment : null} onClose={() => setCancelling(false)} />
      <NoShowModal
        appointment={markingNoShow ? appointment : null}
        canChargeFee={hasCardForFees(appointment)}
        onClose={() => setMarkingNoShow(false)}
      />
      <RestoreNoShowModal appointment={restoring ? appointment : null} onClose={() => setRestoring(false)} />
    </Stack>
  );
}
