import { useSession } from '../../../features/auth/components/session-context.tsx';
import { MembershipSettings } from '../../../features/memberships/components/membership-settings.tsx';
import { canManageSettings } from './settings-sections.ts';

export function MembershipsSettingsRoute() {
  const { staff } = useSession();
  return <MembershipSettings canManage={canManageSettings(staff.role)} />;
}
