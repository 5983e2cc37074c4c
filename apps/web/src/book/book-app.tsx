import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from '../shared/api/query-client.ts';
import { glowdeskCssVariables, glowdeskTheme } from '../shared/theme/theme.ts';
import { bookSlugOf } from './book-paths.ts';
import { BookingPage } from './booking-page.tsx';
import { BookNotFoundPage } from './layout/book-not-found-page.tsx';

const queryClient = createQueryClient();

/**
 * The online booking page (`/book/<slug>`): theme and data cache, apart from the staff app
 * and the portal. Its steps are one page's state, not routes, so there is no router to load.
 */
export function BookApp() {
  const slug = bookSlugOf(window.location.pathname);
  return (
    <MantineProvider theme={glowdeskTheme} cssVariablesResolver={glowdeskCssVariables} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        {slug ? <BookingPage slug={slug} /> : <BookNotFoundPage slug={undefined} />}
      </QueryClientProvider>
    </MantineProvider>
  );
}
