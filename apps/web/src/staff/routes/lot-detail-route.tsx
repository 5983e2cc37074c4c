import { useParams } from 'react-router';
import { LotDetailPage } from '../../features/emr/components/lot-detail-page.tsx';

export function LotDetailRoute() {
  const { lotId = '' } = useParams();
  return <LotDetailPage key={lotId} lotId={lotId} />;
}
