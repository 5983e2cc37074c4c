import { Button, Radio, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { BookingCatalog } from '../api/booking-catalog.ts';
import { providersFor, type TreatmentSummary } from '../booking-choices.ts';
import { StepPage } from '../layout/step-page.tsx';

interface ProviderStepProps {
  position: number;
  count: number;
  onBack?: (() => void) | undefined;
  catalog: BookingCatalog;
  clinicId: string;
  summary: TreatmentSummary;
  /** Null: any provider; undefined: not chosen yet. */
  chosen: string | null | undefined;
  onChoose: (providerId: string | null) => void;
}

const ANY = 'any';

/** A provider who performs every chosen service at the clinic, or "Any provider" (the most open times). */
export function ProviderStep({ position, count, onBack, catalog, clinicId, summary, chosen, onChoose }: ProviderStepProps) {
  const providers = providersFor(catalog, clinicId, summary.serviceIds);
  const [value, setValue] = useState<string>(chosen ?? ANY);
  const options = [
    { value: ANY, label: 'Any provider', hint: 'The first provider free at the time you choose.' },
    ...providers.map((provider) => ({ value: provider.id, label: provider.displayName, hint: undefined })),
  ];
  return (
    <StepPage title="Choose a provider" position={position} count={count} onBack={onBack}>
      <Radio.Group value={value} onChange={setValue} label="Provider" labelProps={{ className: 'book-visually-hidden' }}>
        <Stack gap="xs">
          {options.map((option) => (
            <Radio.Card key={option.value} value={option.value} className="book-choice" radius="md" aria-label={option.label}>
              <div style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
                <Radio.Indicator mt={2} />
                <div>
                  <Text fw={600}>{option.label}</Text>
                  {option.hint && (
                    <Text size="sm" c="dimmed">
                      {option.hint}
                    </Text>
                  )}
                </div>
              </div>
            </Radio.Card>
          ))}
        </Stack>
      </Radio.Group>
      <div className="book-actions">
        <Button size="md" fullWidth onClick={() => onChoose(value === ANY ? null : value)}>
          Continue
        </Button>
      </div>
    </StepPage>
  );
}
