import { Alert, Text } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';

/** Tells provider and front-desk roles that they see the setup but cannot change it. */
export function ViewOnlyNotice({ what }: { what: string }) {
  return (
    <Alert variant="light" color="gray" icon={<IconEye size={18} stroke={1.6} />} mb="md" title="View only" role="note">
      <Text size="sm">Owners and admins change {what}. If something here needs to change, ask one of them.</Text>
    </Alert>
  );
}
