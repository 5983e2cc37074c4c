import { useSession } from '../../../features/auth/components/session-context.tsx';
import { ResourcesSettings } from '../../../features/practice-setup/components/resources/resources-settings.tsx';
import { canManageSettings } from './settings-sections.ts';

export function ResourcesSettingsRoute() {
  const { staff } = useSession();
  return <ResourcesSettings canManage={canManageSettings(staff.role)} />;
}
