import { EmrBoardPage } from '../../features/emr/components/emr-board-page.tsx';

export function EmrRoute() {
  return <EmrBoardPage />;
}
