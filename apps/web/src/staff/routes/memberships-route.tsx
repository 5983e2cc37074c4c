import { IconRosetteDiscountCheck } from '@tabler/icons-react';
import { EmptyStateCard } from '../../shared/layout/empty-state-card.tsx';
import { PageHeader } from '../../shared/layout/page-header.tsx';
import { SetupNextStep } from './setup-next-step.tsx';

export function MembershipsRoute() {
  return (
    <>
      <PageHeader title="Memberships" description="Membership plans with recurring billing, and the clients enrolled in them." />
      <EmptyStateCard
        icon={<IconRosetteDiscountCheck size={26} stroke={1.6} />}
        title="No membership plans yet"
        description="Each plan will show its monthly or yearly fee, its draw day and its members. Members can be enrolled from their client profile, or join themselves from the patient portal."
        actions={<SetupNextStep />}
      />
    </>
  );
}
