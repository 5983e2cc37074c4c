import { useSession } from '../../../features/auth/components/session-context.tsx';
import { MessageTemplatesSettings } from '../../../features/notifications/components/message-templates-settings.tsx';
import { canManageSettings } from './settings-sections.ts';

export function MessageTemplatesSettingsRoute() {
  const { practice, staff } = useSession();
  return <MessageTemplatesSettings timeZone={practice.timezone} canEdit={canManageSettings(staff.role)} />;
}
