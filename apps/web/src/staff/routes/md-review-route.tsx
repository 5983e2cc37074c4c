import { MdReviewPage } from '../../features/emr/components/md-review-page.tsx';

export function MdReviewRoute() {
  return <MdReviewPage />;
}
