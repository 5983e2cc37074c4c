import type { PortalAppointment } from '@glowdesk/contracts';
import { Alert, Button, Checkbox, Flex, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { useCancelAppointment } from '../api/portal-appointment-changes.ts';
import { useCurrentPractice } from '../layout/current-practice.ts';
import { appointmentHeading } from './appointment-card.tsx';

interface CancelAppointmentDialogProps {
  appointment: PortalAppointment | undefined;
  onClose: () => void;
  onCancelled: (message: string) => void;
}

/**
 * Cancelling: free outside the late-cancellation window; inside it the fee and the policy the
 * patient agreed to are shown, and the patient must accept the fee before the cancel is sent.
 */
export function CancelAppointmentDialog({ appointment, onClose, onCancelled }: CancelAppointmentDialogProps) {
  return (
    <Modal opened={appointment !== undefined} onClose={onClose} title="Cancel this appointment?" size="md">
      {appointment && <CancelForm key={appointment.id} appointment={appointment} onClose={onClose} onCancelled={onCancelled} />}
    </Modal>
  );
}

function CancelForm({
  appointment,
  onClose,
  onCancelled,
}: {
  appointment: PortalAppointment;
  onClose: () => void;
  onCancelled: (message: string) => void;
}) {
  const practice = useCurrentPractice();
  const cancel = useCancelAppointment(practice.slug);
  const [accepted, setAccepted] = useState(false);
  const fee = appointment.cancellationFee;
  const acceptError = isApiProblem(cancel.error) ? cancel.error.messageFor('acceptCancellationFee') : undefined;

  function submit() {
    cancel.mutate(
      { appointmentId: appointment.id, acceptCancellationFee: fee ? accepted : false },
      {
        onSuccess: (cancelled) => {
          const what = `Your appointment on ${appointmentHeading(cancelled.appointment)} is cancelled.`;
          onCancelled(cancelled.fee ? `${what} ${cancelled.fee.message}` : what);
        },
      },
    );
  }

  return (
    <Stack gap="md">
      <Text>
        <Text span fw={600}>
          {appointment.services.join(', ') || 'Your appointment'}
        </Text>{' '}
        with {appointment.provider.name} on {appointmentHeading(appointment)} at {appointment.clinic.name}.
      </Text>
      {fee ? (
        <Alert color="orange" variant="light" icon={<IconReceipt size={18} />} title={`A ${fee.amountLabel} late cancellation fee applies`}>
          <Stack gap="xs">
            <Text size="sm">
              This appointment starts within {fee.windowHours} hours. Cancelling now charges {fee.amountLabel} to your card on file.
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
              {fee.policy.text}
            </Text>
          </Stack>
        </Alert>
      ) : (
        <Text size="sm" c="dimmed">
          There is no charge for cancelling it now. {practice.name} is told at once.
        </Text>
      )}
      {fee && (
        <Checkbox
          label={`I accept the ${fee.amountLabel} cancellation fee`}
          checked={accepted}
          onChange={(event) => setAccepted(event.currentTarget.checked)}
          error={acceptError}
        />
      )}
      {cancel.isError && !acceptError && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
          {isApiProblem(cancel.error) ? cancel.error.detail : 'The appointment could not be cancelled. Try again.'}
        </Alert>
      )}
      <Flex direction={{ base: 'column-reverse', xs: 'row' }} justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Keep appointment
        </Button>
        <Button color="red" onClick={submit} loading={cancel.isPending} disabled={fee !== null && !accepted}>
          Cancel appointment
        </Button>
      </Flex>
    </Stack>
  );
}
