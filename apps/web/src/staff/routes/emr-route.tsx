import { IconClipboardHeart } from '@tabler/icons-react';
import { EmptyStateCard } from '../../shared/layout/empty-state-card.tsx';
import { PageHeader } from '../../shared/layout/page-header.tsx';
import { SetupNextStep } from './setup-next-step.tsx';

export function EmrRoute() {
  return (
    <>
      <PageHeader title="EMR" description="The day's procedures, charts, consents and questionnaires." />
      <EmptyStateCard
        icon={<IconClipboardHeart size={26} stroke={1.6} />}
        title="No procedures on the board"
        description="Each booked procedure will appear on this board with its paperwork status, photos and chart. Signed charts and consents are kept unchanged; later notes are added as addenda."
        actions={<SetupNextStep />}
      />
    </>
  );
}
