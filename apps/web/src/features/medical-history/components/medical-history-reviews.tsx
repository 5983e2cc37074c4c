import { Anchor, Badge, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { clientProfilePath } from '../../emr/emr-paths.ts';
import { useMedicalHistoryReviews } from '../api/medical-history-api.ts';

/** The number of patients whose change waits for review, for the EMR's tab; nothing while loading or when none wait. */
export function MedicalHistoryReviewCount() {
  const reviews = useMedicalHistoryReviews();
  const count = reviews.data?.length ?? 0;
  if (count === 0) return null;
  return (
    <Badge size="sm" color="yellow" variant="filled" ml={6} aria-label={`${count} to review`}>
      {count}
    </Badge>
  );
}

/**
 * The EMR's Medical History tab: patients who changed their medical history in the portal,
 * the longest waiting first, each linked to the client profile where the change is reviewed.
 */
export function MedicalHistoryReviews({ timeZone }: { timeZone: string }) {
  const reviews = useMedicalHistoryReviews();
  if (reviews.isError)
    return <LoadError what="the medical histories to review" error={reviews.error} onRetry={() => void reviews.refetch()} />;
  if (reviews.isPending) return <Skeleton height={120} radius="md" />;
  const format = new Intl.DateTimeFormat('en-US', { timeZone, dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        Patients who updated their medical history in the portal. Open a client to check what changed and mark it reviewed.
      </Text>
      {reviews.data.length === 0 ? (
        <Paper withBorder radius="md" p="lg">
          <Text size="sm" c="dimmed" ta="center">
            No medical history changes are waiting for review.
          </Text>
        </Paper>
      ) : (
        <StackedTableContainer minWidth={520}>
          <Table className={stackedTableClass} aria-label="Medical histories to review" highlightOnHover verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Patient</Table.Th>
                <Table.Th>Changed in the portal</Table.Th>
                <Table.Th>Version</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reviews.data.map((entry) => (
                <Table.Tr key={entry.patient.id}>
                  <Table.Td data-label="Patient">
                    <Anchor component={Link} to={clientProfilePath(entry.patient.id)} fw={600} size="sm">
                      {entry.patient.firstName} {entry.patient.lastName}
                    </Anchor>
                  </Table.Td>
                  <Table.Td data-label="Changed in the portal">{format.format(new Date(entry.changedAt))}</Table.Td>
                  <Table.Td data-label="Version">{entry.version}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </StackedTableContainer>
      )}
    </Stack>
  );
}
