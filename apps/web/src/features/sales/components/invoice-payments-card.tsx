import type { Invoice } from '@glowdesk/contracts';
import { Badge, Code, Table, Text } from '@mantine/core';
import { formatClinicDate, formatClinicTime, zoneAbbreviation } from '../../appointments/clinic-time.ts';
import { paymentStatusLabels } from '../invoice-status.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { paymentKindLabels, paymentSourceLabel } from '../payment-labels.ts';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { SectionCard } from './section-card.tsx';

/** Every payment attempt: how, how much, what the gateway said (a decline keeps its reason). */
export function InvoicePaymentsCard({ invoice, timeZone }: { invoice: Invoice; timeZone: string }) {
  const money = (amountCents: number) => formatMoney(amountCents, invoice.currency);
  return (
    <SectionCard title="Payments">
      {invoice.payments.length === 0 ? (
        <Text size="sm" c="dimmed">
          No payment has been taken on this invoice yet.
        </Text>
      ) : (
        <StackedTableContainer minWidth={720}>
          <Table className={stackedTableClass} verticalSpacing="xs" aria-label="Payments">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When</Table.Th>
                <Table.Th>Method</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Gateway charge</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {invoice.payments.map((payment) => {
                const status = paymentStatusLabels[payment.status];
                return (
                  <Table.Tr key={payment.id}>
                    <Table.Td data-label="When" style={{ whiteSpace: 'nowrap' }}>
                      <Text size="sm">{formatClinicDate(payment.createdAt, timeZone)}</Text>
                      <Text size="xs" c="dimmed">
                        {formatClinicTime(payment.createdAt, timeZone)} {zoneAbbreviation(payment.createdAt, timeZone)}
                      </Text>
                    </Table.Td>
                    <Table.Td data-label="Method">
                      <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                        {paymentSourceLabel(payment)}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {payment.method === 'cash'
                          ? payment.amountTenderedCents !== null
                            ? `${money(payment.amountTenderedCents)} handed over, ${money(payment.changeDueCents ?? 0)} change`
                            : ''
                          : paymentKindLabels[payment.method]}
                      </Text>
                    </Table.Td>
                    <Table.Td data-label="Amount" ta="right">
                      <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                        {money(payment.amountCents)}
                      </Text>
                      {payment.status === 'succeeded' && payment.refundableCents < payment.amountCents && (
                        <Text size="xs" c="dimmed">
                          {money(payment.refundableCents)} refundable
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td data-label="Status">
                      <Badge color={status.color} variant="light" tt="none" style={{ minWidth: 'max-content' }}>
                        {status.label}
                      </Badge>
                      {payment.status === 'failed' && (payment.failureMessage || payment.failureCode) && (
                        <Text size="xs" c="red.8" mt={4} maw={280}>
                          {payment.failureMessage ?? ''}
                          {payment.failureCode ? ` (${payment.failureCode})` : ''}
                        </Text>
                      )}
                      {payment.status === 'pending' && (
                        <Text size="xs" c="dimmed" mt={4} maw={280}>
                          Waiting for the payment gateway to confirm.
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td data-label="Gateway charge">
                      {payment.gatewayChargeId ? (
                        <Code fz="xs" style={{ wordBreak: 'break-all' }}>
                          {payment.gatewayChargeId}
                        </Code>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </StackedTableContainer>
      )}
    </SectionCard>
  );
}
