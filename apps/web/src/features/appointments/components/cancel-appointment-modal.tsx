import { Alert, Button, Checkbox, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { askToNotifyPatient } from '../../notifications/notification-prompt.ts';
import { hasCardForFees, type BookAppointment } from '../api/appointment-schema.ts';
import { useChangeAppointmentStatus } from '../api/change-appointment-status.ts';
import { formatClinicSpan } from '../clinic-time.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { showFeeOutcome } from './fee-outcome-notice.ts';

/** Cancel with a required reason; a fee is offered only when a card was entered at booking and the policy allows one now. */
export function CancelAppointmentModal({ appointment, onClose }: { appointment: BookAppointment | null; onClose: () => void }) {
  return (
    <Modal opened={appointment !== null} onClose={onClose} title="Cancel this appointment?" size="md">
      {appointment && <CancelForm appointment={appointment} onClose={onClose} />}
    </Modal>
  );
}

function CancelForm({ appointment, onClose }: { appointment: BookAppointment; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [chargeFee, setChargeFee] = useState(false);
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const changeStatus = useChangeAppointmentStatus();
  const policy = appointment.feePolicy;
  const feeOffered =
    appointment.kind === 'appointment' &&
    hasCardForFees(appointment) &&
    (policy ? policy.insideCancellationWindow && policy.cancellationFeeCents > 0 : true);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (!reason.trim()) return setReasonError('Give a reason for the cancellation.');
        changeStatus.mutate(
          { appointmentId: appointment.id, step: 'cancel', reason: reason.trim(), chargeFee: feeOffered && chargeFee, idempotencyKey },
          {
            onSuccess: (cancelled) => {
              notifications.show({ color: 'lagoon', title: 'Appointment cancelled', message: 'The time is free to book again.' });
              showFeeOutcome(cancelled.fee);
              onClose();
              askToNotifyPatient(cancelled, 'cancellation');
              if (cancelled.fee?.status === 'paid') askToNotifyPatient(cancelled, 'fee_charged');
            },
          },
        );
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm">{formatClinicSpan(appointment.start, appointment.end, appointment.timeZone)}</Text>
        {changeStatus.error && (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {isApiProblem(changeStatus.error) ? changeStatus.error.detail : 'The appointment was not cancelled. Try again.'}
          </Alert>
        )}
        <Textarea
          label="Reason"
          required
          data-autofocus
          placeholder="e.g. Patient called to reschedule"
          value={reason}
          onChange={(event) => {
            setReason(event.currentTarget.value);
            setReasonError(undefined);
          }}
          error={reasonError}
          autosize
          minRows={2}
        />
        {feeOffered && (
          <Checkbox
            label={`Charge the cancellation fee${policy ? ` (${formatMoney(policy.cancellationFeeCents, policy.currency)})` : ''}`}
            description="Charged to the card entered at booking."
            checked={chargeFee}
            onChange={(event) => setChargeFee(event.currentTarget.checked)}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Keep appointment
          </Button>
          <Button type="submit" color="red" loading={changeStatus.isPending}>
            Cancel appointment
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
