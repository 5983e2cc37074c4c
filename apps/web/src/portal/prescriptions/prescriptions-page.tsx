import { prescriptionStatusLabels, type PortalPrescription } from '@glowdesk/contracts';
import { Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconPrescription } from '@tabler/icons-react';
import { formatCalendarDate } from '../../shared/format/person-dates.ts';
import { EmptyStateCard } from '../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { usePortalPrescriptions } from '../api/portal-prescriptions.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';

function refillsText(refills: number): string {
  if (refills === 0) return 'No refills';
  return refills === 1 ? '1 refill' : `${refills} refills`;
}

/** The prescriptions the practice recorded for the patient: active ones first in the list's order, discontinued ones marked. Read-only. */
export function PrescriptionsPage() {
  usePageTitle('Prescriptions');
  const practice = useCurrentPractice();
  const prescriptions = usePortalPrescriptions(practice.slug);
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        Prescriptions
      </Title>
      {prescriptions.isPending && <Skeleton h={120} radius="md" />}
      {prescriptions.isError && (
        <LoadError what="your prescriptions" error={prescriptions.error} onRetry={() => void prescriptions.refetch()} />
      )}
      {prescriptions.data && prescriptions.data.items.length === 0 && (
        <EmptyStateCard
          icon={<IconPrescription size={28} aria-hidden="true" />}
          title="No prescriptions"
          description={`Prescriptions ${practice.name} writes for you show here.`}
        />
      )}
      {prescriptions.data && prescriptions.data.items.length > 0 && (
        <>
          <Text size="sm" c="dimmed">
            Questions about a prescription? Contact {practice.name}.
          </Text>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {prescriptions.data.items.map((prescription) => (
              <li key={prescription.id}>
                <PrescriptionCard prescription={prescription} timeZone={practice.timezone} />
              </li>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

function PrescriptionCard({ prescription, timeZone }: { prescription: PortalPrescription; timeZone: string }) {
  const active = prescription.status === 'active';
  const title = `${prescription.drug} ${prescription.strength}`;
  const stoppedOn = prescription.discontinuedOn
    ? new Date(prescription.discontinuedOn).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone })
    : null;
  return (
    <Paper withBorder radius="md" p="md" bg="white" component="article" aria-label={title}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Text>
        <Badge color={active ? 'teal' : 'gray'} variant="light" style={{ flexShrink: 0 }}>
          {prescriptionStatusLabels[prescription.status]}
        </Badge>
      </Group>
      <Text size="sm" mt="xs" style={{ overflowWrap: 'anywhere' }}>
        {prescription.directions}
      </Text>
      <Text size="sm" c="dimmed" mt="xs">
        Quantity {prescription.quantity} · {refillsText(prescription.refills)}
      </Text>
      <Text size="sm" c="dimmed">
        Prescribed {formatCalendarDate(prescription.prescribedOn)} by {prescription.prescriberName}
      </Text>
      {stoppedOn && (
        <Text size="sm" c="dimmed">
          Discontinued {stoppedOn}
        </Text>
      )}
    </Paper>
  );
}
