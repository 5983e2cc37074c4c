import type { PaymentMethod } from '@glowdesk/contracts';
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { cardLabel } from '../../shared/format/card-label.ts';
import { useEditCard } from '../api/portal-payments.ts';

const months = Array.from({ length: 12 }, (_, index) => {
  const month = index + 1;
  const name = new Date(Date.UTC(2000, index, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
  return { value: String(month), label: `${String(month).padStart(2, '0')} · ${name}` };
});

/**
 * Edit: the expiry of a reissued card (same number, new date), changed at the payment gateway.
 * A card with a new number is a new card: it is added, not edited.
 */
export function EditCardModal({ slug, card, onClose }: { slug: string; card: PaymentMethod; onClose: () => void }) {
  const edit = useEditCard(slug);
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 21 }, (_, index) => String(thisYear + index));
  if (!years.includes(String(card.expYear))) years.unshift(String(card.expYear));
  const [expMonth, setExpMonth] = useState(String(card.expMonth));
  const [expYear, setExpYear] = useState(String(card.expYear));
  const problem = isApiProblem(edit.error) ? edit.error : undefined;
  const fieldError = (field: string) => (problem?.field === field ? problem.detail : undefined);

  return (
    <Modal opened onClose={onClose} title={`Edit ${cardLabel(card)}`} centered>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          edit.mutate(
            { paymentMethodId: card.id, expiry: { expMonth: Number(expMonth), expYear: Number(expYear) } },
            { onSuccess: onClose },
          );
        }}
      >
        <Stack gap="sm">
          <Text size="sm">
            Your bank sent a new card with the same number? Enter its new expiry date. For a card with a different number, add it as a new
            payment method.
          </Text>
          <Group grow align="flex-start">
            <NativeSelect
              label="Expiry month"
              data={months}
              value={expMonth}
              onChange={(event) => setExpMonth(event.currentTarget.value)}
              error={fieldError('expMonth')}
            />
            <NativeSelect
              label="Expiry year"
              data={years}
              value={expYear}
              onChange={(event) => setExpYear(event.currentTarget.value)}
              error={fieldError('expYear')}
            />
          </Group>
          {problem && !problem.field?.startsWith('exp') && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} role="alert">
              {problem.detail}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={edit.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
