import { paperworkKindLabels, paperworkStatusLabels, type PaperworkAssignment, type PaperworkAssignmentEvent } from '@glowdesk/contracts';
import { Alert, Badge, Divider, Group, Modal, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useSession } from '../../auth/components/session-context.tsx';
import { usePaperworkAssignment } from '../api/get-paperwork-assignment.ts';
import { usePaperworkTemplateVersion } from '../api/get-paperwork-template-version.ts';
import { formatPaperworkDateTime } from '../format-paperwork-time.ts';
import { PaperworkKindIcon } from './paperwork-kind-icon.tsx';
import { PaperworkStatusBadge } from './paperwork-status-badge.tsx';
import { TemplateContentView } from './template-content-view.tsx';

/** What the patient (or witness) did, from the status it moved the form to. */
function describeStatusChange(event: PaperworkAssignmentEvent): string {
  switch (event.toStatus) {
    case 'witness_signature_required':
      return 'Signed by the patient; waiting for the witness';
    case 'signed':
      return event.fromStatus === 'witness_signature_required' ? 'Signed by the witness' : 'Signed by the patient';
    case 'filled':
      return 'Filled in by the patient';
    case 'viewed':
      return 'Read by the patient';
    case 'not_signed':
    case 'not_filled':
    case 'not_viewed':
      return `Now ${paperworkStatusLabels[event.toStatus]}`;
    case null:
      return 'Changed';
  }
}

function describeEvent(event: PaperworkAssignmentEvent): string {
  switch (event.type) {
    case 'assigned':
      return typeof event.details.templateVersion === 'number' ? `Assigned (version ${event.details.templateVersion})` : 'Assigned';
    case 'reset':
      return `Reset to ${event.toStatus ? paperworkStatusLabels[event.toStatus] : 'the start'}`;
    default:
      return describeStatusChange(event);
  }
}

function HistoryTimeline({ events, timeZone }: { events: readonly PaperworkAssignmentEvent[]; timeZone: string }) {
  const { staff } = useSession();
  return (
    <Timeline bulletSize={12} lineWidth={2} active={events.length - 1}>
      {events.map((event) => {
        const reason = typeof event.details.reason === 'string' ? event.details.reason : null;
        const by = event.actorStaffId === null ? null : event.actorStaffId === staff.id ? 'by you' : 'by a staff member';
        return (
          <Timeline.Item key={event.id} title={<Text size="sm">{describeEvent(event)}</Text>}>
            <Text size="xs" c="dimmed">
              {formatPaperworkDateTime(event.occurredAt, timeZone)}
              {by ? ` · ${by}` : ''}
            </Text>
            {reason && (
              <Text size="xs" mt={2}>
                Reason: {reason}
              </Text>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

/** One assigned form: exactly the version the patient was given, its status and its history. */
export function AssignmentViewModal({
  assignment,
  timeZone,
  onClose,
}: {
  assignment: PaperworkAssignment | null;
  timeZone: string;
  onClose: () => void;
}) {
  const [retained, setRetained] = useState(assignment);
  if (assignment !== null && assignment !== retained) setRetained(assignment);
  const shown = assignment ?? retained;
  return (
    <Modal opened={assignment !== null} onClose={onClose} size="lg" title={<Text fw={600}>{shown?.name ?? 'Form'}</Text>}>
      {shown && <AssignmentView key={shown.id} assignment={shown} timeZone={timeZone} />}
    </Modal>
  );
}

function AssignmentView({ assignment, timeZone }: { assignment: PaperworkAssignment; timeZone: string }) {
  const detail = usePaperworkAssignment(assignment.id);
  const version = usePaperworkTemplateVersion(assignment.templateId, assignment.templateVersion);
  const current = detail.data ?? assignment;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <Group gap="xs">
          <Badge variant="light" color="gray" tt="none" fw={600} leftSection={<PaperworkKindIcon kind={current.kind} size={14} />}>
            {paperworkKindLabels[current.kind]}
          </Badge>
          <Text size="sm" c="dimmed">
            Version {current.templateVersion} · assigned {formatPaperworkDateTime(current.assignedAt, timeZone)}
          </Text>
        </Group>
        <PaperworkStatusBadge status={current.status} size="md" />
      </Group>
      <section aria-label="What the patient was given">
        {version.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {isApiProblem(version.error) ? version.error.detail : 'The form could not be loaded.'}
          </Alert>
        ) : version.data ? (
          <TemplateContentView version={version.data} />
        ) : (
          <Stack gap="sm" role="status" aria-label="Loading the form">
            <Skeleton height={20} width="40%" />
            <Skeleton height={140} />
          </Stack>
        )}
      </section>
      <Divider />
      <section aria-labelledby="paperwork-history-title">
        <Title order={3} fz={15} mb="sm" id="paperwork-history-title">
          History
        </Title>
        {detail.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {isApiProblem(detail.error) ? detail.error.detail : 'The history could not be loaded.'}
          </Alert>
        ) : detail.data ? (
          <HistoryTimeline events={detail.data.history} timeZone={timeZone} />
        ) : (
          <Skeleton height={60} />
        )}
      </section>
    </Stack>
  );
}
