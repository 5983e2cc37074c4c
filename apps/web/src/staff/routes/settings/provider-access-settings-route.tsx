import { useSession } from '../../../features/auth/components/session-context.tsx';
import { ProviderAccessSettings } from '../../../features/practice-settings/components/provider-access-settings.tsx';
import { canManageSettings } from './settings-sections.ts';

export function ProviderAccessSettingsRoute() {
  const { staff } = useSession();
  return <ProviderAccessSettings canManage={canManageSettings(staff.role)} />;
}
