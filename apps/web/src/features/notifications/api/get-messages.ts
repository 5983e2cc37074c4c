import { messagePageSchema, type MessagePage } from '@glowdesk/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { messageListKey, type MessageFilters } from './notifications-query-keys.ts';

const PAGE_SIZE = 50;
/** While a message on screen waits for the delivery worker (it polls every second), refresh soon. */
const IN_FLIGHT_REFRESH_MS = 2_000;
const IDLE_REFRESH_MS = 15_000;

/** How soon to refresh a list: soon while any message in it is still queued or being sent. */
export function messageListRefreshInterval(pages: readonly MessagePage[] | undefined): number {
  const inFlight = pages?.some((page) => page.items.some((item) => item.status === 'queued' || item.status === 'sending'));
  return inFlight ? IN_FLIGHT_REFRESH_MS : IDLE_REFRESH_MS;
}

export function getMessages(filters: MessageFilters, cursor: string | undefined, signal?: AbortSignal): Promise<MessagePage> {
  return apiRequest('/api/v1/messages', messagePageSchema, {
    query: { ...filters, cursor, limit: PAGE_SIZE },
    signal,
  });
}

/** Newest first, a page at a time; `fetchNextPage` follows the server's cursor. */
export function useMessages(filters: MessageFilters) {
  return useInfiniteQuery({
    queryKey: messageListKey(filters),
    queryFn: ({ pageParam, signal }) => getMessages(filters, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Delivery changes a message's status within seconds: keep what is on screen current.
    staleTime: 0,
    refetchInterval: (query) => messageListRefreshInterval(query.state.data?.pages),
  });
}
