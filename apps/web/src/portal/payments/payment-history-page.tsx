import type { PortalInvoiceSummary } from '@glowdesk/contracts';
import { Anchor, Box, Breadcrumbs, Group, Paper, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconChevronRight, IconReceiptOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatMoney } from '../../shared/format/money.ts';
import { EmptyStateCard } from '../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../shared/layout/load-error.tsx';
import { usePortalInvoices } from '../api/portal-payments.ts';
import { useCurrentPractice, usePageTitle } from '../layout/current-practice.ts';
import { invoicePath, paymentMethodsPath } from '../portal-paths.ts';
import { InvoiceStatusBadge, invoiceTone } from './invoice-status-badge.tsx';

/** Payment History: every invoice, newest first, red while unpaid and green once paid; each opens to its detail. */
export function PaymentHistoryPage() {
  usePageTitle('Payment History');
  const practice = useCurrentPractice();
  const invoices = usePortalInvoices(practice.slug);
  const unpaid = invoices.data?.items.filter((invoice) => invoiceTone(invoice.status) === 'unpaid') ?? [];

  return (
    <Stack gap="lg">
      <div>
        <Breadcrumbs mb={4}>
          <Anchor component={Link} to={paymentMethodsPath(practice.slug)} size="sm">
            Payment Methods
          </Anchor>
          <Text size="sm">Payment History</Text>
        </Breadcrumbs>
        <Title order={1} size="h2">
          Payment History
        </Title>
        {unpaid.length > 0 && (
          <Text size="sm" c="red.8" fw={600} mt={4}>
            {unpaid.length === 1 ? '1 invoice to pay' : `${unpaid.length} invoices to pay`}: open it to see it and pay.
          </Text>
        )}
      </div>
      {invoices.isPending && <Skeleton h={120} radius="md" />}
      {invoices.isError && <LoadError what="your payment history" error={invoices.error} onRetry={() => void invoices.refetch()} />}
      {invoices.data && invoices.data.items.length === 0 && (
        <EmptyStateCard
          icon={<IconReceiptOff size={28} aria-hidden="true" />}
          title="No invoices yet"
          description={`Invoices from ${practice.name} (visits, products, fees) show here, with what you paid.`}
        />
      )}
      {invoices.data && invoices.data.items.length > 0 && (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label="Invoices">
          {invoices.data.items.map((invoice) => (
            <li key={invoice.id}>
              <InvoiceRow invoice={invoice} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function InvoiceRow({ invoice }: { invoice: PortalInvoiceSummary }) {
  const practice = useCurrentPractice();
  const tone = invoiceTone(invoice.status);
  const date = new Date(invoice.createdAt).toLocaleDateString('en-US', { dateStyle: 'medium', timeZone: practice.timezone });
  const amount =
    tone === 'unpaid'
      ? `${formatMoney(invoice.totals.balanceCents, invoice.currency)} due`
      : formatMoney(invoice.totals.totalCents, invoice.currency);
  return (
    <UnstyledButton component={Link} to={invoicePath(practice.slug, invoice.id)} display="block" w="100%">
      <Paper withBorder radius="md" p="md" bg="white" className={`portal-invoice portal-invoice-${tone}`} data-status={invoice.status}>
        <Group justify="space-between" wrap="nowrap" gap="sm">
          <Box miw={0} style={{ flex: 1 }}>
            <Text fw={600}>
              Invoice #{invoice.number} · <span style={{ whiteSpace: 'nowrap' }}>{date}</span>
            </Text>
            <Text size="sm" c="dimmed" truncate="end">
              {invoice.kindLabel}
              {invoice.clinicName ? ` · ${invoice.clinicName}` : ''}
            </Text>
            <Text fw={700} mt={4} c={tone === 'unpaid' ? 'red.8' : undefined}>
              {amount}
            </Text>
          </Box>
          {/* The status word is never cut: the details beside it wrap instead. */}
          <Group gap="xs" wrap="nowrap" style={{ flexShrink: 0 }}>
            <InvoiceStatusBadge status={invoice.status} label={invoice.statusLabel} />
            <IconChevronRight size={18} aria-hidden="true" />
          </Group>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}
