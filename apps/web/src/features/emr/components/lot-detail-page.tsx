import type { LotRecall } from '@glowdesk/contracts';
import { Alert, Anchor, Button, Group, Modal, Paper, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { IconAlertTriangle, IconArrowLeft, IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { formatClinicDate, localToday } from '../../appointments/clinic-time.ts';
import { useSession } from '../../auth/components/session-context.tsx';
import { lotPatientsCsvUrl, useLotPatients, useRecallLot } from '../api/inventory-lots-api.ts';
import { chartPath, LOTS_PATH } from '../emr-paths.ts';
import { formatLocalDay, lotStateOf, lotToneColors } from '../lot-state.ts';
import { formatLotAmount } from '../lot-amount.ts';

function RecallModal({
  lotId,
  lotLabel,
  patientCount,
  opened,
  onClose,
  onRecalled,
}: {
  lotId: string;
  lotLabel: string;
  patientCount: number;
  opened: boolean;
  onClose: () => void;
  onRecalled: (recall: LotRecall) => void;
}) {
  const recall = useRecallLot(lotId);
  const [message, setMessage] = useState(
    `Important: a product used in your treatment (${lotLabel}) has been recalled by its maker. Please call us so we can check on you.`,
  );
  const [error, setError] = useState<string | null>(null);

  function send() {
    if (message.trim() === '') return setError('Write the message to the patients.');
    setError(null);
    recall.mutate(message, {
      onSuccess: (recorded) => {
        onRecalled(recorded);
        onClose();
      },
      onError: (failure) => setError(isApiProblem(failure) ? failure.detail : 'The recall was not sent.'),
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Recall lot" centered size="lg">
      <Stack gap="sm">
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          {patientCount === 1
            ? 'The one patient treated with this lot is sent this message'
            : `Each of the ${patientCount} patients treated with this lot is sent this message`}{' '}
          by email, or SMS without an email. The recall is recorded on the lot; it cannot be undone.
        </Alert>
        <Textarea
          label="Message to the patients"
          value={message}
          onChange={(event) => setMessage(event.currentTarget.value)}
          autosize
          minRows={3}
          maxLength={1600}
          error={error}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" loading={recall.isPending} onClick={send}>
            Send recall
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** One lot: every patient treated with it (procedure, date, amount, provider), the CSV of them, and Recall lot. */
export function LotDetailPage({ lotId }: { lotId: string }) {
  const { practice } = useSession();
  const timeZone = practice.timezone;
  const patients = useLotPatients(lotId);
  const [recalling, setRecalling] = useState(false);
  const [recorded, setRecorded] = useState<LotRecall | null>(null);
  const back = (
    <Anchor component={Link} to={LOTS_PATH} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} /> Inventory lots
      </Group>
    </Anchor>
  );
  if (patients.error) {
    return (
      <Stack gap="lg">
        {back}
        <LoadError what="the lot" error={patients.error} onRetry={() => void patients.refetch()} />
      </Stack>
    );
  }
  if (!patients.data) {
    return (
      <Stack gap="lg" role="status" aria-label="Loading the lot">
        {back}
        <Skeleton height={36} width={320} />
        <Skeleton height={200} radius="md" />
      </Stack>
    );
  }
  const { lot, items } = patients.data;
  const state = lotStateOf(lot, localToday(timeZone));
  const lotLabel = `${lot.productName}, lot ${lot.lotNumber}`;

  return (
    <Stack gap="lg">
      {back}
      <PageHeader
        title={`${lot.productName} — lot ${lot.lotNumber}`}
        description={
          <>
            Expires {formatLocalDay(lot.expiresOn)} · {lot.quantityOnHand} of {formatLotAmount(lot.quantityReceived, lot.unit)} remaining ·{' '}
            <Text span fw={600} c={lotToneColors[state.tone]} size="sm">
              {state.label}
            </Text>
          </>
        }
        actions={
          <>
            <Button component="a" href={lotPatientsCsvUrl(lot.id)} download variant="default" leftSection={<IconDownload size={16} />}>
              Export CSV
            </Button>
            <Button color="red" onClick={() => setRecalling(true)} disabled={items.length === 0}>
              Recall lot
            </Button>
          </>
        }
      />
      {recorded && (
        <Alert
          color="teal"
          variant="light"
          title="Recall recorded"
          role="status"
          withCloseButton
          closeButtonLabel="Dismiss"
          onClose={() => setRecorded(null)}
        >
          <Text size="sm">
            {recorded.patientCount === 1 ? '1 patient treated' : `${recorded.patientCount} patients treated`} ·{' '}
            {recorded.messagesQueued === 1 ? '1 messaged' : `${recorded.messagesQueued} messaged`}
          </Text>
          {recorded.unreachable.length > 0 && (
            <Text size="sm" mt={4}>
              No email or phone on file — call them:{' '}
              {recorded.unreachable.map((patient) => `${patient.firstName} ${patient.lastName}`).join(', ')}.
            </Text>
          )}
        </Alert>
      )}
      <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }} component="section" aria-label="Treated patients">
        <Title order={2} fz="md" mb="sm">
          Treated patients
        </Title>
        {items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No chart lists this lot yet.
          </Text>
        ) : (
          <StackedTableContainer minWidth={720}>
            <Table className={stackedTableClass} aria-label="Treated patients" highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Patient</Table.Th>
                  <Table.Th>Procedure</Table.Th>
                  <Table.Th>Date</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th>Provider</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.procedureId}>
                    <Table.Td data-label="Patient" fw={600}>
                      {item.patient.firstName} {item.patient.lastName}
                    </Table.Td>
                    <Table.Td data-label="Procedure">
                      <Anchor component={Link} to={chartPath(item.procedureId)} size="sm">
                        {item.procedureTypeName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td data-label="Date" style={{ whiteSpace: 'nowrap' }}>
                      {formatClinicDate(item.treatedAt, timeZone)}
                    </Table.Td>
                    <Table.Td data-label="Amount" ta="right">
                      {formatLotAmount(item.amount, lot.unit)}
                    </Table.Td>
                    <Table.Td data-label="Provider">{item.provider.displayName}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </StackedTableContainer>
        )}
      </Paper>
      {lot.recalls.length > 0 && (
        <Paper withBorder radius="md" p={{ base: 'xs', sm: 'md' }} component="section" aria-label="Recalls">
          <Title order={2} fz="md" mb="sm">
            Recalls
          </Title>
          <Stack gap={4}>
            {lot.recalls.map((recall) => (
              <Text key={recall.id} size="sm">
                {formatClinicDate(recall.recalledAt, timeZone)} —{' '}
                {recall.patientCount === 1 ? '1 patient treated' : `${recall.patientCount} patients treated`}
              </Text>
            ))}
          </Stack>
        </Paper>
      )}
      <RecallModal
        lotId={lot.id}
        lotLabel={lotLabel}
        patientCount={new Set(items.map((item) => item.patient.id)).size}
        opened={recalling}
        onClose={() => setRecalling(false)}
        onRecalled={setRecorded}
      />
    </Stack>
  );
}
