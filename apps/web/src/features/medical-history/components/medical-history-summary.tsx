import { allergySeverityLabels, pregnancyStatusLabels, type AllergySeverity, type MedicalHistoryContent } from '@glowdesk/contracts';
import { Badge, Group, List, SimpleGrid, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';

export const severityColors: Record<AllergySeverity, string> = { mild: 'yellow', moderate: 'orange', severe: 'red', unknown: 'gray' };

function Section({ title, empty, children }: { title: string; empty: boolean; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase" style={{ letterSpacing: '0.03em' }} mb={4}>
        {title}
      </Text>
      {empty ? (
        <Text size="sm" c="dimmed">
          None recorded
        </Text>
      ) : (
        children
      )}
    </div>
  );
}

/** A medical history, read-only: each list, the pregnancy status and the notes. */
export function MedicalHistorySummary({ content }: { content: MedicalHistoryContent }) {
  const { allergies, medications, conditions, previousTreatments, pregnancy, notes } = content;
  return (
    <Stack gap="sm">
      <Section title="Allergies" empty={allergies.length === 0}>
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {allergies.map((allergy, index) => (
            <Group key={index} component="li" gap="xs" wrap="wrap">
              <Text size="sm" fw={600}>
                {allergy.substance}
              </Text>
              <Badge size="sm" variant="light" color={severityColors[allergy.severity]}>
                {allergySeverityLabels[allergy.severity]}
              </Badge>
              {allergy.reaction && (
                <Text size="sm" c="dimmed">
                  {allergy.reaction}
                </Text>
              )}
            </Group>
          ))}
        </Stack>
      </Section>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Section title="Medications" empty={medications.length === 0}>
          <List size="sm" spacing={2}>
            {medications.map((medication, index) => (
              <List.Item key={index}>
                <Text span size="sm" fw={600}>
                  {medication.name}
                </Text>
                {[medication.dose, medication.frequency].some(Boolean) &&
                  ` — ${[medication.dose, medication.frequency].filter(Boolean).join(', ')}`}
              </List.Item>
            ))}
          </List>
        </Section>
        <Section title="Conditions" empty={conditions.length === 0}>
          <List size="sm" spacing={2}>
            {conditions.map((condition, index) => (
              <List.Item key={index}>{condition}</List.Item>
            ))}
          </List>
        </Section>
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <Section title="Previous treatments" empty={previousTreatments.length === 0}>
          <List size="sm" spacing={2}>
            {previousTreatments.map((treatment, index) => (
              <List.Item key={index}>
                <Text span size="sm" fw={600}>
                  {treatment.treatment}
                </Text>
                {treatment.when && ` (${treatment.when})`}
                {treatment.notes && ` — ${treatment.notes}`}
              </List.Item>
            ))}
          </List>
        </Section>
        <Section title="Pregnancy" empty={false}>
          <Text size="sm">
            {pregnancyStatusLabels[pregnancy.status]}
            {pregnancy.dueDate && `, due ${formatCalendarDate(pregnancy.dueDate)}`}
          </Text>
        </Section>
      </SimpleGrid>
      {notes && (
        <Section title="Notes" empty={false}>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {notes}
          </Text>
        </Section>
      )}
    </Stack>
  );
}
