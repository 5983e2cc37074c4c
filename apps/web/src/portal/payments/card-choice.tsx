import type { PaymentMethod } from '@glowdesk/contracts';
import { Button, Group, Radio, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useCallback, useState } from 'react';
import { cardExpiry, cardLabel } from '../../shared/format/card-label.ts';
import { AddCardPanel } from './add-card-panel.tsx';

/**
 * The patient's cards on file to choose one from, and "Add a new card" (the gateway's form),
 * whose card is chosen once it is saved. Named by `label`, or by the heading `labelledBy`.
 */
export function CardChoice({
  slug,
  cards,
  value,
  onChange,
  label,
  labelledBy,
  noteFor,
}: {
  slug: string;
  cards: readonly PaymentMethod[];
  value: string | null;
  onChange: (paymentMethodId: string) => void;
  label?: string;
  labelledBy?: string;
  /** A few words after a card's name and expiry ("on this membership now"). */
  noteFor?: (card: PaymentMethod) => string | undefined;
}) {
  const [adding, setAdding] = useState(false);
  // Stable while `onChange` is (a state setter): the gateway's form keeps its frame.
  const onSaved = useCallback(
    (card: PaymentMethod) => {
      onChange(card.id);
      setAdding(false);
    },
    [onChange],
  );
  return (
    <>
      {cards.length > 0 && (
        <Radio.Group aria-label={label} aria-labelledby={labelledBy} value={value} onChange={onChange}>
          <Stack gap={6}>
            {cards.map((card) => {
              const note = noteFor?.(card);
              return (
                <Radio
                  key={card.id}
                  value={card.id}
                  label={`${cardLabel(card)} (expires ${cardExpiry(card)})${note ? ` · ${note}` : ''}`}
                />
              );
            })}
          </Stack>
        </Radio.Group>
      )}
      {adding ? (
        <AddCardPanel slug={slug} title="Add a card" makeDefault={cards.length === 0} onSaved={onSaved} onCancel={() => setAdding(false)} />
      ) : (
        <Group>
          <Button variant="default" size="sm" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)}>
            Add a new card
          </Button>
        </Group>
      )}
    </>
  );
}
