import { Badge, Button, Checkbox, Group, Paper, Radio, Stack, Text } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconCreditCard } from '@tabler/icons-react';
import { useCallback } from 'react';
import { brandName } from '../../../../shared/format/card-label.ts';
import { usePaymentMethods } from '../../../patients/api/get-payment-methods.ts';
import { CardEntryFrame, type GatewayCard } from '../card-entry-frame.tsx';
import type { BookingFormValues } from './booking-form-values.ts';

/** "Enter Credit Card Details": re-confirm a saved card or enter a new one, for any fee this booking may incur. */
export function CardFields({ form }: { form: UseFormReturnType<BookingFormValues> }) {
  const { enterCard, card, patient } = form.values;
  const savedCards = usePaymentMethods(enterCard && patient ? patient.id : undefined);
  const cards = savedCards.data ?? [];
  const { setFieldValue } = form;
  const onCard = useCallback((entered: GatewayCard) => setFieldValue('card', { source: 'new', entered }), [setFieldValue]);

  return (
    <Stack gap="xs">
      <Checkbox
        label="Enter Credit Card Details"
        description="Needed for every in-office booking that may be charged a cancellation, rescheduling or no-show fee — even when a card is already on file."
        {...form.getInputProps('enterCard', { type: 'checkbox' })}
      />
      {enterCard && (
        <Paper withBorder radius="md" p="sm">
          <Stack gap="sm">
            <Group gap={6}>
              <IconCreditCard size={18} stroke={1.6} aria-hidden="true" />
              <Text size="sm" fw={600}>
                Card for this booking
              </Text>
            </Group>
            {cards.length > 0 && (
              <Radio.Group
                aria-label="Card for this booking"
                value={card.source === 'saved' ? card.paymentMethodId : 'new'}
                onChange={(value) =>
                  form.setFieldValue(
                    'card',
                    value === 'new' ? { source: 'new', entered: null } : { source: 'saved', paymentMethodId: value },
                  )
                }
              >
                <Stack gap={6}>
                  {cards.map((saved) => (
                    <Radio
                      key={saved.id}
                      value={saved.id}
                      label={`Re-confirm ${brandName(saved.brand)} •••• ${saved.last4} (expires ${String(saved.expMonth).padStart(2, '0')}/${String(saved.expYear).slice(-2)})`}
                    />
                  ))}
                  <Radio value="new" label="Enter a new card" />
                </Stack>
              </Radio.Group>
            )}
            {card.source === 'new' &&
              (card.entered ? (
                <Group justify="space-between">
                  <Badge size="lg" variant="light" color="lagoon" tt="none" leftSection={<IconCreditCard size={14} />}>
                    {brandName(card.entered.card.brand)} •••• {card.entered.card.last4} ready
                  </Badge>
                  <Button size="xs" variant="subtle" onClick={() => form.setFieldValue('card', { source: 'new', entered: null })}>
                    Use a different card
                  </Button>
                </Group>
              ) : (
                <CardEntryFrame onCard={onCard} />
              ))}
            {!patient && (
              <Text size="xs" c="dimmed">
                The new patient’s profile is saved first, then the card, then the booking.
              </Text>
            )}
            {form.errors.card && (
              <Text size="xs" c="red" role="alert">
                {form.errors.card}
              </Text>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
