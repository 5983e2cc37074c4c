import { useSession } from '../../../features/auth/components/session-context.tsx';
import { PackagesSettings } from '../../../features/practice-setup/components/packages/packages-settings.tsx';
import { canManageSettings } from './settings-sections.ts';

export function PackagesSettingsRoute() {
  const { staff } = useSession();
  return <PackagesSettings canManage={canManageSettings(staff.role)} />;
}
