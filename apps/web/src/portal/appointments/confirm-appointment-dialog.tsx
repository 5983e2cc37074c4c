import type { PortalAppointment } from '@glowdesk/contracts';
import { Alert, Button, Flex, Modal, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { useConfirmAppointment } from '../api/portal-appointments.ts';
import { useCurrentPractice } from '../layout/current-practice.ts';
import { appointmentHeading } from './appointment-card.tsx';

interface ConfirmAppointmentDialogProps {
  /** The appointment to confirm; the dialog is closed without one. */
  appointment: PortalAppointment | undefined;
  onClose: () => void;
  onConfirmed: (message: string) => void;
}

/** "Will you come?": confirming tells the clinic at once. */
export function ConfirmAppointmentDialog({ appointment, onClose, onConfirmed }: ConfirmAppointmentDialogProps) {
  const practice = useCurrentPractice();
  const confirm = useConfirmAppointment(practice.slug);
  const close = () => {
    confirm.reset();
    onClose();
  };
  return (
    <Modal opened={appointment !== undefined} onClose={close} title="Confirm this appointment?" size="md">
      {appointment && (
        <Stack gap="md">
          <Text>
            <Text span fw={600}>
              {appointment.services.join(', ') || 'Your appointment'}
            </Text>{' '}
            with {appointment.provider.name} on {appointmentHeading(appointment)} at {appointment.clinic.name}.
          </Text>
          <Text size="sm" c="dimmed">
            {practice.name} will see at once that you are coming.
          </Text>
          {confirm.isError && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
              {isApiProblem(confirm.error) ? confirm.error.detail : 'The appointment could not be confirmed. Try again.'}
            </Alert>
          )}
          <Flex direction={{ base: 'column-reverse', xs: 'row' }} justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              Not now
            </Button>
            <Button
              loading={confirm.isPending}
              onClick={() =>
                confirm.mutate(appointment.id, {
                  onSuccess: (confirmed) => {
                    confirm.reset();
                    onConfirmed(`Your appointment on ${appointmentHeading(confirmed)} is confirmed.`);
                  },
                })
              }
            >
              Confirm appointment
            </Button>
          </Flex>
        </Stack>
      )}
    </Modal>
  );
}
