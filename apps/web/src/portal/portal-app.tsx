import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { onUnauthenticated } from '../shared/api/api-client.ts';
import { createQueryClient } from '../shared/api/query-client.ts';
import { glowdeskCssVariables, glowdeskTheme } from '../shared/theme/theme.ts';
import { portalSlugOf, signInPath } from './portal-paths.ts';
import { createPortalRouter } from './router.tsx';

const queryClient = createQueryClient();
const router = createPortalRouter();

// A patient session that ends (idle timeout, sign-out elsewhere) sends the patient back to the
// sign-in page of the portal they are on, with nothing of theirs left in the cache.
onUnauthenticated(() => {
  const slug = portalSlugOf(router.state.location.pathname);
  if (!slug) return;
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] === 'portal' && query.queryKey[2] !== 'practice' });
  void router.navigate(signInPath(slug), { replace: true });
});

/** The patient portal: theme, data cache and routes, apart from the staff app. */
export function PortalApp() {
  return (
    <MantineProvider theme={glowdeskTheme} cssVariablesResolver={glowdeskCssVariables} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
