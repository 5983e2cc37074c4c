import type { InjectablePoint, InventoryLot, LotUnit, Procedure } from '@glowdesk/contracts';
import {
  ActionIcon,
  Badge,
  Box,
  Button,
  Flex,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { FaceDiagram, type DiagramMarker } from '../face-diagram/face-diagram.tsx';
import { faceZones, findZone, zoneCentre, type DiagramPick } from '../face-diagram/face-diagram-model.ts';
import { amountLabel, formatLotAmount, injectableAmountOf, parseLotAmount, totalsByLot } from '../lot-amount.ts';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';

export interface InjectableRow {
  key: number;
  lotId: string | null;
  /** In the chosen lot's unit: whole units, or mL to 2 decimals. */
  amount: number | string;
  area: string;
  point: InjectablePoint | null;
}

let rowKey = 0;

export function injectableRowsOf(procedure: Procedure): InjectableRow[] {
  return procedure.injectables.map((entry) => ({
    key: ++rowKey,
    lotId: entry.lotId,
    amount: entry.units ?? entry.milliliters ?? '',
    area: entry.area,
    point: entry.point,
  }));
}

/** The chart's entries as the request sends them: units for a units lot, milliliters for an mL lot. */
export function injectablesRequestOf(rows: readonly InjectableRow[], lots: readonly InventoryLot[]) {
  return rows.map((row) => ({
    lotId: row.lotId ?? '',
    ...injectableAmountOf(row.amount, lots.find((lot) => lot.id === row.lotId)?.unit),
    area: row.area,
    point: row.point,
  }));
}

/** A procedure's entry as read back: its amount with its unit. */
export function formatEntryAmount(entry: Procedure['injectables'][number]): string {
  return entry.milliliters === null ? formatLotAmount(entry.units ?? 0, 'units') : formatLotAmount(entry.milliliters, 'mL');
}

function lotLabel(lot: InventoryLot): string {
  return `${lot.productName} — lot ${lot.lotNumber} (exp. ${lot.expiresOn}, ${formatLotAmount(lot.quantityOnHand, lot.unit)} left)`;
}

function markersOf(
  entries: readonly { area: string; point: InjectablePoint | null; amount?: string | undefined }[],
  keyOf: (index: number) => number | string,
): DiagramMarker[] {
  return entries.flatMap((entry, index) =>
    entry.point ? [{ key: keyOf(index), number: index + 1, point: entry.point, area: entry.area, amount: entry.amount }] : [],
  );
}

function diagramLabel(count: number): string {
  if (count === 0) return 'Face diagram with no injection points';
  return `Face diagram with ${count} injection point${count === 1 ? '' : 's'}`;
}

interface EditorProps {
  rows: InjectableRow[];
  onChange: (change: (rows: InjectableRow[]) => InjectableRow[]) => void;
  lots: InventoryLot[];
  fieldError: (field: string) => string | undefined;
}

/**
 * Injectables charted on the face diagram: a zone or a free point clicked on the face adds an
 * entry at that spot; each entry has its own units and lot. The area picker and Add injectable
 * add entries without the diagram.
 */
export function InjectablesEditor({ rows, onChange, lots, fieldError }: EditorProps) {
  const [zoneId, setZoneId] = useState<string | null>(null);

  function add(area: string, point: InjectablePoint | null) {
    onChange((current) => {
      const previous = current.at(-1);
      const onlyLot = lots.length === 1 ? (lots[0]?.id ?? null) : null;
      return [...current, { key: ++rowKey, lotId: previous?.lotId ?? onlyLot, amount: previous?.amount ?? '', area, point }];
    });
  }

  function update(key: number, change: Partial<InjectableRow>) {
    onChange((current) => current.map((row) => (row.key === key ? { ...row, ...change } : row)));
  }

  const unitOf = (lotId: string | null) => lots.find((lot) => lot.id === lotId)?.unit;
  const markers = markersOf(
    rows.map((row) => {
      const unit = unitOf(row.lotId);
      const amount = unit ? parseLotAmount(row.amount, unit) : undefined;
      return { ...row, amount: unit && amount !== undefined ? formatLotAmount(amount, unit) : undefined };
    }),
    (index) => rows[index]?.key ?? index,
  );
  const lotOptions = lots.map((lot) => ({ value: lot.id, label: lotLabel(lot) }));

  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} fz="md" mb="sm">
        Injectables
      </Title>
      <Flex direction={{ base: 'column', md: 'row' }} gap="lg" align="flex-start">
        <Box w={{ base: '100%', md: 300 }} style={{ flexShrink: 0 }}>
          <FaceDiagram markers={markers} label={diagramLabel(markers.length)} onPick={(pick: DiagramPick) => add(pick.area, pick.point)} />
          <Text size="xs" c="dimmed" ta="center" mt={4}>
            Click a zone to add it, or anywhere else on the face for a point.
          </Text>
        </Box>
        <Stack gap="sm" style={{ flex: 1, minWidth: 0 }} w="100%">
          <Group align="flex-end" gap="xs" wrap="wrap">
            <Select
              label="Treatment area"
              placeholder="Choose a zone"
              data={faceZones.map((zone) => ({ value: zone.id, label: zone.label }))}
              value={zoneId}
              onChange={setZoneId}
              searchable
              style={{ flex: '1 1 200px' }}
            />
            <Button
              variant="light"
              leftSection={<IconPlus size={14} />}
              disabled={zoneId === null}
              onClick={() => {
                const zone = zoneId ? findZone(zoneId) : undefined;
                if (zone) add(zone.label, zoneCentre(zone));
                setZoneId(null);
              }}
            >
              Add area
            </Button>
            <Button variant="subtle" leftSection={<IconPlus size={14} />} onClick={() => add('', null)}>
              Add injectable
            </Button>
          </Group>
          {rows.length === 0 && (
            <Text size="sm" c="dimmed">
              No injectables charted yet.
            </Text>
          )}
          {rows.map((row, index) => {
            const unit = unitOf(row.lotId);
            return (
              <Paper key={row.key} withBorder radius="sm" p="xs" data-testid="injectable-entry">
                <Group align="flex-start" gap="xs" wrap="wrap">
                  <Badge
                    circle
                    size="lg"
                    mt={26}
                    color={row.point ? 'violet.8' : 'gray'}
                    variant={row.point ? 'filled' : 'light'}
                    aria-label={row.point ? `Point ${index + 1} on the diagram` : `Entry ${index + 1}, not on the diagram`}
                  >
                    {index + 1}
                  </Badge>
                  <TextInput
                    label="Area"
                    value={row.area}
                    onChange={(event) => update(row.key, { area: event.currentTarget.value })}
                    error={fieldError(`injectables[${index}].area`)}
                    style={{ flex: '1 1 150px' }}
                  />
                  <Select
                    label="Lot"
                    placeholder="Choose a lot"
                    data={lotOptions}
                    value={row.lotId}
                    onChange={(value) => update(row.key, { lotId: value })}
                    error={fieldError(`injectables[${index}].lotId`)}
                    searchable
                    style={{ flex: '2 1 240px' }}
                  />
                  <NumberInput
                    label={amountLabel(unit)}
                    value={row.amount}
                    onChange={(value) => update(row.key, { amount: value })}
                    min={unit === 'mL' ? 0.01 : 1}
                    step={unit === 'mL' ? 0.05 : 1}
                    allowDecimal={unit === 'mL'}
                    decimalScale={unit === 'mL' ? 2 : 0}
                    error={
                      fieldError(`injectables[${index}].units`) ??
                      fieldError(`injectables[${index}].milliliters`) ??
                      fieldError(`injectables[${index}].point.x`) ??
                      fieldError(`injectables[${index}].point.y`)
                    }
                    w={90}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mt={28}
                    aria-label={`Remove injectable ${index + 1}`}
                    onClick={() => onChange((current) => current.filter((candidate) => candidate.key !== row.key))}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Paper>
            );
          })}
          {[...totalsByLot(rows, unitOf)].map(([lotId, total]) => {
            const lot = lots.find((candidate) => candidate.id === lotId);
            return (
              lot && (
                <Text key={lotId} size="sm" fw={600} data-testid="injectables-lot-total">
                  {lot.productName}, lot {lot.lotNumber}: {formatLotAmount(total, lot.unit)} in all
                </Text>
              )
            );
          })}
        </Stack>
      </Flex>
    </Paper>
  );
}

/** A signed chart's totals per lot, in each lot's unit (added in hundredths). */
function injectableTotalsOf(entries: Procedure['injectables']) {
  const totals = new Map<string, { lotId: string; productName: string; lotNumber: string; unit: LotUnit; hundredths: number }>();
  for (const entry of entries) {
    const unit: LotUnit = entry.milliliters === null ? 'units' : 'mL';
    const amount = entry.milliliters ?? entry.units ?? 0;
    const seen = totals.get(entry.lotId) ?? { ...entry, unit, hundredths: 0 };
    totals.set(entry.lotId, { ...seen, hundredths: seen.hundredths + Math.round(amount * 100) });
  }
  return [...totals.values()].map((total) => ({ ...total, amount: total.hundredths / 100 }));
}

/** A signed chart's injectables: the diagram with its numbered markers, read-only, beside the list. */
export function InjectablesRecord({ procedure }: { procedure: Procedure }) {
  const markers = markersOf(
    procedure.injectables.map((entry) => ({ ...entry, amount: formatEntryAmount(entry) })),
    (index) => index,
  );
  const totals = injectableTotalsOf(procedure.injectables);
  return (
    <Paper withBorder radius="md" p="lg">
      <Title order={2} fz="md" mb="sm">
        Injectables
      </Title>
      {procedure.injectables.length === 0 ? (
        <Text size="sm" c="dimmed">
          None charted.
        </Text>
      ) : (
        <Flex direction={{ base: 'column', md: 'row' }} gap="lg" align="flex-start">
          {markers.length > 0 && (
            <Box w={{ base: '100%', md: 260 }} style={{ flexShrink: 0 }}>
              <FaceDiagram markers={markers} label={diagramLabel(markers.length)} />
            </Box>
          )}
          <Stack gap="xs" style={{ flex: 1, minWidth: 0 }} w="100%">
            <StackedTableContainer minWidth={520}>
              <Table className={stackedTableClass} aria-label="Injectables charted">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>#</Table.Th>
                    <Table.Th>Area</Table.Th>
                    <Table.Th>Product</Table.Th>
                    <Table.Th>Lot</Table.Th>
                    <Table.Th>Expires</Table.Th>
                    <Table.Th>Amount</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {procedure.injectables.map((entry, index) => (
                    <Table.Tr key={index}>
                      <Table.Td data-label="#">{index + 1}</Table.Td>
                      <Table.Td data-label="Area">{entry.area}</Table.Td>
                      <Table.Td data-label="Product">{entry.productName}</Table.Td>
                      <Table.Td data-label="Lot">{entry.lotNumber}</Table.Td>
                      <Table.Td data-label="Expires">{entry.expiresOn}</Table.Td>
                      <Table.Td data-label="Amount" style={{ whiteSpace: 'nowrap' }}>
                        {formatEntryAmount(entry)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </StackedTableContainer>
            {totals.map((total) => (
              <Text key={total.lotId} size="sm" fw={600}>
                {total.productName}, lot {total.lotNumber}: {formatLotAmount(total.amount, total.unit)} in all
              </Text>
            ))}
          </Stack>
        </Flex>
      )}
    </Paper>
  );
}
