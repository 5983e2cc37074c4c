import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appointmentQueryKeys } from './appointment-query-keys.ts';
import { checkBookChanges } from './get-book-changes.ts';

const bookKey = appointmentQueryKeys.list({ clinicId: 'clinic-1', from: 'a', to: 'b' });
const drawerKey = appointmentQueryKeys.detail('appointment-1');

function answering(...tokens: string[]) {
  const fetchMock = vi.fn((_url: string) => {
    const token = tokens.shift() ?? 'unexpected';
    return Promise.resolve(new Response(JSON.stringify({ token }), { status: 200, headers: { 'content-type': 'application/json' } }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function clientWithBook(): QueryClient {
  const queryClient = new QueryClient();
  queryClient.setQueryData(bookKey, []);
  queryClient.setQueryData(drawerKey, {});
  return queryClient;
}

/** One poll: what checkBookChanges answers becomes the held token, as the query would keep it. */
async function poll(queryClient: QueryClient): Promise<void> {
  const answer = await checkBookChanges(queryClient);
  queryClient.setQueryData(appointmentQueryKeys.bookChanges(), answer);
}

const invalidated = (queryClient: QueryClient) =>
  [bookKey, drawerKey].filter((key) => queryClient.getQueryState(key)?.isInvalidated).length;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the open book checks the change token', () => {
  it('asks /api/v1/appointments/changes and leaves the book alone on the first answer and while the token holds', async () => {
    const fetchMock = answering('t1', 't1');
    const queryClient = clientWithBook();

    await poll(queryClient);
    await poll(queryClient);

    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/v1/appointments/changes');
    expect(invalidated(queryClient)).toBe(0);
  });

  it('refetches the book and the open appointment when the token moves', async () => {
    answering('t1', 't2');
    const queryClient = clientWithBook();

    await poll(queryClient);
    await poll(queryClient);

    expect(invalidated(queryClient)).toBe(2);
  });
});
