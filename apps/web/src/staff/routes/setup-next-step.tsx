import { Button, Text } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useSession } from '../../features/auth/components/session-context.tsx';
import { canManageSettings } from './settings/settings-sections.ts';

/** On a page that fills up once the practice is set up: Settings for managers, who to ask for others. */
export function SetupNextStep({ managerLabel = 'Open Settings' }: { managerLabel?: string }) {
  const { staff } = useSession();
  if (canManageSettings(staff.role)) {
    return (
      <Button component={Link} to="/settings" variant="light" leftSection={<IconSettings size={16} />}>
        {managerLabel}
      </Button>
    );
  }
  return (
    <Text size="sm" c="dimmed">
      Your practice owner or an admin sets up the practice in Settings.
    </Text>
  );
}
