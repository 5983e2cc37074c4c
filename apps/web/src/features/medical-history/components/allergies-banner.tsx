import { allergySeverityLabels } from '@glowdesk/contracts';
import { Alert, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMedicalHistory } from '../api/medical-history-api.ts';

/**
 * The patient's allergies above a chart, read-only, so the provider sees them before
 * treating. Says so when none are recorded, and stays quiet while the history loads or when
 * it cannot be read (the chart itself reports its own errors).
 */
export function AllergiesBanner({ patientId }: { patientId: string }) {
  const history = useMedicalHistory(patientId);
  if (!history.data) return null;
  const { allergies, needsReview } = history.data;
  if (allergies.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="allergies-banner">
        Allergies: none recorded{needsReview ? ' (the patient changed their medical history; review it on the client profile)' : ''}.
      </Text>
    );
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="Allergies" data-testid="allergies-banner" py="xs">
      <Group gap="md" wrap="wrap">
        {allergies.map((allergy, index) => (
          <Text key={index} size="sm">
            <Text span fw={700} size="sm">
              {allergy.substance}
            </Text>
            {` — ${[allergy.reaction, allergySeverityLabels[allergy.severity].toLowerCase()].filter(Boolean).join(', ')}`}
          </Text>
        ))}
      </Group>
      {needsReview && (
        <Text size="xs" mt={4}>
          The patient changed their medical history in the portal; review it on the client profile.
        </Text>
      )}
    </Alert>
  );
}
