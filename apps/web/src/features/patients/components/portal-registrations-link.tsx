import { Badge, Button } from '@mantine/core';
import { IconUserCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMayHandleRegistrations, usePortalRegistrationCount } from '../api/portal-registrations.ts';

/** Clients → Portal registrations, with how many wait; for the roles that handle them. */
export function PortalRegistrationsLink() {
  const mayHandle = useMayHandleRegistrations();
  const count = usePortalRegistrationCount();
  if (!mayHandle) return null;
  const waiting = count.data?.count ?? 0;
  return (
    <Button
      component={Link}
      to="/clients/portal-registrations"
      variant="default"
      leftSection={<IconUserCheck size={18} aria-hidden="true" />}
      rightSection={
        waiting > 0 ? (
          <Badge color="orange" size="sm" circle={waiting < 10} aria-label={`${waiting} waiting`}>
            {waiting}
          </Badge>
        ) : undefined
      }
    >
      Portal registrations
    </Button>
  );
}
