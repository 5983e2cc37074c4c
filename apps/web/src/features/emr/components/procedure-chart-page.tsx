import type { InventoryLot, Procedure, SoapNotes } from '@glowdesk/contracts';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconLock, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { useClinics } from '../../appointments/api/get-clinics.ts';
import { formatClinicDate, formatClinicSpan, formatClinicTime } from '../../appointments/clinic-time.ts';
import { useSession } from '../../auth/components/session-context.tsx';
import { useAddAddendum, useInventoryLots, useProcedure, useSaveChart, useSignChart } from '../api/emr-api.ts';
import { PhotosSection } from './photos-section.tsx';

interface InjectableRow {
  key: number;
  lotId: string | null;
  units: number | string;
  area: string;
}

const soapFields: { key: keyof SoapNotes; label: string }[] = [
  { key: 'subjective', label: 'Subjective' },
  { key: 'objective', label: 'Objective' },
  { key: 'assessment', label: 'Assessment' },
  { key: 'plan', label: 'Plan' },
];

function lotLabel(lot: InventoryLot): string {
  return `${lot.productName} — lot ${lot.lotNumber} (exp. ${lot.expiresOn}, ${lot.quantityOnHand} left)`;
}

function problemText(error: unknown, fallback: string): string {
  return isApiProblem(error) ? error.detail : fallback;
}

/** "Mon, Dec 7, 2026, 9:30 AM" in the clinic's zone. */
function formatMoment(instant: string, timeZone: string): string {
  return `${formatClinicDate(instant, timeZone)}, ${formatClinicTime(instant, timeZone)}`;
}

function SignedChart({ procedure, timeZone }: { procedure: Procedure; timeZone: string }) {
  const addAddendum = useAddAddendum(procedure.id);
  const [text, setText] = useState('');
  return (
    <Stack gap="lg">
      {procedure.procedureType.sections.includes('clinical_notes') && (
        <Paper withBorder radius="md" p="lg">
          <Title order={2} fz="md" mb="sm">
            Clinical notes (SOAP)
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {soapFields.map((field) => (
              <Stack key={field.key} gap={2}>
                <Text size="sm" fw={600}>
                  {field.label}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {procedure.notes[field.key] || '—'}
                </Text>
              </Stack>
            ))}
          </SimpleGrid>
        </Paper>
      )}
      {procedure.procedureType.sections.includes('injectables') && (
        <Paper withBorder radius="md" p="lg">
          <Title order={2} fz="md" mb="sm">
            Injectables
          </Title>
          {procedure.injectables.length === 0 ? (
            <Text size="sm" c="dimmed">
              None charted.
            </Text>
          ) : (
            <Table.ScrollContainer minWidth={520}>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Product</Table.Th>
                    <Table.Th>Lot</Table.Th>
                    <Table.Th>Expires</Table.Th>
                    <Table.Th>Units</Table.Th>
                    <Table.Th>Area</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {procedure.injectables.map((entry, index) => (
                    <Table.Tr key={index}>
                      <Table.Td>{entry.productName}</Table.Td>
                      <Table.Td>{entry.lotNumber}</Table.Td>
                      <Table.Td>{entry.expiresOn}</Table.Td>
                      <Table.Td>{entry.units}</Table.Td>
                      <Table.Td>{entry.area}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
      )}
      <Paper withBorder radius="md" p="lg">
        <Title order={2} fz="md" mb="sm">
          Addenda
        </Title>
        <Stack gap="sm">
          {procedure.addenda.map((addendum) => (
            <Paper key={addendum.id} bg="var(--mantine-color-gray-0)" p="sm" radius="sm">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {addendum.text}
              </Text>
              <Text size="xs" c="dimmed">
                {addendum.createdBy.displayName} · {formatMoment(addendum.createdAt, timeZone)}
              </Text>
            </Paper>
          ))}
          <Textarea label="New addendum" value={text} onChange={(event) => setText(event.currentTarget.value)} autosize minRows={2} />
          {addAddendum.error && (
            <Alert color="red" role="alert">
              {problemText(addAddendum.error, 'The addendum was not saved.')}
            </Alert>
          )}
          <Group>
            <Button
              variant="light"
              loading={addAddendum.isPending}
              disabled={text.trim() === ''}
              onClick={() => addAddendum.mutate(text, { onSuccess: () => setText('') })}
            >
              Add addendum
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}

let rowKey = 0;

function OpenChart({ procedure }: { procedure: Procedure }) {
  const lots = useInventoryLots();
  const save = useSaveChart(procedure.id);
  const sign = useSignChart(procedure.id);
  const [notes, setNotes] = useState<SoapNotes>(procedure.notes);
  const [rows, setRows] = useState<InjectableRow[]>(() =>
    procedure.injectables.map((entry) => ({ key: ++rowKey, lotId: entry.lotId, units: entry.units, area: entry.area })),
  );
  const [saved, setSaved] = useState(false);
  const sections = procedure.procedureType.sections;
  const usable = (lots.data ?? []).filter(
    (lot) =>
      rows.some((row) => row.lotId === lot.id) || (lot.quantityOnHand > 0 && lot.expiresOn >= procedure.appointment.start.slice(0, 10)),
  );
  const fieldError = (field: string) => (isApiProblem(save.error) ? save.error.messageFor(field) : undefined);

  function body() {
    return {
      ...(sections.includes('clinical_notes') ? { notes } : {}),
      ...(sections.includes('injectables')
        ? { injectables: rows.map((row) => ({ lotId: row.lotId ?? '', units: Number(row.units), area: row.area })) }
        : {}),
    };
  }

  function saveChart(then?: () => void) {
    setSaved(false);
    save.mutate(body(), {
      onSuccess: () => {
        setSaved(true);
        then?.();
      },
    });
  }

  function update(key: number, change: Partial<InjectableRow>) {
    setRows((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  }

  return (
    <Stack gap="lg">
      {sections.includes('clinical_notes') && (
        <Paper withBorder radius="md" p="lg">
          <Title order={2} fz="md" mb="sm">
            Clinical notes (SOAP)
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            {soapFields.map((field) => (
              <Textarea
                key={field.key}
                label={field.label}
                value={notes[field.key]}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setNotes((current) => ({ ...current, [field.key]: value }));
                }}
                autosize
                minRows={3}
                error={fieldError(`notes.${field.key}`)}
              />
            ))}
          </SimpleGrid>
        </Paper>
      )}
      {sections.includes('injectables') && (
        <Paper withBorder radius="md" p="lg">
          <Group justify="space-between" mb="sm">
            <Title order={2} fz="md">
              Injectables
            </Title>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} />}
              onClick={() => setRows((current) => [...current, { key: ++rowKey, lotId: null, units: '', area: '' }])}
            >
              Add injectable
            </Button>
          </Group>
          <Stack gap="sm">
            {rows.length === 0 && (
              <Text size="sm" c="dimmed">
                No injectables charted yet.
              </Text>
            )}
            {rows.map((row, index) => (
              <Group key={row.key} align="flex-start" gap="sm" wrap="wrap">
                <Select
                  label="Lot"
                  placeholder="Choose a lot"
                  data={usable.map((lot) => ({ value: lot.id, label: lotLabel(lot) }))}
                  value={row.lotId}
                  onChange={(value) => update(row.key, { lotId: value })}
                  error={fieldError(`injectables[${index}].lotId`)}
                  searchable
                  style={{ flex: '1 1 320px' }}
                />
                <NumberInput
                  label="Units"
                  value={row.units}
                  onChange={(value) => update(row.key, { units: value })}
                  min={1}
                  allowDecimal={false}
                  error={fieldError(`injectables[${index}].units`)}
                  w={110}
                />
                <TextInput
                  label="Area"
                  value={row.area}
                  onChange={(event) => update(row.key, { area: event.currentTarget.value })}
                  error={fieldError(`injectables[${index}].area`)}
                  style={{ flex: '1 1 160px' }}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={28}
                  aria-label={`Remove injectable ${index + 1}`}
                  onClick={() => setRows((current) => current.filter((candidate) => candidate.key !== row.key))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        </Paper>
      )}
      {(save.error ?? sign.error) && (
        <Alert color="red" role="alert">
          {problemText(save.error ?? sign.error, 'The chart was not saved.')}
        </Alert>
      )}
      {saved && !save.isPending && (
        <Text size="sm" c="teal" role="status">
          Chart saved.
        </Text>
      )}
      <Group>
        <Button variant="default" loading={save.isPending} onClick={() => saveChart()}>
          Save chart
        </Button>
        <Button leftSection={<IconLock size={16} />} loading={sign.isPending} onClick={() => saveChart(() => sign.mutate())}>
          Sign chart
        </Button>
      </Group>
    </Stack>
  );
}

/** A procedure's chart: SOAP notes and injectables from the practice's lots, then signed (locked) with addenda after. */
export function ProcedureChartPage({ procedureId }: { procedureId: string }) {
  const procedure = useProcedure(procedureId);
  const clinics = useClinics();
  const { practice } = useSession();
  if (procedure.error) return <LoadError what="the chart" error={procedure.error} onRetry={() => void procedure.refetch()} />;
  if (!procedure.data) return <Text c="dimmed">Loading the chart…</Text>;
  const chart = procedure.data;
  const timeZone = clinics.data?.find((clinic) => clinic.id === chart.appointment.clinicId)?.timezone ?? practice.timezone;
  return (
    <Stack gap="lg">
      <PageHeader
        title={`${chart.patient.firstName} ${chart.patient.lastName}`}
        description={`${chart.procedureType.name} · ${chart.appointment.serviceNames.join(', ')} · ${formatClinicSpan(chart.appointment.start, chart.appointment.end, timeZone)}`}
        actions={
          chart.signedAt ? (
            <Group gap={6} c="teal.8" wrap="nowrap">
              <IconLock size={16} aria-hidden />
              <Text size="sm" fw={600} c="teal.8">
                Signed by {chart.signedBy?.displayName} · {formatMoment(chart.signedAt, timeZone)}
              </Text>
            </Group>
          ) : (
            <Badge color="grape" size="lg" tt="none">
              Unsigned
            </Badge>
          )
        }
      />
      {chart.signedAt ? <SignedChart procedure={chart} timeZone={timeZone} /> : <OpenChart procedure={chart} />}
      <PhotosSection procedure={chart} timeZone={timeZone} />
    </Stack>
  );
}
