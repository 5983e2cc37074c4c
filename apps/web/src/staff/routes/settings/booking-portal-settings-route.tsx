import { useSession } from '../../../features/auth/components/session-context.tsx';
import { BookingPortalSettingsPage } from '../../../features/booking-portal/components/booking-portal-settings.tsx';

export function BookingPortalSettingsRoute() {
  const { practice, staff } = useSession();
  return <BookingPortalSettingsPage timeZone={practice.timezone} isOwner={staff.role === 'owner'} />;
}
