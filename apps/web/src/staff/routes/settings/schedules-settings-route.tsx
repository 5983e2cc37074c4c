import { useSession } from '../../../features/auth/components/session-context.tsx';
import { SchedulesSettings } from '../../../features/practice-setup/components/schedules/schedules-settings.tsx';
import { canManageSettings } from './settings-sections.ts';

export function SchedulesSettingsRoute() {
  const { staff } = useSession();
  return <SchedulesSettings canManage={canManageSettings(staff.role)} />;
}
