import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { createQueryClient } from '../shared/api/query-client.ts';
import { glowdeskCssVariables, glowdeskTheme } from '../shared/theme/theme.ts';
import { createStaffRouter } from './router.tsx';
import { redirectToSignInOnUnauthenticated } from './session-redirect.ts';

const queryClient = createQueryClient();
const router = createStaffRouter();
redirectToSignInOnUnauthenticated(router, queryClient);

/** The staff control center: theme, data cache and routes. */
export function StaffApp() {
  return (
    <MantineProvider theme={glowdeskTheme} cssVariablesResolver={glowdeskCssVariables} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
