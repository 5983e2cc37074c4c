import type { MembershipDetail, MembershipPeriod } from '@glowdesk/contracts';
import { Anchor, Badge, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { formatCalendarDate } from '../../../shared/format/person-dates.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { formatClinicDate } from '../../appointments/clinic-time.ts';
import { invoicePath } from '../../sales/invoice-paths.ts';
import { paymentStatusLabels } from '../../sales/invoice-status.ts';
import { periodStatusLabels } from '../membership-status.ts';

function Payments({ period, currency, timeZone }: { period: MembershipPeriod; currency: string; timeZone: string }) {
  if (period.payments.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {period.status === 'held' ? 'Not charged' : '—'}
      </Text>
    );
  }
  return (
    <Stack gap={2}>
      {period.payments.map((payment) => {
        const status = paymentStatusLabels[payment.status];
        return (
          <Text key={payment.id} size="sm">
            Try {payment.attempt}: {formatMoney(payment.amountCents, currency)}{' '}
            <Text span size="sm" fw={600} c={`${status.color}.8`}>
              {status.label}
            </Text>
            <Text span size="xs" c="dimmed">
              {' '}
              · {formatClinicDate(payment.createdAt, timeZone)}
              {payment.failureCode ? ` · ${payment.failureCode.replaceAll('_', ' ')}` : ''}
            </Text>
          </Text>
        );
      })}
    </Stack>
  );
}

/** Each billing period, newest first: its draw date, amount, outcome, card attempts and invoice. */
export function MembershipPeriodsCard({ membership, timeZone }: { membership: MembershipDetail; timeZone: string }) {
  const periods = [...membership.periods].sort((a, b) => b.number - a.number);
  return (
    <Paper withBorder radius="lg" bg="white" component="section" aria-labelledby="membership-periods-title" style={{ overflow: 'hidden' }}>
      <Title order={2} fz={16} id="membership-periods-title" px="md" pt="md" pb="xs">
        Payments
      </Title>
      <StackedTableContainer minWidth={720}>
        <Table className={stackedTableClass} horizontalSpacing="md" verticalSpacing="xs" aria-labelledby="membership-periods-title">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Period</Table.Th>
              <Table.Th>Draw date</Table.Th>
              <Table.Th ta="right">Amount</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Card attempts</Table.Th>
              <Table.Th>Invoice</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {periods.map((period) => {
              const status = periodStatusLabels[period.status];
              const periodName = period.number === 0 ? 'Enrolment' : `Payment ${period.number + 1}`;
              return (
                <Table.Tr key={period.number}>
                  <Table.Td data-label="Period">
                    <Text size="sm" fw={600}>
                      {periodName}
                    </Text>
                  </Table.Td>
                  <Table.Td data-label="Draw date">
                    <Text size="sm">{formatCalendarDate(period.drawDate)}</Text>
                  </Table.Td>
                  <Table.Td data-label="Amount" ta="right">
                    <Text size="sm" fw={600}>
                      {period.status === 'held' ? '—' : formatMoney(period.amountCents, membership.currency)}
                    </Text>
                  </Table.Td>
                  <Table.Td data-label="Status">
                    <Badge color={status.color} variant="light" size="sm" tt="none" fw={600}>
                      {status.label}
                    </Badge>
                    {period.nextRetryOn && (
                      <Text size="xs" c="dimmed">
                        Next try {formatCalendarDate(period.nextRetryOn)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td data-label="Card attempts">
                    <Payments period={period} currency={membership.currency} timeZone={timeZone} />
                  </Table.Td>
                  <Table.Td data-label="Invoice">
                    {period.invoiceId ? (
                      <Anchor
                        component={Link}
                        to={invoicePath(period.invoiceId)}
                        size="sm"
                        aria-label={`Open invoice of ${periodName.toLowerCase()}`}
                      >
                        Open invoice
                      </Anchor>
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
    </Paper>
  );
}
