import { paperworkKindLabels, type PaperworkAssignment } from '@glowdesk/contracts';
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconEye, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { useSession } from '../../auth/components/session-context.tsx';
import { canResetPaperwork } from '../paperwork-status.ts';
import { AssignmentViewModal } from './assignment-view-modal.tsx';
import { PaperworkKindIcon } from './paperwork-kind-icon.tsx';
import { PaperworkStatusBadge } from './paperwork-status-badge.tsx';
import { ResetAssignmentModal } from './reset-assignment-modal.tsx';

/** Assigned forms, each with its status, a way to read what was assigned and, for staff allowed to, a reset. */
export function PaperworkAssignmentList({ assignments, timeZone }: { assignments: readonly PaperworkAssignment[]; timeZone: string }) {
  const { staff } = useSession();
  const [viewing, setViewing] = useState<PaperworkAssignment | null>(null);
  const [resetting, setResetting] = useState<PaperworkAssignment | null>(null);
  return (
    <>
      <Stack gap={0} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {assignments.map((assignment, index) => (
          <Group
            key={assignment.id}
            component="li"
            justify="space-between"
            wrap="nowrap"
            gap="sm"
            py={8}
            aria-label={assignment.name}
            style={index > 0 ? { borderTop: '1px solid var(--glowdesk-border)' } : undefined}
          >
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <span style={{ color: 'var(--mantine-color-gray-6)', display: 'flex' }}>
                <PaperworkKindIcon kind={assignment.kind} />
              </span>
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} truncate>
                  {assignment.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {paperworkKindLabels[assignment.kind]} · version {assignment.templateVersion}
                </Text>
              </div>
            </Group>
            <Group gap={6} wrap="nowrap">
              <PaperworkStatusBadge status={assignment.status} />
              <Button
                size="compact-sm"
                variant="subtle"
                leftSection={<IconEye size={14} />}
                aria-label={`View ${assignment.name}`}
                onClick={() => setViewing(assignment)}
              >
                View
              </Button>
              {canResetPaperwork(staff.role, assignment.status) && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  leftSection={<IconRestore size={14} />}
                  aria-label={`Reset ${assignment.name}`}
                  onClick={() => setResetting(assignment)}
                >
                  Reset
                </Button>
              )}
            </Group>
          </Group>
        ))}
      </Stack>
      <AssignmentViewModal assignment={viewing} timeZone={timeZone} onClose={() => setViewing(null)} />
      <ResetAssignmentModal assignment={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
