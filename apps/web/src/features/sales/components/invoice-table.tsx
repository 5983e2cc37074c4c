import type { InvoiceSummary } from '@glowdesk/contracts';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatClinicDate, formatClinicTime, zoneAbbreviation } from '../../appointments/clinic-time.ts';
import { invoicePath } from '../invoice-paths.ts';
import { formatMoney } from '../../../shared/format/money.ts';
import { StackedTableContainer, stackedTableClass } from '../../../shared/layout/stacked-table.tsx';
import { InvoiceStatusBadge } from './invoice-status-badge.tsx';

interface InvoiceTableProps {
  invoices: InvoiceSummary[];
  clinics: ReadonlyMap<string, { name: string; timezone: string }>;
  /** Used for an invoice whose clinic is not known to this page. */
  fallbackTimeZone: string;
}

function PaidAndRefunded({ invoice }: { invoice: InvoiceSummary }) {
  const { totals, currency } = invoice;
  if (invoice.status === 'void') {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <>
      <Text size="sm">{formatMoney(totals.amountPaidCents, currency)} paid</Text>
      {totals.amountRefundedCents > 0 && (
        <Text size="xs" c="grape.8">
          {formatMoney(totals.amountRefundedCents, currency)} refunded
        </Text>
      )}
      {totals.balanceCents > 0 && (
        <Text size="xs" c="orange.8">
          {formatMoney(totals.balanceCents, currency)} due
        </Text>
      )}
    </>
  );
}

/** The Sales list: one row per invoice, newest first. */
export function InvoiceTable({ invoices, clinics, fallbackTimeZone }: InvoiceTableProps) {
  return (
    <StackedTableContainer minWidth={1000}>
      <Table className={stackedTableClass} highlightOnHover horizontalSpacing="sm" verticalSpacing="xs" aria-label="Invoices">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Invoice</Table.Th>
            <Table.Th>Date</Table.Th>
            <Table.Th>Patient</Table.Th>
            <Table.Th>Clinic</Table.Th>
            <Table.Th>Kind</Table.Th>
            <Table.Th ta="right">Total</Table.Th>
            <Table.Th ta="right">Paid / refunded</Table.Th>
            <Table.Th>Status</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invoices.map((invoice) => {
            const clinic = clinics.get(invoice.clinicId);
            const zone = clinic?.timezone ?? fallbackTimeZone;
            const patientName = invoice.patient ? `${invoice.patient.firstName} ${invoice.patient.lastName}` : 'Patient';
            return (
              <Table.Tr key={invoice.id}>
                <Table.Td data-label="Invoice">
                  <Anchor component={Link} to={invoicePath(invoice.id)} fw={700} size="sm" aria-label={`Invoice #${invoice.number}`}>
                    #{invoice.number}
                  </Anchor>
                </Table.Td>
                <Table.Td data-label="Date">
                  <Text size="sm">{formatClinicDate(invoice.createdAt, zone)}</Text>
                  <Text size="xs" c="dimmed">
                    {formatClinicTime(invoice.createdAt, zone)} {zoneAbbreviation(invoice.createdAt, zone)}
                  </Text>
                </Table.Td>
                <Table.Td data-label="Patient">
                  {invoice.patient ? (
                    <Anchor component={Link} to={`/clients/${invoice.patient.id}`} size="sm" fw={600}>
                      {patientName}
                    </Anchor>
                  ) : (
                    <Text size="sm">{patientName}</Text>
                  )}
                </Table.Td>
                <Table.Td data-label="Clinic">
                  <Text size="sm">{clinic?.name ?? '—'}</Text>
                </Table.Td>
                <Table.Td data-label="Kind">
                  <Text size="sm">{invoice.kindLabel}</Text>
                </Table.Td>
                <Table.Td data-label="Total" ta="right">
                  <Text size="sm" fw={600} td={invoice.status === 'void' ? 'line-through' : undefined}>
                    {formatMoney(invoice.totals.totalCents, invoice.currency)}
                  </Text>
                </Table.Td>
                <Table.Td data-label="Paid / refunded" ta="right">
                  <PaidAndRefunded invoice={invoice} />
                </Table.Td>
                <Table.Td data-label="Status">
                  <InvoiceStatusBadge status={invoice.status} />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </StackedTableContainer>
  );
}
