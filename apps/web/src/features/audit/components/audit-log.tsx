import { Button, Center, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { IconFilterOff, IconListDetails } from '@tabler/icons-react';
import { useSearchParams } from 'react-router';
import { isApiProblem } from '../../../shared/api/api-problem.ts';
import { EmptyStateCard } from '../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../shared/layout/load-error.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { useAuditEvents } from '../api/get-audit-events.ts';
import { dateRangeProblem, hasAuditFilters, readAuditFilters, writeAuditFilters, type AuditFilters } from '../audit-filters.ts';
import { AuditEventTable } from './audit-event-table.tsx';
import { AuditFilterBar } from './audit-filter-bar.tsx';

const TITLE = 'Audit log';

function AuditTableSkeleton() {
  return (
    <Stack gap="sm" p="md" role="status" aria-label="Loading audit events">
      {[0, 1, 2, 3, 4].map((row) => (
        <Skeleton key={row} height={30} radius="sm" />
      ))}
    </Stack>
  );
}

/** Settings → Audit log: who did what and when, newest first, filterable and paged. */
export function AuditLog({ timeZone }: { timeZone: string }) {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = readAuditFilters(searchParams);
  const rangeProblem = dateRangeProblem(filters);
  const events = useAuditEvents({ filters, timeZone }, { enabled: rangeProblem === undefined });
  const applyFilters = (next: AuditFilters) => setSearchParams(writeAuditFilters(next), { replace: true });

  if (isApiProblem(events.error, 403)) {
    return (
      <>
        <PageHeader title={TITLE} size="section" />
        <RestrictedNotice title="Your role cannot view the audit log">
          The audit log records sign-ins and changes across the practice, so only owners and admins can open it. Ask one of them if you need
          an event looked up.
        </RestrictedNotice>
      </>
    );
  }

  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = hasAuditFilters(filters);

  function renderResults() {
    if (events.isError) return <LoadError what="the audit log" error={events.error} onRetry={() => void events.refetch()} />;
    if (rangeProblem) return null;
    if (events.isPending) {
      return (
        <Paper withBorder radius="lg" bg="white">
          <AuditTableSkeleton />
        </Paper>
      );
    }
    if (items.length === 0) {
      return filtered ? (
        <EmptyStateCard
          icon={<IconFilterOff size={26} stroke={1.6} />}
          title="No events match these filters"
          description="Try a wider date range, or another action or outcome."
          actions={
            <Button variant="light" onClick={() => applyFilters({})}>
              Clear filters
            </Button>
          }
        />
      ) : (
        <EmptyStateCard
          icon={<IconListDetails size={26} stroke={1.6} />}
          title="No events recorded yet"
          description="Sign-ins, changes to the practice and access to client records will be listed here as they happen."
        />
      );
    }
    return (
      <>
        <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
          <AuditEventTable events={items} timeZone={timeZone} />
        </Paper>
        <Center mt="md">
          {events.hasNextPage ? (
            <Button variant="default" onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
              Load more
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              {items.length === 1 ? 'That is the only event.' : `All ${items.length} events shown.`}
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
        size="section"
        description="Sign-ins, changes to the practice and access to client records, newest first. Select a row to see its request ID and what changed."
      />
      <AuditFilterBar filters={filters} onChange={applyFilters} timeZone={timeZone} dateRangeProblem={rangeProblem} />
      {renderResults()}
    </>
  );
}
