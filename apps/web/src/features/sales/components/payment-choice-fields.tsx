import { Alert, Badge, Button, Group, Radio, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import type { Wallet } from '@glowdesk/contracts';
import { IconAlertCircle, IconCash, IconCreditCard } from '@tabler/icons-react';
import { useCallback, useEffect } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { CardEntryFrame, type GatewayCard } from '../../appointments/components/card-entry-frame.tsx';
import { usePaymentMethods } from '../../patients/api/get-payment-methods.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { cardLabel } from '../payment-labels.ts';
import { readPaymentDraft, walletFundsOf, type PaymentDraft } from '../payment-draft.ts';

/** The patient's wallet as the dialog loaded it (the same query the client profile's Wallet card reads). */
export interface WalletState {
  data: Wallet | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

interface PaymentChoiceFieldsProps {
  patientId: string;
  currency: string;
  /** What this payment is for: cash handed over is checked against it and the change worked out. */
  amountDueCents: number;
  value: PaymentDraft;
  onChange: (draft: PaymentDraft) => void;
  /** Why the payment cannot be sent yet (shown once the user tried). */
  error: string | undefined;
  /** The patient's wallet: its dollar credits or rewards can pay too. */
  wallet: WalletState;
}

/** How the patient pays: a card on file, a new card through the gateway's own form, cash, or wallet credit. */
export function PaymentChoiceFields({ patientId, currency, amountDueCents, value, onChange, error, wallet }: PaymentChoiceFieldsProps) {
  const cards = usePaymentMethods(patientId);
  const savedCards = cards.data ?? [];
  const defaultCard = savedCards.find((card) => card.isDefault) ?? savedCards[0];

  // Start on the patient's default card once the cards are known; with none on file, on a new card.
  useEffect(() => {
    if (value.method !== 'card_on_file' || value.paymentMethodId !== null || !cards.isSuccess) return;
    onChange(defaultCard ? { method: 'card_on_file', paymentMethodId: defaultCard.id } : { method: 'new_card', entered: null });
  }, [value, cards.isSuccess, defaultCard, onChange]);

  const onCard = useCallback((entered: GatewayCard) => onChange({ method: 'new_card', entered }), [onChange]);
  const read = value.method === 'cash' ? readPaymentDraft(value, amountDueCents, currency) : undefined;
  const funds = wallet.data ? walletFundsOf(wallet.data) : undefined;

  return (
    <Stack gap="sm">
      <Radio.Group
        label="Payment"
        value={value.method}
        onChange={(method) => {
          if (method === 'card_on_file') onChange({ method, paymentMethodId: defaultCard?.id ?? null });
          if (method === 'new_card') onChange({ method, entered: null });
          if (method === 'cash') onChange({ method, tendered: '' });
          if (method === 'wallet_credit')
            onChange({ method, balance: funds && funds.credits === 0 && funds.rewards > 0 ? 'rewards' : 'credits' });
        }}
      >
        <Group gap="lg" mt={6}>
          <Radio value="card_on_file" label="Card on file" disabled={cards.isSuccess && savedCards.length === 0} />
          <Radio value="new_card" label="New card" />
          <Radio value="cash" label="Cash" />
          <Radio value="wallet_credit" label="Wallet" disabled={funds !== undefined && funds.credits === 0 && funds.rewards === 0} />
        </Group>
      </Radio.Group>
      {funds && funds.credits === 0 && funds.rewards === 0 && value.method !== 'wallet_credit' && (
        <Text size="xs" c="dimmed" mt={-6}>
          The client’s wallet holds no dollar credits or rewards.
        </Text>
      )}

      {value.method === 'card_on_file' &&
        (cards.isPending ? (
          <Skeleton height={56} radius="md" aria-label="Loading cards on file" />
        ) : cards.isError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {isApiProblem(cards.error) ? cards.error.detail : 'The cards on file could not be loaded.'} Choose a new card or cash instead.
          </Alert>
        ) : (
          <Radio.Group
            aria-label="Card on file"
            value={value.paymentMethodId}
            onChange={(paymentMethodId) => onChange({ method: 'card_on_file', paymentMethodId })}
          >
            <Stack gap={6}>
              {savedCards.map((card) => (
                <Radio
                  key={card.id}
                  value={card.id}
                  label={
                    <Group gap={6} component="span">
                      <span>
                        {cardLabel(card)} (expires {String(card.expMonth).padStart(2, '0')}/{String(card.expYear).slice(-2)})
                      </span>
                      {card.isDefault && (
                        <Badge size="xs" variant="light" tt="none">
                          Default
                        </Badge>
                      )}
                    </Group>
                  }
                />
              ))}
            </Stack>
          </Radio.Group>
        ))}

      {value.method === 'new_card' &&
        (value.entered ? (
          <Group gap="sm">
            <Badge size="lg" variant="light" color="lagoon" tt="none" leftSection={<IconCreditCard size={14} />}>
              {cardLabel(value.entered.card)} ready
            </Badge>
            <Button size="xs" variant="subtle" onClick={() => onChange({ method: 'new_card', entered: null })}>
              Use a different card
            </Button>
          </Group>
        ) : (
          <Stack gap={4}>
            <CardEntryFrame onCard={onCard} />
            <Text size="xs" c="dimmed">
              The new card is saved to the patient’s cards on file, then charged.
            </Text>
          </Stack>
        ))}

      {value.method === 'cash' && (
        <Group align="flex-end" gap="md">
          <TextInput
            label="Cash handed over"
            description={`Leave empty for exactly ${formatMoney(amountDueCents, currency)}.`}
            value={value.tendered}
            onChange={(event) => onChange({ method: 'cash', tendered: event.currentTarget.value })}
            leftSection={<IconCash size={16} stroke={1.6} />}
            rightSection={
              <Text size="xs" c="dimmed">
                {currency}
              </Text>
            }
            rightSectionWidth={44}
            inputMode="decimal"
            w={220}
          />
          {read?.status === 'ready' && read.changeDueCents !== null && read.changeDueCents > 0 && (
            <Text size="sm" fw={600} pb={8}>
              Change due: {formatMoney(read.changeDueCents, currency)}
            </Text>
          )}
        </Group>
      )}

      {value.method === 'wallet_credit' &&
        (wallet.isPending ? (
          <Skeleton height={56} radius="md" aria-label="Loading the client’s wallet" />
        ) : !funds ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert">
            {isApiProblem(wallet.error) ? wallet.error.detail : 'The client’s wallet could not be loaded.'} Choose a card or cash instead.
          </Alert>
        ) : (
          <Radio.Group
            label="Pay from"
            description={`Paid at once from the wallet: ${formatMoney(amountDueCents, currency)}.`}
            value={value.balance}
            onChange={(balance) => onChange({ method: 'wallet_credit', balance: balance === 'rewards' ? 'rewards' : 'credits' })}
          >
            <Stack gap={6} mt={6}>
              <Radio
                value="credits"
                label={`Dollar credits: ${formatMoney(funds.credits, funds.currency)} available`}
                disabled={funds.credits === 0 && value.balance !== 'credits'}
              />
              <Radio
                value="rewards"
                label={`Rewards: ${formatMoney(funds.rewards, funds.currency)} available`}
                disabled={funds.rewards === 0 && value.balance !== 'rewards'}
              />
            </Stack>
          </Radio.Group>
        ))}

      {error && (
        <Text size="sm" c="red.7" role="alert">
          {error}
        </Text>
      )}
    </Stack>
  );
}
