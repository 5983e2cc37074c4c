import type { PaperworkAssignment } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useSession } from '../../auth/components/session-context.tsx';
import { useWitnessPaperworkAssignment } from '../api/witness-paperwork-assignment.ts';
import { SignaturePadField } from './signature-pad-field.tsx';

/** A staff member signs a consent the patient signed as its witness; the form becomes Signed. */
export function WitnessAssignmentModal({ assignment, onClose }: { assignment: PaperworkAssignment | null; onClose: () => void }) {
  const [retained, setRetained] = useState(assignment);
  if (assignment !== null && assignment !== retained) setRetained(assignment);
  const shown = assignment ?? retained;
  return (
    <Modal opened={assignment !== null} onClose={onClose} title={shown ? `Witness ${shown.name}` : ''} size="lg">
      {shown && <WitnessBody key={shown.id} assignment={shown} onClose={onClose} />}
    </Modal>
  );
}

function WitnessBody({ assignment, onClose }: { assignment: PaperworkAssignment; onClose: () => void }) {
  const { staff } = useSession();
  const [typedName, setTypedName] = useState(staff.displayName);
  const [signature, setSignature] = useState<string | null>(null);
  const [errors, setErrors] = useState<{ signature?: string; typedName?: string }>({});
  const witness = useWitnessPaperworkAssignment();
  const problem = isApiProblem(witness.error) ? witness.error : null;

  function confirm() {
    const found: typeof errors = {};
    if (!signature) found.signature = 'Draw your signature.';
    if (typedName.trim() === '') found.typedName = 'Type your full name.';
    setErrors(found);
    if (!signature || found.typedName) return;
    witness.mutate(
      { assignment, signature, typedName: typedName.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'lagoon', title: 'Witnessed', message: `${assignment.name} is signed.` });
          onClose();
        },
      },
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm">
        The patient has signed this consent. Sign as the witness: a new PDF with both signatures is kept, and the form becomes{' '}
        <strong>Signed</strong>.
      </Text>
      <TextInput
        label="Your full name"
        required
        maxLength={200}
        value={typedName}
        onChange={(event) => setTypedName(event.currentTarget.value)}
        error={errors.typedName ?? (problem?.field === 'typedName' ? problem.detail : undefined)}
      />
      <SignaturePadField
        label="Witness signature"
        error={errors.signature ?? (problem?.field === 'signature' ? problem.detail : undefined)}
        onChange={setSignature}
      />
      {witness.error && problem?.field !== 'signature' && problem?.field !== 'typedName' && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {problem ? problem.detail : 'The signature could not be saved. Try again.'}
        </Alert>
      )}
      <Group justify="flex-end" gap="sm" mt="xs">
        <Button variant="default" onClick={onClose}>
          Cancel
        </Button>
        <Button onClick={confirm} loading={witness.isPending}>
          Sign as witness
        </Button>
      </Group>
    </Stack>
  );
}
