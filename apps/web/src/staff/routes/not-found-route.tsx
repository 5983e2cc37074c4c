import { Button } from '@mantine/core';
import { IconMapSearch } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyStateCard } from '../../shared/layout/empty-state-card.tsx';
import { PageHeader } from '../../shared/layout/page-header.tsx';

export function NotFoundRoute() {
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyStateCard
        icon={<IconMapSearch size={26} stroke={1.6} />}
        title="There is nothing at this address"
        description="The link may be mistyped, or the page may have moved. Use the tabs above, or go back to the appointment book."
        actions={
          <Button component={Link} to="/appointments" variant="light">
            Go to Appointments
          </Button>
        }
      />
    </>
  );
}
