import type { QueryClient } from '@tanstack/react-query';
import { onUnauthenticated } from '../shared/api/api-client.ts';
import { meQueryKey } from '../features/auth/api/get-me.ts';

export const HOME_PATH = '/appointments';
export const LOGIN_PATH = '/login';

export type SignInReason = 'session_ended' | 'signed_out';

interface Navigator {
  navigate(to: string, options: { replace: boolean; state?: { reason: SignInReason } }): Promise<void> | void;
  state: { location: { pathname: string; search: string } };
}

/** Only same-app paths; never `//host` or absolute URLs (an open redirect). */
export function safeReturnPath(next: string | null): string | undefined {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return undefined;
  if (next === LOGIN_PATH || next.startsWith(`${LOGIN_PATH}?`)) return undefined;
  return next;
}

export function loginPathReturningTo(pathname: string, search: string): string {
  const here = `${pathname}${search}`;
  if (pathname === '/' || pathname === HOME_PATH) return LOGIN_PATH;
  return `${LOGIN_PATH}?next=${encodeURIComponent(here)}`;
}

/**
 * Sends the browser to sign-in whenever the API says the session is gone. Someone who was
 * signed in (the session had loaded) is told their session ended; a first visit is not.
 */
export function redirectToSignInOnUnauthenticated(router: Navigator, queryClient: QueryClient): void {
  onUnauthenticated(() => {
    const { pathname, search } = router.state.location;
    if (pathname === LOGIN_PATH) return;
    // The cache is cleared on the next sign-in; clearing it here would make mounted pages refetch.
    const wasSignedIn = queryClient.getQueryData(meQueryKey) !== undefined;
    void router.navigate(loginPathReturningTo(pathname, search), {
      replace: true,
      ...(wasSignedIn ? { state: { reason: 'session_ended' } } : {}),
    });
  });
}
