import { auditPageSchema, type AuditPage } from '@glowdesk/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import type { AuditFilters } from '../audit-filters.ts';
import { auditQueryKeys } from './audit-query-keys.ts';
import { localDateRangeToInstants } from '../practice-day-bounds.ts';

const PAGE_SIZE = 50;

export interface AuditEventsQuery {
  filters: AuditFilters;
  /** The practice's IANA zone: the filter's local dates are days there. */
  timeZone: string;
}

export function getAuditEvents(
  { filters, timeZone }: AuditEventsQuery,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<AuditPage> {
  const range = localDateRangeToInstants({ from: filters.fromDate, to: filters.toDate }, timeZone);
  return apiRequest('/api/v1/audit-events', auditPageSchema, {
    query: { action: filters.action, outcome: filters.outcome, from: range.from, to: range.to, cursor, limit: PAGE_SIZE },
    signal,
  });
}

/** Newest first, a page at a time; `fetchNextPage` follows the server's cursor. */
export function useAuditEvents(query: AuditEventsQuery, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: auditQueryKeys.events(query.timeZone, query.filters),
    queryFn: ({ pageParam, signal }) => getAuditEvents(query, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled,
  });
}
