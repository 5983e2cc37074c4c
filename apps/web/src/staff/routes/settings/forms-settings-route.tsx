import { useSession } from '../../../features/auth/components/session-context.tsx';
import { FormsSettings } from '../../../features/paperwork/components/forms-settings.tsx';
import { canManageSettings } from './settings-sections.ts';

export function FormsSettingsRoute() {
  const { staff, practice } = useSession();
  return <FormsSettings canManage={canManageSettings(staff.role)} timeZone={practice.timezone} />;
}
