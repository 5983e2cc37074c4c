import { Alert, Anchor, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useSession } from '../../auth/components/session-context.tsx';
import { InvoiceNoticeMessage } from '../../sales/components/invoice-notice-message.tsx';
import { invoicePath } from '../../sales/invoice-paths.ts';
import { takesPayments } from '../../sales/sales-roles.ts';
import type { BookAppointment } from '../api/appointment-schema.ts';
import { useRestoreNoShow } from '../api/restore-no-show.ts';
import { formatClinicSpan } from '../clinic-time.ts';
import { restoreFeeWording } from '../restore-fee-wording.ts';

/** "Restore" then "Confirm": puts the no-show back on the book as booked; a taken time needs "Allow double booking". */
export function RestoreNoShowModal({ appointment, onClose }: { appointment: BookAppointment | null; onClose: () => void }) {
  return (
    <Modal opened={appointment !== null} onClose={onClose} title="Restore this appointment?" size="md">
      {appointment && <RestoreForm appointment={appointment} onClose={onClose} />}
    </Modal>
  );
}

function RestoreForm({ appointment, onClose }: { appointment: BookAppointment; onClose: () => void }) {
  const restore = useRestoreNoShow();
  const navigate = useNavigate();
  const { staff } = useSession();
  // Providers do not see invoices: no link they could not follow.
  const seesInvoices = takesPayments(staff.role);
  const feeInvoiceId = appointment.feePolicy?.noShowFeeInvoiceId ?? null;
  const [allowDoubleBooking, setAllowDoubleBooking] = useState(false);
  const conflict = isApiProblem(restore.error, 409) ? restore.error : undefined;
  const patientName = appointment.patient ? `${appointment.patient.firstName} ${appointment.patient.lastName}` : 'The appointment';

  return (
    <Stack gap="md">
      <Text size="sm">
        {patientName}, {formatClinicSpan(appointment.start, appointment.end, appointment.timeZone)}, goes back on the appointment book as
        booked.
      </Text>
      {appointment.noShowFeeRequested && (
        <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />}>
          {restoreFeeWording(staff.role)}
          {feeInvoiceId && seesInvoices && (
            <>
              {' '}
              <Anchor component={Link} to={invoicePath(feeInvoiceId)} size="sm" fw={600}>
                Open the fee’s invoice
              </Anchor>
            </>
          )}
        </Alert>
      )}
      {restore.error && (
        <Alert
          color="red"
          variant="light"
          icon={<IconAlertCircle size={18} />}
          role="alert"
          title={conflict ? 'The time was taken' : undefined}
        >
          {isApiProblem(restore.error) ? restore.error.detail : 'The appointment was not restored. Try again.'}
        </Alert>
      )}
      {conflict && (
        <Checkbox
          label="Allow double booking"
          description="Restore it on top of the other booking. Rooms and equipment are still never double booked."
          checked={allowDoubleBooking}
          onChange={(event) => setAllowDoubleBooking(event.currentTarget.checked)}
        />
      )}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Back
        </Button>
        <Button
          loading={restore.isPending}
          disabled={conflict !== undefined && !allowDoubleBooking}
          onClick={() =>
            restore.mutate(
              { appointmentId: appointment.id, allowDoubleBooking },
              {
                onSuccess: (restored) => {
                  notifications.show({
                    color: 'lagoon',
                    title: 'Appointment restored',
                    message: `${patientName} is back on the appointment book.`,
                  });
                  const { notice, feeInvoiceId: restoredFeeInvoiceId } = restored;
                  if (notice) {
                    const noticeId = `restore-notice-${restored.id}`;
                    notifications.show({
                      id: noticeId,
                      color: 'yellow',
                      title: 'About the no-show fee',
                      message:
                        restoredFeeInvoiceId && seesInvoices ? (
                          <InvoiceNoticeMessage
                            message={notice}
                            onOpen={() => {
                              notifications.hide(noticeId);
                              void navigate(invoicePath(restoredFeeInvoiceId));
                            }}
                          />
                        ) : (
                          notice
                        ),
                      autoClose: false,
                    });
                  }
                  onClose();
                },
              },
            )
          }
        >
          Confirm
        </Button>
      </Group>
    </Stack>
  );
}
