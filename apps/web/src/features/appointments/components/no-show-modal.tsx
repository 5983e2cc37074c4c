import { Alert, Button, Group, Modal, Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { invoicePath } from '../../sales/invoice-paths.ts';
import type { BookAppointment } from '../api/appointment-schema.ts';
import { useChangeAppointmentStatus } from '../api/change-appointment-status.ts';
import { formatClinicSpan } from '../clinic-time.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { askToNotifyPatient } from '../../notifications/notification-prompt.ts';
import { showFeeOutcome } from './fee-outcome-notice.ts';

interface NoShowModalProps {
  appointment: BookAppointment | null;
  /** The charge choice pops up only when the patient's card was entered at booking. */
  canChargeFee: boolean;
  onClose: () => void;
}

export function NoShowModal({ appointment, canChargeFee, onClose }: NoShowModalProps) {
  return (
    <Modal opened={appointment !== null} onClose={onClose} title="Mark as no-show?" size="md">
      {appointment && <NoShowForm appointment={appointment} canChargeFee={canChargeFee} onClose={onClose} />}
    </Modal>
  );
}

function NoShowForm({ appointment, canChargeFee, onClose }: { appointment: BookAppointment; canChargeFee: boolean; onClose: () => void }) {
  const [charge, setCharge] = useState<'charge' | 'no-charge'>('no-charge');
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const changeStatus = useChangeAppointmentStatus();
  const navigate = useNavigate();
  const policy = appointment.feePolicy;
  const feeLabel = policy && policy.noShowFeeCents > 0 ? ` (${formatMoney(policy.noShowFeeCents, policy.currency)})` : '';
  const patientName = appointment.patient ? `${appointment.patient.firstName} ${appointment.patient.lastName}` : 'The patient';

  return (
    <Stack gap="md">
      <Text size="sm">
        {patientName} did not come to {formatClinicSpan(appointment.start, appointment.end, appointment.timeZone)}. The appointment leaves
        the book; you can restore it from No Shows.
      </Text>
      {changeStatus.error && (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
          {isApiProblem(changeStatus.error) ? changeStatus.error.detail : 'The appointment was not marked. Try again.'}
        </Alert>
      )}
      {canChargeFee && (
        <Radio.Group label="No-show fee" value={charge} onChange={(value) => setCharge(value === 'charge' ? 'charge' : 'no-charge')}>
          <Stack gap={6} mt={6}>
            <Radio value="charge" label={`Charge the no-show fee${feeLabel} to the card entered at booking`} />
            <Radio value="no-charge" label="Don't charge a fee" />
          </Stack>
        </Radio.Group>
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Back
        </Button>
        <Button
          color="red"
          loading={changeStatus.isPending}
          onClick={() =>
            changeStatus.mutate(
              { appointmentId: appointment.id, step: 'no-show', chargeFee: canChargeFee && charge === 'charge', idempotencyKey },
              {
                onSuccess: (marked) => {
                  notifications.show({
                    color: 'lagoon',
                    title: 'Marked as no-show',
                    message: `${patientName}’s appointment is now under No Shows.`,
                  });
                  showFeeOutcome(marked.fee, (invoiceId) => void navigate(invoicePath(invoiceId)));
                  onClose();
                  askToNotifyPatient(marked, 'no_show');
                },
              },
            )
          }
        >
          Mark As No-Show
        </Button>
      </Group>
    </Stack>
  );
}
