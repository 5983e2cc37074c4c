import type { Wallet, WalletMoneyBalance } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, SegmentedControl, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { formatMoney, parseAmount } from '../../../shared/format/money.ts';
import { useChangeWalletCredit } from '../api/change-wallet-credit.ts';

const balanceLabels: Record<WalletMoneyBalance, string> = { credits: 'Dollar credits', rewards: 'Rewards' };

/**
 * Adds or removes wallet credit with a reason. A removal asks once more before it is made:
 * it cannot be undone (the ledger keeps it; a new credit puts money back).
 */
export function WalletCreditModal({
  wallet,
  patientName,
  direction,
  onClose,
}: {
  wallet: Wallet;
  patientName: string;
  direction: 'add' | 'remove';
  onClose: () => void;
}) {
  const change = useChangeWalletCredit();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [balance, setBalance] = useState<WalletMoneyBalance>('credits');
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState('');
  const [errors, setErrors] = useState<{ amount?: string; reason?: string; expiresOn?: string }>({});
  const [confirming, setConfirming] = useState<number | null>(null);
  const currency = wallet.currency;
  const available = balance === 'credits' ? wallet.credits.balanceCents : wallet.rewards.balanceCents;
  const serverError = change.error;
  const fieldError = (field: string) => (isApiProblem(serverError) ? serverError.messageFor(field) : undefined);
  const title = direction === 'add' ? `Add credit for ${patientName}` : `Remove credit from ${patientName}`;

  const validate = (): number | null => {
    const parsed = parseAmount(amountText, currency);
    const next: typeof errors = {};
    let amountCents: number | null = null;
    if (parsed.status === 'blank') next.amount = 'Enter an amount.';
    else if (parsed.status === 'invalid') next.amount = parsed.message;
    else if (parsed.amountCents <= 0) next.amount = 'Enter an amount above zero.';
    else if (direction === 'remove' && parsed.amountCents > available)
      next.amount = `Only ${formatMoney(available, currency)} of ${balanceLabels[balance].toLowerCase()} can be removed.`;
    else amountCents = parsed.amountCents;
    if (reason.trim() === '') next.reason = 'Give a reason; it is kept with the entry.';
    if (direction === 'add' && expiresOn !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(expiresOn)) next.expiresOn = 'Pick a date.';
    setErrors(next);
    return Object.keys(next).length === 0 ? amountCents : null;
  };

  const submit = (amountCents: number) =>
    change.mutate(
      {
        patientId: wallet.patientId,
        direction,
        balance,
        amountCents,
        currency,
        reason: reason.trim(),
        expiresOn: direction === 'add' && expiresOn !== '' ? expiresOn : undefined,
        idempotencyKey,
      },
      { onSuccess: onClose },
    );

  return (
    <Modal opened onClose={onClose} title={title} centered>
      {confirming !== null ? (
        <Stack>
          <Text>
            Remove <strong>{formatMoney(confirming, currency)}</strong> of {balanceLabels[balance].toLowerCase()} from {patientName}’s
            wallet? The removal is recorded with your reason and cannot be undone.
          </Text>
          {serverError && (
            <Alert color="red" variant="light" role="alert">
              {serverError instanceof Error ? serverError.message : 'The credit was not removed.'}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Back
            </Button>
            <Button color="red" loading={change.isPending} onClick={() => submit(confirming)}>
              Remove {formatMoney(confirming, currency)}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const amountCents = validate();
            if (amountCents === null) return;
            if (direction === 'remove') setConfirming(amountCents);
            else submit(amountCents);
          }}
        >
          <Stack>
            <SegmentedControl
              aria-label="Balance"
              value={balance}
              onChange={(value) => setBalance(value === 'rewards' ? 'rewards' : 'credits')}
              data={[
                { value: 'credits', label: balanceLabels.credits },
                { value: 'rewards', label: balanceLabels.rewards },
              ]}
            />
            {direction === 'remove' && (
              <Text size="sm" c="dimmed">
                Available: {formatMoney(available, currency)}. Credit that expires soonest is removed first.
              </Text>
            )}
            <TextInput
              label={`Amount (${currency})`}
              inputMode="decimal"
              placeholder="50.00"
              required
              value={amountText}
              onChange={(event) => setAmountText(event.currentTarget.value)}
              error={errors.amount ?? fieldError('amountCents')}
              data-autofocus
            />
            <Textarea
              label="Reason"
              placeholder={direction === 'add' ? 'Goodwill, refund to credit…' : 'Added by mistake…'}
              required
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={errors.reason ?? fieldError('reason')}
            />
            {direction === 'add' && (
              <TextInput
                label="Expires after"
                description="The last day the credit counts. Leave empty for never."
                type="date"
                value={expiresOn}
                onChange={(event) => setExpiresOn(event.currentTarget.value)}
                error={errors.expiresOn ?? fieldError('expiresOn')}
              />
            )}
            {serverError && !fieldError('amountCents') && !fieldError('reason') && !fieldError('expiresOn') && (
              <Alert color="red" variant="light" role="alert">
                {serverError instanceof Error ? serverError.message : 'The wallet was not changed.'}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" color={direction === 'remove' ? 'red' : undefined} loading={change.isPending}>
                {direction === 'add' ? 'Add credit' : 'Remove credit'}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
