import { Button, Paper } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { EmptyStateCard } from '../../../../shared/layout/empty-state-card.tsx';
import { LoadError } from '../../../../shared/layout/load-error.tsx';
import { SetupTableSkeleton } from './setup-table-skeleton.tsx';

interface SetupListProps<T> {
  /** Plural, lower case: "clinics". */
  what: string;
  query: { data: readonly T[] | undefined; isError: boolean; error: unknown; refetch: () => unknown };
  /** The records left after the page's filters. */
  visible: readonly T[];
  /** Shown when there are no records at all: what to do next. */
  emptyState: ReactNode;
  onClearFilters: () => void;
  children: (records: readonly T[]) => ReactNode;
}

/** A setup list's states: failed, loading, nothing yet, nothing matching the filters, or the table. */
export function SetupList<T>({ what, query, visible, emptyState, onClearFilters, children }: SetupListProps<T>) {
  if (query.isError) return <LoadError what={`the ${what}`} error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <SetupTableSkeleton label={`Loading ${what}`} />;
  if (query.data.length === 0) return emptyState;
  if (visible.length === 0) {
    return (
      <EmptyStateCard
        icon={<IconFilterOff size={26} stroke={1.6} />}
        title={`No ${what} match these filters`}
        description={`Show all ${what}, or choose another filter above.`}
        actions={
          <Button variant="light" onClick={onClearFilters}>
            Show all {what}
          </Button>
        }
      />
    );
  }
  return (
    <Paper withBorder radius="lg" bg="white" style={{ overflow: 'hidden' }}>
      {children(visible)}
    </Paper>
  );
}
