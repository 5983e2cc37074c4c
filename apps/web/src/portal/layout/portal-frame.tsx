import { Outlet, useParams } from 'react-router';
import { isApiProblem } from '../../shared/api/api-problem.ts';
import { FullPageLoader } from '../../shared/layout/full-page-loader.tsx';
import { usePortalPractice } from '../api/portal-session.ts';
import { CurrentPracticeContext } from './current-practice.ts';
import { PortalError } from './portal-error.tsx';
import { UnknownPortalPage } from './unknown-portal-page.tsx';

/** Looks the practice up by the address's slug; an unknown slug gets a page that says so. */
export function PortalFrame() {
  const { slug = '' } = useParams();
  const practice = usePortalPractice(slug);
  if (practice.isPending) return <FullPageLoader label="Loading the portal…" />;
  if (practice.isError) {
    if (isApiProblem(practice.error, 404) || isApiProblem(practice.error, 400)) return <UnknownPortalPage reason="address" />;
    return <PortalError what="this clinic's portal" error={practice.error} onRetry={() => void practice.refetch()} />;
  }
  return (
    <CurrentPracticeContext.Provider value={practice.data}>
      <Outlet />
    </CurrentPracticeContext.Provider>
  );
}
