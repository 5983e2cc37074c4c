import { outstandingPaperworkStatuses, type AppointmentStatus } from '@glowdesk/contracts';
import { Alert, Badge, Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconFilePlus, IconFiles } from '@tabler/icons-react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { useAssignAppointmentPaperwork } from '../api/assign-appointment-paperwork.ts';
import { useAppointmentPaperwork } from '../api/get-appointment-paperwork.ts';
import { PaperworkAssignmentList } from './paperwork-assignment-list.tsx';

interface AppointmentPaperworkProps {
  appointmentId: string;
  appointmentStatus: AppointmentStatus;
  /** Changes with every edit of the appointment; the list is read again then. */
  appointmentVersion: number;
  /** The clinic's zone, for the dates in a form's history. */
  timeZone: string;
  /** False for a provider limited to their own appointments looking at a colleague's: the server refuses them the assigning. */
  mayAssign: boolean;
}

/** The appointment drawer's Paperwork: the forms its services forwarded, their status, and Assign forms when there are none. */
export function AppointmentPaperwork({
  appointmentId,
  appointmentStatus,
  appointmentVersion,
  timeZone,
  mayAssign,
}: AppointmentPaperworkProps) {
  const paperwork = useAppointmentPaperwork(appointmentId, appointmentVersion);
  const assign = useAssignAppointmentPaperwork();
  // The server assigns no forms to a cancelled or no-show appointment.
  const assignable = mayAssign && appointmentStatus !== 'cancelled' && appointmentStatus !== 'no_show';
  // A provider limited to their own clients is refused the forms of a colleague's client: not an error to retry.
  const notTheirClient = paperwork.isError && isApiProblem(paperwork.error) && paperwork.error.code === 'not_your_client';
  const outstanding = paperwork.data?.filter((item) => outstandingPaperworkStatuses.includes(item.status)).length ?? 0;

  function assignForms() {
    assign.mutate(appointmentId, {
      onSuccess: (result) => {
        if (result.created > 0) {
          notifications.show({
            color: 'lagoon',
            title: result.created === 1 ? 'Form assigned' : `${result.created} forms assigned`,
            message: 'They show on this appointment until the patient completes them.',
          });
        }
      },
    });
  }

  return (
    <Stack gap={6} component="section" aria-label="Paperwork">
      <Group justify="space-between" gap="xs">
        <Group gap="sm" wrap="nowrap">
          <span style={{ color: 'var(--mantine-color-gray-6)', display: 'flex' }} aria-hidden="true">
            <IconFiles size={18} />
          </span>
          <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }}>
            Paperwork
          </Text>
        </Group>
        {outstanding > 0 && (
          <Badge size="sm" variant="light" color="red" tt="none">
            {outstanding} to complete
          </Badge>
        )}
      </Group>
      {notTheirClient ? (
        <Text size="sm" c="dimmed">
          This client has no appointment with you, so their forms are not shown.
        </Text>
      ) : paperwork.isError ? (
        <LoadError what="the paperwork" error={paperwork.error} onRetry={() => void paperwork.refetch()} />
      ) : paperwork.isPending ? (
        <Stack gap="xs" role="status" aria-label="Loading the paperwork">
          <Skeleton height={32} />
          <Skeleton height={32} />
        </Stack>
      ) : paperwork.data.length > 0 ? (
        <PaperworkAssignmentList assignments={paperwork.data} timeZone={timeZone} />
      ) : (
        <Stack gap="xs" align="flex-start">
          <Text size="sm" c="dimmed">
            {assign.data?.created === 0
              ? 'None of this appointment’s services forwards forms. Attach forms to a service in Settings → Services.'
              : 'No forms are assigned for this appointment.'}
          </Text>
          {assignable && (
            <Button size="xs" variant="light" leftSection={<IconFilePlus size={14} />} loading={assign.isPending} onClick={assignForms}>
              Assign forms
            </Button>
          )}
        </Stack>
      )}
      {assign.error && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {isApiProblem(assign.error) ? assign.error.detail : 'The forms could not be assigned. Try again.'}
        </Alert>
      )}
    </Stack>
  );
}
