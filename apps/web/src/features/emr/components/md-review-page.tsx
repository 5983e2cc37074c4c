import { Alert, Anchor, Button, Checkbox, Group, Modal, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { formatClinicDate } from '../../appointments/clinic-time.ts';
import { useSession } from '../../auth/components/session-context.tsx';
import { useCosignCharts, useMdReview } from '../api/md-review-api.ts';
import { chartPath, EMR_PATH } from '../emr-paths.ts';
import { chartsLabel, keepQueued, selectAllState, toggled } from '../md-review-selection.ts';

/** MD Review: the medical director chooses signed charts (or all of them) and co-signs them together after a confirmation. */
export function MdReviewPage() {
  const { practice } = useSession();
  const review = useMdReview();
  const cosign = useCosignCharts();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const items = review.data?.items ?? [];
  const selected = keepQueued(
    chosen,
    items.map((item) => item.procedureId),
  );
  const all = selectAllState(selected.size, items.length);
  const timeZone = practice.timezone;
  const toggleAll = () => setChosen(all.checked ? new Set() : new Set(items.map((item) => item.procedureId)));

  const confirm = () =>
    cosign.mutate([...selected], {
      onSuccess: (result) => {
        setDone(`Co-signed ${chartsLabel(result.items.length)}.`);
        setChosen(new Set());
        setConfirming(false);
      },
      onError: () => setConfirming(false),
    });

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={EMR_PATH} size="sm">
        ← EMR
      </Anchor>
      <PageHeader title="MD Review" description="Charts your providers signed, waiting for your co-signature. The oldest are first." />
      {review.isError &&
        (isApiProblem(review.error, 403) ? (
          <EmptyStateCard
            icon={<IconSignature size={26} stroke={1.6} />}
            title="For medical directors"
            description="Only a medical director reviews and co-signs charts. An owner or admin sets who is one under Staff."
          />
        ) : (
          <LoadError what="the charts to review" error={review.error} onRetry={() => void review.refetch()} />
        ))}
      {review.isPending && <Skeleton height={160} radius="lg" />}
      {done && (
        <Alert color="teal" variant="light" role="status" withCloseButton onClose={() => setDone(null)}>
          {done}
        </Alert>
      )}
      {cosign.error && (
        <Alert color="red" variant="light" role="alert">
          {cosign.error.message}
        </Alert>
      )}
      {review.data && items.length === 0 && (
        <EmptyStateCard
          icon={<IconSignature size={26} stroke={1.6} />}
          title="Nothing to co-sign"
          description="Every signed chart has its co-signature."
        />
      )}
      {items.length > 0 && (
        <Paper withBorder radius="lg" bg="white" p="md">
          <Group justify="space-between" mb="sm" wrap="wrap" gap="xs">
            <Text size="sm" c="dimmed" aria-live="polite">
              {selected.size === 0 ? `${chartsLabel(items.length)} waiting` : `${chartsLabel(selected.size)} selected of ${items.length}`}
            </Text>
            {/* On a phone the table's header (and its checkbox) is hidden: select all from here. */}
            <Checkbox
              hiddenFrom="xs"
              label="Select all charts"
              checked={all.checked}
              indeterminate={all.indeterminate}
              onChange={toggleAll}
            />
            <Button
              leftSection={<IconSignature size={16} aria-hidden />}
              disabled={selected.size === 0}
              onClick={() => setConfirming(true)}
            >
              Co-sign selected
            </Button>
          </Group>
          <StackedTableContainer minWidth={560}>
            <Table className={stackedTableClass} verticalSpacing="sm" highlightOnHover aria-label="Charts waiting for co-signature">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={40}>
                    <Checkbox aria-label="Select all charts" checked={all.checked} indeterminate={all.indeterminate} onChange={toggleAll} />
                  </Table.Th>
                  <Table.Th>Client</Table.Th>
                  <Table.Th>Procedure</Table.Th>
                  <Table.Th>Visit</Table.Th>
                  <Table.Th>Signed by</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => {
                  const name = `${item.patient.firstName} ${item.patient.lastName}`;
                  return (
                    <Table.Tr key={item.procedureId}>
                      <Table.Td data-label="Select">
                        <Checkbox
                          aria-label={`Select ${name}'s ${item.procedureTypeName} chart`}
                          checked={selected.has(item.procedureId)}
                          onChange={() => setChosen(toggled(selected, item.procedureId))}
                        />
                      </Table.Td>
                      <Table.Td data-label="Client">
                        <Anchor component={Link} to={chartPath(item.procedureId)} size="sm" fw={600}>
                          {name}
                        </Anchor>
                      </Table.Td>
                      <Table.Td data-label="Procedure">
                        <Text size="sm">{item.procedureTypeName}</Text>
                        <Text size="xs" c="dimmed">
                          {item.serviceNames.join(', ')}
                        </Text>
                      </Table.Td>
                      <Table.Td data-label="Visit">
                        <Text size="sm">{formatClinicDate(item.appointmentStart, timeZone)}</Text>
                      </Table.Td>
                      <Table.Td data-label="Signed by">
                        <Text size="sm">{item.signedBy.displayName}</Text>
                        <Text size="xs" c="dimmed">
                          {formatClinicDate(item.signedAt, timeZone)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </StackedTableContainer>
        </Paper>
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={`Co-sign ${chartsLabel(selected.size)}?`} centered>
        <Stack>
          <Text size="sm">
            Your co-signature is added to {chartsLabel(selected.size)} with your name and the time, and cannot be removed. The charts stay
            locked; later changes are addenda.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Cancel
            </Button>
            <Button loading={cosign.isPending} onClick={confirm}>
              Co-sign {chartsLabel(selected.size)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
