import { Button, Center, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconFilterOff, IconReceipt2 } from '@tabler/icons-react';
import { useMemo, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { useAllClinics } from '../api/get-all-clinics.ts';
import { useInvoices } from '../api/get-invoices.ts';
import {
  hasInvoiceFilters,
  invoiceDateRangeProblem,
  readInvoiceFilters,
  writeInvoiceFilters,
  type InvoiceFilters,
} from '../invoice-filters.ts';
import { InvoiceFilterBar } from './invoice-filter-bar.tsx';
import { InvoiceTable } from './invoice-table.tsx';

const TITLE = 'Sales';

function InvoiceTableSkeleton() {
  return (
    <Stack gap="sm" p="md" role="status" aria-label="Loading invoices">
      {[0, 1, 2, 3, 4, 5].map((row) => (
        <Skeleton key={row} height={34} radius="sm" />
      ))}
    </Stack>
  );
}

/** The Sales tab: every invoice, newest first, filtered by date, clinic, status and kind. */
export function SalesPage({ practiceTimeZone, emptyActions }: { practiceTimeZone: string; emptyActions?: ReactNode }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readInvoiceFilters(searchParams);
  const clinics = useAllClinics();
  const clinic = clinics.data?.find((candidate) => candidate.id === filters.clinicId);
  // Dates are days in the chosen clinic's zone; across all clinics, in the practice's.
  const timeZone = clinic?.timezone ?? practiceTimeZone;
  const rangeProblem = invoiceDateRangeProblem(filters);
  const invoices = useInvoices({ filters, timeZone }, { enabled: rangeProblem === undefined && (!filters.clinicId || !clinics.isPending) });
  const clinicsById = useMemo(() => new Map((clinics.data ?? []).map((candidate) => [candidate.id, candidate])), [clinics.data]);
  const applyFilters = (next: InvoiceFilters) => setSearchParams(writeInvoiceFilters(next), { replace: true });

  if (isApiProblem(invoices.error, 403)) {
    return (
      <>
        <PageHeader title={TITLE} />
        <RestrictedNotice title="Your role cannot open Sales">
          Invoices, payments and refunds are handled by the front desk, admins and owners. Ask one of them if you need a payment looked up.
        </RestrictedNotice>
      </>
    );
  }

  const items = invoices.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = hasInvoiceFilters(filters);

  function renderResults() {
    if (invoices.isError) return <LoadError what="the invoices" error={invoices.error} onRetry={() => void invoices.refetch()} />;
    if (rangeProblem) return null;
    if (invoices.isPending) {
      return (
        <Paper withBorder radius="lg" bg="white">
          <InvoiceTableSkeleton />
        </Paper>
      );
    }
    if (items.length === 0) {
      return filtered ? (
        <EmptyStateCard
          icon={<IconFilterOff size={26} stroke={1.6} />}
          title="No invoices match these filters"
          description="Try a wider date range, another clinic, or any status and kind."
          actions={
            <Button variant="light" onClick={() => applyFilters({})}>
              Clear filters
            </Button>
          }
        />
      ) : (
        <EmptyStateCard
          icon={<IconReceipt2 size={26} stroke={1.6} />}
          title="No sales yet"
          description="Checkouts, appointment cancellation or no-show charges and product sales will be listed here, newest first. Open any invoice to see what was paid and to refund it."
          actions={emptyActions}
        />
      );
    }
    return (
      <>
        <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden', opacity: invoices.isPlaceholderData ? 0.6 : 1 }}>
          <InvoiceTable invoices={items} clinics={clinicsById} fallbackTimeZone={practiceTimeZone} />
        </Paper>
        <Center mt="md">
          {invoices.hasNextPage ? (
            <Button variant="default" onClick={() => void invoices.fetchNextPage()} loading={invoices.isFetchingNextPage}>
              Load more
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {items.length === 1 ? 'That is the only invoice.' : `All ${items.length} invoices shown.`}
            </Text>
          )}
        </Center>
      </>
    );
  }

  return (
    <>
      <PageHeader
        title={TITLE}
        description="Invoices, payments and refunds across all clinics, newest first. Open an invoice to take payment or refund it."
      />
      <InvoiceFilterBar
        filters={filters}
        onChange={applyFilters}
        clinics={clinics.data ?? []}
        timeZone={timeZone}
        dateRangeProblem={rangeProblem}
      />
      {renderResults()}
    </>
  );
}
