import { paperworkKindLabels, type PaperworkAssignment } from '@glowdesk/contracts';
import { Button, Group, Stack, Text } from '@mantine/core';
import { IconDownload, IconEye, IconRestore, IconSignature } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useSession } from '../../auth/components/session-context.tsx';
import { signedPdfUrl } from '../api/witness-paperwork-assignment.ts';
import { canResetPaperwork, canWitness, hasSignedPdf } from '../paperwork-status.ts';
import { AssignmentViewModal } from './assignment-view-modal.tsx';
import { PaperworkKindIcon } from './paperwork-kind-icon.tsx';
import { PaperworkStatusBadge } from './paperwork-status-badge.tsx';
import { ResetAssignmentModal } from './reset-assignment-modal.tsx';

// The signature pad loads only when someone witnesses a consent.
const WitnessAssignmentModal = lazy(() =>
  import('./witness-assignment-modal.tsx').then((module) => ({ default: module.WitnessAssignmentModal })),
);

/**
 * Assigned forms, each with its status, a way to read what was assigned, the signed PDF of a
 * signed consent, a witness signature for a consent waiting for one and, for staff allowed to, a reset.
 */
export function PaperworkAssignmentList({ assignments, timeZone }: { assignments: readonly PaperworkAssignment[]; timeZone: string }) {
  const { staff } = useSession();
  const [viewing, setViewing] = useState<PaperworkAssignment | null>(null);
  const [resetting, setResetting] = useState<PaperworkAssignment | null>(null);
  const [witnessing, setWitnessing] = useState<PaperworkAssignment | null>(null);
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
              {canWitness(assignment.status) && (
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconSignature size={14} />}
                  aria-label={`Witness ${assignment.name}`}
                  onClick={() => setWitnessing(assignment)}
                >
                  Witness
                </Button>
              )}
              {hasSignedPdf(assignment) && (
                <Button
                  component="a"
                  href={signedPdfUrl(assignment.id)}
                  download
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconDownload size={14} />}
                  aria-label={`Download the signed PDF of ${assignment.name}`}
                >
                  PDF
                </Button>
              )}
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
      {witnessing && (
        <Suspense fallback={null}>
          <WitnessAssignmentModal assignment={witnessing} onClose={() => setWitnessing(null)} />
        </Suspense>
      )}
    </>
  );
}
