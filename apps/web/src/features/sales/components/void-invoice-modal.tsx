import type { Invoice } from '@glowdesk/contracts';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { useVoidInvoice } from '../api/void-invoice.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { MoneyProblemAlert } from './money-problem-alert.tsx';

/** Void, with a reason: for an invoice nothing was paid on (a forgiven fee, a checkout to redo). */
export function VoidInvoiceModal({ invoice, onClose }: { invoice: Invoice | null; onClose: () => void }) {
  return (
    <Modal opened={invoice !== null} onClose={onClose} title={invoice ? `Void invoice #${invoice.number}?` : 'Void invoice?'} size="md">
      {invoice && <VoidForm invoice={invoice} onClose={onClose} />}
    </Modal>
  );
}

function VoidForm({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  const voidInvoice = useVoidInvoice();
  const reasonProblem = reason.trim() ? undefined : 'Give a reason for voiding the invoice.';
  const serverReasonProblem = isApiProblem(voidInvoice.error, 400) ? voidInvoice.error.messageFor('reason') : undefined;

  function submit() {
    setShowErrors(true);
    if (reasonProblem || voidInvoice.isPending) return;
    voidInvoice.mutate(
      { invoiceId: invoice.id, appointmentId: invoice.appointmentId, reason: reason.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'lagoon', title: `Invoice #${invoice.number} voided`, message: 'Nothing is owed on it any more.' });
          onClose();
        },
      },
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm">
        Nothing is owed on a void invoice: the {formatMoney(invoice.totals.totalCents, invoice.currency)} {invoice.kindLabel.toLowerCase()}{' '}
        will no longer be collected. The invoice stays in Sales, marked void, with your reason.
        {invoice.kind === 'service' ? ' The appointment can then be checked out again.' : ''}
      </Text>
      <Textarea
        label="Reason"
        placeholder="e.g. Fee waived: the patient called ahead"
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={(showErrors && reasonProblem) || serverReasonProblem}
        maxLength={500}
        autosize
        minRows={2}
        required
        data-autofocus
      />
      {!serverReasonProblem && <MoneyProblemAlert error={voidInvoice.error} action="void" />}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Back
        </Button>
        <Button color="red" loading={voidInvoice.isPending} onClick={submit}>
          Void invoice
        </Button>
      </Group>
    </Stack>
  );
}
