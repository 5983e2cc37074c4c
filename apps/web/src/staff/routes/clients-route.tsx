import { IconUsers } from '@tabler/icons-react';
import { EmptyStateCard } from '../../shared/layout/empty-state-card.tsx';
import { PageHeader } from '../../shared/layout/page-header.tsx';
import { SetupNextStep } from './setup-next-step.tsx';

export function ClientsRoute() {
  return (
    <>
      <PageHeader
        title="Clients"
        description="Every client of the practice, with their contact details, history, paperwork, wallet and memberships."
      />
      <EmptyStateCard
        icon={<IconUsers size={26} stroke={1.6} />}
        title="No client profiles yet"
        description="Client profiles will be listed here, searchable by name, email or phone. A client who books online gets a profile automatically, and the front desk can create one while booking."
        actions={<SetupNextStep />}
      />
    </>
  );
}
