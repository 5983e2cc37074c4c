import type { Invoice } from '@glowdesk/contracts';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { usePayInvoice } from '../api/pay-invoice.ts';
import { formatAmountForInput, formatMoney, parseAmount } from '../../../shared/format/money.ts';
import { describeMoneyProblem, keyAfterFailure } from '../money-problems.ts';
import { useWallet } from '../../wallet/api/get-wallet.ts';
import { readPaymentDraft, walletBalanceLabels, walletFundsOf, type PaymentDraft } from '../payment-draft.ts';
import { cardLabel } from '../payment-labels.ts';
import { MoneyProblemAlert } from './money-problem-alert.tsx';
import { PaymentChoiceFields } from './payment-choice-fields.tsx';

/** Pay: the balance (or part of it) by card on file, a new card, cash or wallet credit. */
export function PayInvoiceModal({ invoice, onClose }: { invoice: Invoice | null; onClose: () => void }) {
  return (
    <Modal
      opened={invoice !== null}
      onClose={onClose}
      title={invoice ? `Take payment for invoice #${invoice.number}` : 'Take payment'}
      size="lg"
      closeOnClickOutside={false}
    >
      {invoice && <PayForm invoice={invoice} onClose={onClose} />}
    </Modal>
  );
}

function amountProblemOf(text: string, balanceCents: number, currency: string): string | undefined {
  const amount = parseAmount(text, currency);
  if (amount.status === 'blank') return 'Enter the amount to pay.';
  if (amount.status === 'invalid') return amount.message;
  if (amount.amountCents <= 0) return 'Pay more than zero.';
  if (amount.amountCents > balanceCents) return `Only ${formatMoney(balanceCents, currency)} is owed.`;
  return undefined;
}

function PayForm({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const currency = invoice.currency;
  const balanceCents = invoice.totals.balanceCents;
  const [amountText, setAmountText] = useState(() => formatAmountForInput(balanceCents, currency));
  const [draft, setDraft] = useState<PaymentDraft>({ method: 'card_on_file', paymentMethodId: null });
  const [showErrors, setShowErrors] = useState(false);
  // One key per attempt: a double click, or a retry after a lost answer, charges once.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const pay = usePayInvoice();
  const wallet = useWallet(invoice.patientId);

  const amount = parseAmount(amountText, currency);
  const amountCents = amount.status === 'valid' ? amount.amountCents : 0;
  const amountProblem = amountProblemOf(amountText, balanceCents, currency);
  const read = readPaymentDraft(draft, amountCents, currency, wallet.data ? walletFundsOf(wallet.data) : undefined);
  // A wallet that holds less than the amount is refused on `amountCents` (400 insufficient_wallet_balance).
  const serverAmountProblem = isApiProblem(pay.error, 400) ? pay.error.messageFor('amountCents') : undefined;
  const retrying = pay.isError && describeMoneyProblem(pay.error, 'payment').retryable;

  function submit() {
    setShowErrors(true);
    if (amountProblem || read.status !== 'ready' || pay.isPending) return;
    pay.mutate(
      {
        invoiceId: invoice.id,
        appointmentId: invoice.appointmentId,
        patientId: invoice.patientId,
        payment: read.payment,
        amountCents,
        currency,
        idempotencyKey,
      },
      {
        onSuccess: ({ payment }) => {
          const change = payment.changeDueCents ? ` Give ${formatMoney(payment.changeDueCents, currency)} change.` : '';
          notifications.show({
            color: 'lagoon',
            title: `${formatMoney(payment.amountCents, currency)} paid`,
            message:
              payment.method === 'cash'
                ? `Cash recorded on invoice #${invoice.number}.${change}`
                : payment.method === 'wallet_credit'
                  ? `Paid from the client’s wallet${draft.method === 'wallet_credit' ? ` (${walletBalanceLabels[draft.balance]})` : ''} on invoice #${invoice.number}.`
                  : `Charged to ${payment.card ? cardLabel(payment.card) : 'the card'} on invoice #${invoice.number}.`,
            autoClose: payment.changeDueCents ? false : 6000,
          });
          onClose();
        },
        onError: (error) => {
          // A declined card ended that attempt: another card (or cash) is a new attempt with its own key.
          if (keyAfterFailure(error) === 'renew') {
            setIdempotencyKey(crypto.randomUUID());
            if (draft.method === 'new_card') setDraft({ method: 'new_card', entered: null });
          }
        },
      },
    );
  }

  const submitLabel = retrying
    ? 'Try again'
    : amountCents > 0 && !amountProblem
      ? draft.method === 'cash'
        ? `Record ${formatMoney(amountCents, currency)} cash`
        : draft.method === 'wallet_credit'
          ? `Pay ${formatMoney(amountCents, currency)} from the wallet`
          : `Charge ${formatMoney(amountCents, currency)}`
      : 'Take payment';

  return (
    <Stack gap="md">
      <Text size="sm">
        {invoice.patient ? `${invoice.patient.firstName} ${invoice.patient.lastName} owes` : 'Balance due:'}{' '}
        <Text span fw={700}>
          {formatMoney(balanceCents, currency)}
        </Text>{' '}
        on this invoice ({invoice.kindLabel}).
      </Text>
      <TextInput
        label="Amount to pay"
        description="The whole balance, or part of it."
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
        required
      />
      <PaymentChoiceFields
        patientId={invoice.patientId}
        currency={currency}
        amountDueCents={amountCents}
        value={draft}
        onChange={setDraft}
        error={showErrors && read.status === 'invalid' ? read.message : undefined}
        wallet={wallet}
      />
      {!serverAmountProblem && <MoneyProblemAlert error={pay.error} action="payment" />}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          Back
        </Button>
        <Button loading={pay.isPending} onClick={submit}>
          {submitLabel}
        </Button>
      </Group>
    </Stack>
  );
}
