import type { Invoice } from '@glowdesk/contracts';
import { Badge, Code, Table, Text } from '@mantine/core';
import { formatClinicDate, formatClinicTime, zoneAbbreviation } from '../../appointments/clinic-time.ts';
import { refundStatusLabels } from '../invoice-status.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { SectionCard } from './section-card.tsx';

/** Every refund: how much, why, who and when, and the gateway's refund id. */
export function InvoiceRefundsCard({ invoice, timeZone }: { invoice: Invoice; timeZone: string }) {
  if (invoice.refunds.length === 0) return null;
  return (
    <SectionCard title="Refunds">
      <StackedTableContainer minWidth={720}>
        <Table className={stackedTableClass} verticalSpacing="xs" aria-label="Refunds">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th>Reason</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>By</Table.Th>
              <Table.Th>Gateway refund</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invoice.refunds.map((refund) => {
              const status = refundStatusLabels[refund.status];
              return (
                <Table.Tr key={refund.id}>
                  <Table.Td data-label="When" style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{formatClinicDate(refund.createdAt, timeZone)}</Text>
                    <Text size="xs" c="dimmed">
                      {formatClinicTime(refund.createdAt, timeZone)} {zoneAbbreviation(refund.createdAt, timeZone)}
                    </Text>
                  </Table.Td>
                  <Table.Td data-label="Amount" ta="right">
                    <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                      {formatMoney(refund.amountCents, refund.currency)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {refund.method === 'cash' ? 'Cash handed back' : 'To the card'}
                    </Text>
                  </Table.Td>
                  <Table.Td data-label="Reason">
                    <Text size="sm" maw={280}>
                      {refund.reason}
                    </Text>
                  </Table.Td>
                  <Table.Td data-label="Status">
                    <Badge color={status.color} variant="light" tt="none" style={{ minWidth: 'max-content' }}>
                      {status.label}
                    </Badge>
                    {refund.status === 'failed' && refund.failureMessage && (
                      <Text size="xs" c="red.8" mt={4} maw={240}>
                        {refund.failureMessage}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td data-label="By">
                    <Text size="sm">{refund.createdByName ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td data-label="Gateway refund">
                    {refund.gatewayRefundId ? (
                      <Code fz="xs" style={{ wordBreak: 'break-all' }}>
                        {refund.gatewayRefundId}
                      </Code>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {refund.method === 'cash' ? 'Cash' : '—'}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </StackedTableContainer>
    </SectionCard>
  );
}
