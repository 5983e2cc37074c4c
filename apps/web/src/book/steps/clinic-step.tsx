import { Stack, Text, UnstyledButton } from '@mantine/core';
import { IconMapPin } from '@tabler/icons-react';
import type { BookableClinic } from '../api/booking-catalog.ts';
import { StepPage } from '../layout/step-page.tsx';

interface ClinicStepProps {
  position: number;
  count: number;
  onBack?: (() => void) | undefined;
  clinics: BookableClinic[];
  chosenId: string | undefined;
  onChoose: (clinic: BookableClinic) => void;
}

/** Which of the practice's clinics the visit is at. */
export function ClinicStep({ position, count, onBack, clinics, chosenId, onChoose }: ClinicStepProps) {
  return (
    <StepPage title="Choose a location" position={position} count={count} onBack={onBack}>
      <Stack gap="sm" component="ul" aria-label="Locations" p={0} m={0} style={{ listStyle: 'none' }}>
        {clinics.map((clinic) => (
          <li key={clinic.id}>
            <UnstyledButton
              className="book-choice"
              data-checked={clinic.id === chosenId || undefined}
              onClick={() => onChoose(clinic)}
              data-book-choice
            >
              <Text fw={600}>{clinic.name}</Text>
              {clinic.address && (
                <Text size="sm" c="dimmed" mt={2} style={{ display: 'flex', gap: 4, alignItems: 'flex-start' }}>
                  <IconMapPin size={16} aria-hidden="true" style={{ flexShrink: 0, marginTop: 2 }} />
                  {clinic.address}
                </Text>
              )}
            </UnstyledButton>
          </li>
        ))}
      </Stack>
    </StepPage>
  );
}
