import { outstandingPaperworkStatuses, type PaperworkAssignment } from '@glowdesk/contracts';
import { Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { usePatientPaperwork } from '../api/get-patient-paperwork.ts';
import { formatAppointmentStart } from '../format-paperwork-time.ts';
import { PaperworkAssignmentList } from './paperwork-assignment-list.tsx';

interface AppointmentGroup {
  appointmentId: string;
  appointmentStart: string | null;
  assignments: PaperworkAssignment[];
}

/** The patient's forms by appointment, in the server's order (newest first). */
function groupByAppointment(assignments: readonly PaperworkAssignment[]): AppointmentGroup[] {
  const groups = new Map<string, AppointmentGroup>();
  for (const assignment of assignments) {
    const group = groups.get(assignment.appointmentId) ?? {
      appointmentId: assignment.appointmentId,
      appointmentStart: assignment.appointmentStart,
      assignments: [],
    };
    group.assignments.push(assignment);
    groups.set(assignment.appointmentId, group);
  }
  return [...groups.values()].sort((a, b) => (b.appointmentStart ?? '').localeCompare(a.appointmentStart ?? ''));
}

function PaperworkGroups({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const paperwork = usePatientPaperwork(patientId);
  if (paperwork.isError) return <LoadError what="the paperwork" error={paperwork.error} onRetry={() => void paperwork.refetch()} />;
  if (paperwork.isPending) return <Skeleton height={60} />;
  if (paperwork.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No forms yet. Booking a service with forms attached assigns them to the client.
      </Text>
    );
  }
  return (
    <Stack gap="md">
      {groupByAppointment(paperwork.data).map((group) => {
        const outstanding = group.assignments.filter((item) => outstandingPaperworkStatuses.includes(item.status)).length;
        const when = group.appointmentStart ? formatAppointmentStart(group.appointmentStart, timeZone) : 'Appointment';
        return (
          <Stack key={group.appointmentId} gap={2} component="section" aria-label={`Forms for ${when}`}>
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={700}>
                {when}
              </Text>
              <Text size="xs" c={outstanding > 0 ? 'red.7' : 'dimmed'}>
                {outstanding > 0 ? `${outstanding} of ${group.assignments.length} to complete` : 'All complete'}
              </Text>
            </Group>
            <PaperworkAssignmentList assignments={group.assignments} timeZone={timeZone} />
          </Stack>
        );
      })}
    </Stack>
  );
}

/** The client profile's Paperwork: every form assigned to the client, grouped by appointment. */
export function PatientPaperwork({ patientId, timeZone }: { patientId: string; timeZone: string }) {
  const paperwork = usePatientPaperwork(patientId);
  const outstanding = paperwork.data?.filter((item) => outstandingPaperworkStatuses.includes(item.status)).length ?? 0;
  return (
    <Paper withBorder radius="lg" bg="white" p="md" component="section" aria-label="Paperwork">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz={17}>
          Paperwork
        </Title>
        {outstanding > 0 && (
          <Badge variant="light" color="red" tt="none">
            {outstanding} to complete
          </Badge>
        )}
      </Group>
      <PaperworkGroups patientId={patientId} timeZone={timeZone} />
    </Paper>
  );
}
