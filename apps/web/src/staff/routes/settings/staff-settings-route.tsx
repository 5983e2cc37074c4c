import { useSession } from '../../../features/auth/components/session-context.tsx';
import { StaffDirectory } from '../../../features/staff/components/staff-directory.tsx';

export function StaffSettingsRoute() {
  const { staff, practice } = useSession();
  return <StaffDirectory viewer={{ staffId: staff.id, role: staff.role }} timeZone={practice.timezone} />;
}
