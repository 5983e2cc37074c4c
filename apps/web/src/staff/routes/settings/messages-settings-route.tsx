import { useSession } from '../../../features/auth/components/session-context.tsx';
import { MessagesSettings } from '../../../features/notifications/components/messages-settings.tsx';

export function MessagesSettingsRoute() {
  const { practice } = useSession();
  return <MessagesSettings timeZone={practice.timezone} />;
}
