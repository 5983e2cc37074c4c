import { useSession } from '../../../features/auth/components/session-context.tsx';
import { ServicesSettings } from '../../../features/practice-setup/components/services/services-settings.tsx';
import { canManageSettings } from './settings-sections.ts';

export function ServicesSettingsRoute() {
  const { staff } = useSession();
  return <ServicesSettings canManage={canManageSettings(staff.role)} />;
}
