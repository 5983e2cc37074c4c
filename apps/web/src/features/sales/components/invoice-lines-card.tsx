import type { Invoice } from '@glowdesk/contracts';
import { Divider, Group, Stack, Table, Text } from '@mantine/core';
import { formatMoney, formatTaxRate } from '../../../shared/format/money.ts';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { SectionCard } from './section-card.tsx';

function TotalRow({ label, amount, strong, color }: { label: string; amount: string; strong?: boolean; color?: string }) {
  return (
    <Group justify="space-between" gap="xl" wrap="nowrap">
      <Text size="sm" fw={strong ? 700 : undefined} c={color}>
        {label}
      </Text>
      <Text size="sm" fw={strong ? 700 : 500} c={color} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {amount}
      </Text>
    </Group>
  );
}

/** What was billed, line by line, and the totals. */
export function InvoiceLinesCard({ invoice }: { invoice: Invoice }) {
  const { totals, currency } = invoice;
  const money = (amountCents: number) => formatMoney(amountCents, currency);
  return (
    <SectionCard title="Items">
      <StackedTableContainer minWidth={520}>
        <Table className={stackedTableClass} verticalSpacing="xs" aria-label="Invoice lines">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Description</Table.Th>
              <Table.Th ta="right">Qty</Table.Th>
              <Table.Th ta="right" style={{ whiteSpace: 'nowrap' }}>
                Unit price
              </Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoice.lines.map((line) => {
              const counted = line.kind === 'service' || line.kind === 'product';
              return (
                <Table.Tr key={line.position}>
                  <Table.Td data-label="Description">
                    <Text size="sm">{line.description}</Text>
                  </Table.Td>
                  {/* A fee or discount line has no quantity: its cells stay empty (and are left out on a phone). */}
                  <Table.Td data-label="Qty" ta="right">
                    {counted && <Text size="sm">{line.quantity}</Text>}
                  </Table.Td>
                  <Table.Td data-label="Unit price" ta="right">
                    {counted && (
                      <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {money(line.unitAmountCents)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td data-label="Amount" ta="right">
                    <Text size="sm" c={line.totalCents < 0 ? 'lagoon.8' : undefined} style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {money(line.totalCents)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </StackedTableContainer>
      <Stack gap={6} mt="md" ml="auto" maw={320}>
        <TotalRow label="Subtotal" amount={money(totals.subtotalCents)} />
        {totals.discountCents > 0 && <TotalRow label="Discount" amount={money(-totals.discountCents)} />}
        <TotalRow label={`Tax${invoice.taxRateBps > 0 ? ` (${formatTaxRate(invoice.taxRateBps)})` : ''}`} amount={money(totals.taxCents)} />
        <Divider />
        <TotalRow label="Total" amount={money(totals.totalCents)} strong />
        <TotalRow label="Paid" amount={money(totals.amountPaidCents)} />
        {totals.amountRefundedCents > 0 && <TotalRow label="Refunded" amount={money(-totals.amountRefundedCents)} color="grape.8" />}
        {invoice.status !== 'void' && totals.balanceCents > 0 && (
          <TotalRow label="Balance due" amount={money(totals.balanceCents)} strong color="orange.8" />
        )}
      </Stack>
    </SectionCard>
  );
}
