import type { Invoice } from '@glowdesk/contracts';
import { Button, Group, Modal, Radio, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { formatClinicDate } from '../../appointments/clinic-time.ts';
import { useRefundInvoice } from '../api/refund-invoice.ts';
import { formatAmountForInput, formatMoney, parseAmount } from '../../../shared/format/money.ts';
import { describeMoneyProblem, keyAfterFailure } from '../money-problems.ts';
import { paymentSourceLabel } from '../payment-labels.ts';
import { refundablePayments, refundAmountProblem } from '../refund-limits.ts';
import { MoneyProblemAlert } from './money-problem-alert.tsx';

interface RefundInvoiceModalProps {
  invoice: Invoice | null;
  timeZone: string;
  onClose: () => void;
}

/** Refund: all or part of one payment, with a reason. */
export function RefundInvoiceModal({ invoice, timeZone, onClose }: RefundInvoiceModalProps) {
  return (
    <Modal opened={invoice !== null} onClose={onClose} title={invoice ? `Refund invoice #${invoice.number}` : 'Refund'} size="md">
      {invoice && <RefundForm invoice={invoice} timeZone={timeZone} onClose={onClose} />}
    </Modal>
  );
}

function RefundForm({ invoice, timeZone, onClose }: { invoice: Invoice; timeZone: string; onClose: () => void }) {
  const payments = refundablePayments(invoice.payments);
  const [paymentId, setPaymentId] = useState(payments[0]?.id ?? '');
  const [scope, setScope] = useState<'full' | 'partial'>('full');
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [showErrors, setShowErrors] = useState(false);
  // One key per opening of the dialog: a double click, or a retry after a lost answer, refunds once.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const refund = useRefundInvoice();

  const payment = payments.find((candidate) => candidate.id === paymentId) ?? payments[0];
  if (!payment) {
    return (
      <Stack gap="md">
        <Text size="sm">Nothing paid on this invoice is left to refund.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Close
          </Button>
        </Group>
      </Stack>
    );
  }

  const currency = invoice.currency;
  const limit = payment.refundableCents;
  const parsed = scope === 'full' ? ({ status: 'valid', amountCents: limit } as const) : parseAmount(amountText, currency);
  const amountProblem = refundAmountProblem(parsed, limit, currency);
  const reasonProblem = reason.trim() ? undefined : 'Give a reason for the refund.';
  const serverAmountProblem = isApiProblem(refund.error, 400) ? refund.error.messageFor('amountCents') : undefined;
  const serverReasonProblem = isApiProblem(refund.error, 400) ? refund.error.messageFor('reason') : undefined;
  const placedOnField = serverAmountProblem !== undefined || serverReasonProblem !== undefined;
  const amountCents = parsed.status === 'valid' ? parsed.amountCents : 0;
  // The outcome of the last try is unknown: the retry must send the very same refund under the same key.
  const retrying = refund.isError && describeMoneyProblem(refund.error, 'refund').retryable;
  const source = paymentSourceLabel(payment);

  function submit() {
    setShowErrors(true);
    if (amountProblem || reasonProblem || refund.isPending) return;
    refund.mutate(
      {
        invoiceId: invoice.id,
        appointmentId: invoice.appointmentId,
        paymentId: payment?.id ?? '',
        amountCents,
        currency,
        reason: reason.trim(),
        idempotencyKey,
      },
      {
        onSuccess: ({ refund: done }) => {
          notifications.show({
            color: 'lagoon',
            title: `${formatMoney(done.amountCents, done.currency)} refunded`,
            message:
              done.method === 'cash'
                ? `Recorded as cash handed back on invoice #${invoice.number}.`
                : `Refunded to ${source} on invoice #${invoice.number}${done.gatewayRefundId ? ` (gateway refund ${done.gatewayRefundId})` : ''}.`,
          });
          onClose();
        },
        onError: (error) => {
          if (keyAfterFailure(error) === 'renew') setIdempotencyKey(crypto.randomUUID());
        },
      },
    );
  }

  return (
    <Stack gap="md">
      <Text size="sm">
        Money goes back the way it was paid: a card refund is sent to the card through the payment gateway; a cash refund is recorded as
        cash handed back.
      </Text>
      {payments.length > 1 ? (
        <Radio.Group label="Payment to refund" value={payment.id} onChange={setPaymentId} readOnly={retrying}>
          <Stack gap={6} mt={6}>
            {payments.map((candidate) => (
              <Radio
                key={candidate.id}
                value={candidate.id}
                label={`${paymentSourceLabel(candidate)}, ${formatClinicDate(candidate.createdAt, timeZone)}: ${formatMoney(candidate.refundableCents, currency)} left of ${formatMoney(candidate.amountCents, currency)}`}
              />
            ))}
          </Stack>
        </Radio.Group>
      ) : (
        <Text size="sm" c="dimmed">
          Paid {formatMoney(payment.amountCents, currency)} by {source} on {formatClinicDate(payment.createdAt, timeZone)};{' '}
          {formatMoney(limit, currency)} left to refund.
        </Text>
      )}
      <Radio.Group
        label="Amount"
        value={scope}
        onChange={(value) => setScope(value === 'partial' ? 'partial' : 'full')}
        readOnly={retrying}
      >
        <Stack gap={6} mt={6}>
          <Radio value="full" label={`Full refund: ${formatMoney(limit, currency)}`} />
          <Radio value="partial" label="Partial refund" />
        </Stack>
      </Radio.Group>
      {scope === 'partial' && (
        <TextInput
          label="Amount to refund"
          description={`At most ${formatMoney(limit, currency)}.`}
          placeholder={formatAmountForInput(limit, currency)}
          value={amountText}
          onChange={(event) => setAmountText(event.currentTarget.value)}
          error={(showErrors && amountProblem) || serverAmountProblem}
          rightSection={
            <Text size="xs" c="dimmed">
              {currency}
            </Text>
          }
          rightSectionWidth={44}
          inputMode="decimal"
          w={240}
          readOnly={retrying}
          data-autofocus
          required
        />
      )}
      {scope === 'full' && showErrors && serverAmountProblem && (
        <Text size="sm" c="red.7" role="alert">
          {serverAmountProblem}
        </Text>
      )}
      <Textarea
        label="Reason"
        description="Kept on the invoice’s history and the audit log."
        placeholder="e.g. Restored no-show: the patient came after all"
        value={reason}
        onChange={(event) => setReason(event.currentTarget.value)}
        error={(showErrors && reasonProblem) || serverReasonProblem}
        maxLength={500}
        autosize
        minRows={2}
        required
      />
      {!placedOnField && <MoneyProblemAlert error={refund.error} action="refund" />}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Back
        </Button>
        <Button color="red" loading={refund.isPending} onClick={submit}>
          {retrying ? 'Try again' : amountCents > 0 && !amountProblem ? `Refund ${formatMoney(amountCents, currency)}` : 'Refund'}
        </Button>
      </Group>
    </Stack>
  );
}
