import type { InventoryLot, ProductUsed } from '@glowdesk/contracts';
import { ActionIcon, Button, Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { emptyProductUsed, withLot, type ProductUsedDraft } from '../products-used-draft.ts';
import { formatLotAmount } from '../lot-amount.ts';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';

function lotOption(lot: InventoryLot): { value: string; label: string } {
  return {
    value: lot.id,
    label: `${lot.productName} — lot ${lot.lotNumber} (exp. ${lot.expiresOn}, ${formatLotAmount(lot.quantityOnHand, lot.unit)} left)`,
  };
}

/** Products used on an unsigned chart: name, quantity and unit, optionally from a lot (the quantity is taken from its stock in its unit). */
export function ProductsUsedEditor({
  rows,
  onChange,
  lots,
  fieldError,
}: {
  rows: ProductUsedDraft[];
  onChange: (next: ProductUsedDraft[]) => void;
  /** Lots that can still give units, and those the chart already uses. */
  lots: InventoryLot[];
  fieldError: (field: string) => string | undefined;
}) {
  const update = (key: number, change: (row: ProductUsedDraft) => ProductUsedDraft) =>
    onChange(rows.map((row) => (row.key === key ? change(row) : row)));
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="products-used-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="md" id="products-used-title">
          Products used
        </Title>
        <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => onChange([...rows, emptyProductUsed()])}>
          Add product
        </Button>
      </Group>
      <Stack gap="sm">
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            No products charted yet.
          </Text>
        )}
        {rows.map((row, index) => {
          const field = `productsUsed[${index}]`;
          const lotUnit = row.lotId === null ? undefined : lots.find((lot) => lot.id === row.lotId)?.unit;
          return (
            <Group key={row.key} align="flex-start" gap="sm" wrap="wrap" role="group" aria-label={`Product ${index + 1}`}>
              <TextInput
                label="Product"
                placeholder="Numbing cream"
                value={row.productName}
                onChange={(event) => {
                  const productName = event.currentTarget.value;
                  update(row.key, (current) => ({ ...current, productName }));
                }}
                error={fieldError(`${field}.productName`)}
                style={{ flex: '2 1 200px' }}
              />
              <NumberInput
                label={lotUnit === 'mL' ? 'Quantity (mL)' : 'Quantity'}
                value={row.quantity}
                onChange={(value) => update(row.key, (current) => ({ ...current, quantity: value }))}
                min={0}
                decimalScale={lotUnit === 'units' ? 0 : 2}
                error={fieldError(`${field}.quantity`)}
                w={110}
              />
              <TextInput
                label="Unit"
                placeholder="g, mL, pump"
                value={row.unit}
                readOnly={lotUnit === 'mL'}
                onChange={(event) => {
                  const unit = event.currentTarget.value;
                  update(row.key, (current) => ({ ...current, unit }));
                }}
                error={fieldError(`${field}.unit`)}
                w={110}
              />
              <Select
                label="Lot (optional)"
                placeholder="Not from a lot"
                data={lots.map(lotOption)}
                value={row.lotId}
                onChange={(value) =>
                  update(row.key, (current) =>
                    withLot(
                      current,
                      lots.find((lot) => lot.id === value),
                    ),
                  )
                }
                error={fieldError(`${field}.lotId`)}
                clearable
                searchable
                style={{ flex: '3 1 260px' }}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                mt={28}
                aria-label={`Remove product ${index + 1}`}
                onClick={() => onChange(rows.filter((candidate) => candidate.key !== row.key))}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          );
        })}
      </Stack>
    </Paper>
  );
}

/** Products used on a signed chart, read-only. */
export function ProductsUsedView({ products }: { products: ProductUsed[] }) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="products-used-title">
      <Title order={2} fz="md" mb="sm" id="products-used-title">
        Products used
      </Title>
      {products.length === 0 ? (
        <Text size="sm" c="dimmed">
          None charted.
        </Text>
      ) : (
        <StackedTableContainer minWidth={480}>
          <Table className={stackedTableClass} aria-label="Products used">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Product</Table.Th>
                <Table.Th>Quantity</Table.Th>
                <Table.Th>Lot</Table.Th>
                <Table.Th>Expires</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {products.map((product, index) => (
                <Table.Tr key={index}>
                  <Table.Td data-label="Product">{product.productName}</Table.Td>
                  <Table.Td data-label="Quantity">
                    {product.quantity.toLocaleString('en-US', { maximumFractionDigits: 2 })} {product.unit}
                  </Table.Td>
                  <Table.Td data-label="Lot">{product.lot?.lotNumber ?? '—'}</Table.Td>
                  <Table.Td data-label="Expires">{product.lot?.expiresOn ?? '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </StackedTableContainer>
      )}
    </Paper>
  );
}
