import { IconReceipt2 } from '@tabler/icons-react';
import { EmptyStateCard } from '../../shared/layout/empty-state-card.tsx';
import { PageHeader } from '../../shared/layout/page-header.tsx';
import { SetupNextStep } from './setup-next-step.tsx';

export function SalesRoute() {
  return (
    <>
      <PageHeader title="Sales" description="Invoices, payments and refunds across all clinics." />
      <EmptyStateCard
        icon={<IconReceipt2 size={26} stroke={1.6} />}
        title="No sales yet"
        description="Invoices, payments, refunds and appointment cancellation or no-show charges will be listed here, newest first. Open any invoice to see what was paid and to refund it."
        actions={<SetupNextStep />}
      />
    </>
  );
}
