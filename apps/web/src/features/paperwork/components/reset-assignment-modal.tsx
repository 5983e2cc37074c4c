import { initialPaperworkStatus, paperworkStatusLabels, type PaperworkAssignment } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useResetPaperworkAssignment } from '../api/reset-paperwork-assignment.ts';
import { paperworkKindRedo } from '../paperwork-status.ts';

const REASON_MAX = 500;

/** Confirms resetting a completed form so the patient completes it again ("contact your support team to reset the form"). */
export function ResetAssignmentModal({ assignment, onClose }: { assignment: PaperworkAssignment | null; onClose: () => void }) {
  const [retained, setRetained] = useState(assignment);
  if (assignment !== null && assignment !== retained) setRetained(assignment);
  const shown = assignment ?? retained;
  return (
    <Modal opened={assignment !== null} onClose={onClose} title={shown ? `Reset ${shown.name}?` : ''} size="md">
      {shown && <ResetBody key={shown.id} assignment={shown} onClose={onClose} />}
    </Modal>
  );
}

function ResetBody({ assignment, onClose }: { assignment: PaperworkAssignment; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const reset = useResetPaperworkAssignment();
  const startsAt = paperworkStatusLabels[initialPaperworkStatus[assignment.kind]];

  function confirm() {
    reset.mutate(
      { assignment, reason },
      {
        onSuccess: (after) => {
          notifications.show({
            color: 'lagoon',
            title: 'Form reset',
            message: `${after.name} is ${paperworkStatusLabels[after.status]} again.`,
          });
          onClose();
        },
      },
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm">
        The form goes back to <strong>{startsAt}</strong> and the patient {paperworkKindRedo[assignment.kind]}. What they submitted before
        stays in the form’s history.
      </Text>
      <Textarea
        label="Reason"
        description="Optional; kept in the form’s history."
        placeholder="e.g. Signed with the wrong name"
        autosize
        minRows={2}
        maxLength={REASON_MAX}
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        data-autofocus
      />
      {reset.error && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {isApiProblem(reset.error)
            ? reset.error.status === 403
              ? 'Your role cannot reset forms. Owners, admins and the front desk can.'
              : reset.error.detail
            : 'The form could not be reset. Try again.'}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm" mt="xs">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button color="red" onClick={confirm} loading={reset.isPending}>
          Reset form
        </Button>
      </Group>
    </Stack>
  );
}
