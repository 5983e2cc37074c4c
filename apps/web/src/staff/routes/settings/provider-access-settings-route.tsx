import { Stack } from '@mantine/core';
import { useSession } from '../../../features/auth/components/session-context.tsx';
import { MdCosignatureSettings } from '../../../features/practice-settings/components/md-cosignature-settings.tsx';
import { ProviderAccessSettings } from '../../../features/practice-settings/components/provider-access-settings.tsx';
import { canManageSettings } from './settings-sections.ts';

export function ProviderAccessSettingsRoute() {
  const { staff } = useSession();
  return (
    <Stack gap="xl">
      <ProviderAccessSettings canManage={canManageSettings(staff.role)} />
      <MdCosignatureSettings canManage={canManageSettings(staff.role)} />
    </Stack>
  );
}
