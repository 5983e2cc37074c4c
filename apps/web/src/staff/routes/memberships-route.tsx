import { Button, Text } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useSession } from '../../features/auth/components/session-context.tsx';
import { MembershipsPage } from '../../features/memberships/components/memberships-page.tsx';
import { canManageSettings } from './settings/settings-sections.ts';

export function MembershipsRoute() {
  const { staff } = useSession();
  return (
    <MembershipsPage
      emptyActions={
        canManageSettings(staff.role) ? (
          <Button component={Link} to="/settings/memberships" variant="light" leftSection={<IconSettings size={16} />}>
            Set up plans and coupons
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            Your practice owner or an admin sets up membership plans in Settings.
          </Text>
        )
      }
    />
  );
}
