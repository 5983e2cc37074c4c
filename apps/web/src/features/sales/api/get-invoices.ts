import { invoiceListSchema, type InvoiceList } from '@glowdesk/contracts';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { addDays, zonedInstant } from '../../appointments/clinic-time.ts';
import type { InvoiceFilters } from '../invoice-filters.ts';
import { invoiceListsKey } from './invoice-query-keys.ts';

const PAGE_SIZE = 50;

export interface InvoicesQuery {
  filters: InvoiceFilters;
  /** The zone the filter's local dates are days in: the chosen clinic's, else the practice's. */
  timeZone: string;
}

/** The filter's whole local days as the half-open instant range the API takes. */
function instantRange({ filters, timeZone }: InvoicesQuery): { from?: string; to?: string } {
  return {
    ...(filters.fromDate ? { from: zonedInstant(filters.fromDate, 0, timeZone).toISOString() } : {}),
    ...(filters.toDate ? { to: zonedInstant(addDays(filters.toDate, 1), 0, timeZone).toISOString() } : {}),
  };
}

export function getInvoices(query: InvoicesQuery, cursor: string | undefined, signal?: AbortSignal): Promise<InvoiceList> {
  const { filters } = query;
  return apiRequest('/api/v1/invoices', invoiceListSchema, {
    query: {
      ...instantRange(query),
      clinicId: filters.clinicId,
      status: filters.status,
      kind: filters.kind,
      cursor,
      limit: PAGE_SIZE,
    },
    signal,
  });
}

/** Invoices newest first, a page at a time; `fetchNextPage` follows the server's cursor. */
export function useInvoices(query: InvoicesQuery, { enabled = true }: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: [...invoiceListsKey, 'sales', query.timeZone, query.filters],
    queryFn: ({ pageParam, signal }) => getInvoices(query, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}
