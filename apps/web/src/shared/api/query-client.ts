import { QueryClient } from '@tanstack/react-query';
import { isApiProblem } from './api-problem.ts';

const MAX_RETRIES = 2;

/** Retries only what may succeed on a second try: network failures and 5xx, never 4xx. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= MAX_RETRIES) return false;
  if (!isApiProblem(error)) return true;
  return error.status === 0 || error.status >= 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 15_000, refetchOnWindowFocus: true },
      mutations: { retry: false },
    },
  });
}
