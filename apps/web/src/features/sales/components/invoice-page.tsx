import type { Invoice } from '@glowdesk/contracts';
import { Anchor, Button, Grid, Group, Skeleton, Stack } from '@mantine/core';
import { IconArrowBackUp, IconArrowLeft, IconBan, IconCash, IconPrinter, IconReceiptOff } from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { useAllClinics } from '../api/get-all-clinics.ts';
import { receiptUrl, useInvoice } from '../api/get-invoice.ts';
import { SALES_PATH } from '../invoice-paths.ts';
import { InvoiceHistoryCard } from './invoice-history-card.tsx';
import { InvoiceLinesCard } from './invoice-lines-card.tsx';
import { InvoicePaymentsCard } from './invoice-payments-card.tsx';
import { InvoiceRefundsCard } from './invoice-refunds-card.tsx';
import { InvoiceSummaryCard } from './invoice-summary-card.tsx';
import { PayInvoiceModal } from './pay-invoice-modal.tsx';
import { RefundInvoiceModal } from './refund-invoice-modal.tsx';
import { VoidInvoiceModal } from './void-invoice-modal.tsx';

type Dialog = 'pay' | 'refund' | 'void' | null;

function BackToSales() {
  return (
    <Anchor component={Link} to={SALES_PATH} size="sm" mb="xs" display="inline-block">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} /> Sales
      </Group>
    </Anchor>
  );
}

/** One invoice: what was billed, paid and refunded, its history, and what may be done with it now. */
export function InvoicePage({ invoiceId, practiceTimeZone }: { invoiceId: string; practiceTimeZone: string }) {
  const invoice = useInvoice(invoiceId);
  const clinics = useAllClinics();

  if (invoice.isPending) {
    return (
      <>
        <BackToSales />
        <Stack gap="md" role="status" aria-label="Loading the invoice">
          <Skeleton height={34} width={260} />
          <Skeleton height={220} radius="lg" />
          <Skeleton height={140} radius="lg" />
        </Stack>
      </>
    );
  }
  if (invoice.isError) {
    if (isApiProblem(invoice.error, 403)) {
      return (
        <>
          <PageHeader title="Invoice" />
          <RestrictedNotice title="Your role cannot open invoices">
            Invoices, payments and refunds are handled by the front desk, admins and owners.
          </RestrictedNotice>
        </>
      );
    }
    if (isApiProblem(invoice.error, 404) || isApiProblem(invoice.error, 400)) {
      return (
        <>
          <BackToSales />
          <PageHeader title="Invoice not found" />
          <EmptyStateCard
            icon={<IconReceiptOff size={26} stroke={1.6} />}
            title="There is no such invoice"
            description="The link may be mistyped, or the invoice belongs to another practice. Find it in Sales by date, clinic or status."
            actions={
              <Button component={Link} to={SALES_PATH} variant="light">
                Go to Sales
              </Button>
            }
          />
        </>
      );
    }
    return (
      <>
        <BackToSales />
        <LoadError what="the invoice" error={invoice.error} onRetry={() => void invoice.refetch()} />
      </>
    );
  }

  const clinicZone = clinics.data?.find((clinic) => clinic.id === invoice.data.clinicId)?.timezone;
  const timeZone = invoice.data.appointment?.timeZone ?? clinicZone ?? practiceTimeZone;
  return <InvoiceDetails invoice={invoice.data} timeZone={timeZone} />;
}

function InvoiceDetails({ invoice, timeZone }: { invoice: Invoice; timeZone: string }) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  return (
    <>
      <BackToSales />
      <PageHeader
        title={`Invoice #${invoice.number}`}
        description={`${invoice.kindLabel}${invoice.clinic ? ` · ${invoice.clinic.name}` : ''}`}
        actions={
          <>
            <Button
              component="a"
              href={receiptUrl(invoice.id)}
              target="_blank"
              rel="noopener"
              variant="default"
              leftSection={<IconPrinter size={16} />}
            >
              Print receipt
            </Button>
            {invoice.actions.void && (
              <Button variant="default" color="red" leftSection={<IconBan size={16} />} onClick={() => setDialog('void')}>
                Void
              </Button>
            )}
            {invoice.actions.refund && (
              <Button variant="default" leftSection={<IconArrowBackUp size={16} />} onClick={() => setDialog('refund')}>
                Refund
              </Button>
            )}
            {invoice.actions.pay && (
              <Button leftSection={<IconCash size={16} />} onClick={() => setDialog('pay')}>
                Pay
              </Button>
            )}
          </>
        }
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <Stack gap="md">
            <InvoiceLinesCard invoice={invoice} />
            <InvoicePaymentsCard invoice={invoice} timeZone={timeZone} />
            <InvoiceRefundsCard invoice={invoice} timeZone={timeZone} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <Stack gap="md">
            <InvoiceSummaryCard invoice={invoice} timeZone={timeZone} />
            <InvoiceHistoryCard invoice={invoice} timeZone={timeZone} />
          </Stack>
        </Grid.Col>
      </Grid>
      <PayInvoiceModal invoice={dialog === 'pay' ? invoice : null} onClose={close} />
      <RefundInvoiceModal invoice={dialog === 'refund' ? invoice : null} timeZone={timeZone} onClose={close} />
      <VoidInvoiceModal invoice={dialog === 'void' ? invoice : null} onClose={close} />
    </>
  );
}
