import { useEffect } from 'react';
import { isApiProblem } from '../shared/api/api-problem.ts';
import { FullPageLoader } from '../shared/layout/full-page-loader.tsx';
import { LoadError } from '../shared/layout/load-error.tsx';
import { CurrentPracticeContext } from '../portal/layout/current-practice.ts';
import { useBookingCatalog } from './api/booking-catalog.ts';
import { BookingFlow } from './booking-flow.tsx';
import { BookFrame } from './layout/book-frame.tsx';
import { BookNotFoundPage } from './layout/book-not-found-page.tsx';

/** Looks the practice's online catalog up by the address's slug; an unknown slug gets a page that says so. */
export function BookingPage({ slug }: { slug: string }) {
  const catalog = useBookingCatalog(slug);
  const practice = catalog.data?.practice;
  useEffect(() => {
    if (practice) document.title = `Book an appointment · ${practice.name}`;
  }, [practice]);

  if (catalog.isPending) return <FullPageLoader label="Loading the booking page…" />;
  if (catalog.isError) {
    if (isApiProblem(catalog.error, 404) || isApiProblem(catalog.error, 400)) return <BookNotFoundPage slug={slug} />;
    return (
      <BookFrame practiceName={undefined}>
        <LoadError what="this clinic's booking page" error={catalog.error} onRetry={() => void catalog.refetch()} />
      </BookFrame>
    );
  }
  return (
    // The portal's sign-in steps, reused on this page, read the practice from here.
    <CurrentPracticeContext.Provider value={catalog.data.practice}>
      <BookFrame practiceName={catalog.data.practice.name}>
        <BookingFlow slug={slug} catalog={catalog.data} />
      </BookFrame>
    </CurrentPracticeContext.Provider>
  );
}
