import { useSession } from '../../../features/auth/components/session-context.tsx';
import { ReminderSettings } from '../../../features/notifications/components/reminder-settings.tsx';

export function RemindersSettingsRoute() {
  const { practice } = useSession();
  return <ReminderSettings timeZone={practice.timezone} />;
}
