import { useSession } from '../../../features/auth/components/session-context.tsx';
import { ProvidersSettings } from '../../../features/practice-setup/components/providers/providers-settings.tsx';
import { useStaff } from '../../../features/staff/api/get-staff.ts';
import { canManageSettings } from './settings-sections.ts';

/** Staff accounts are listed for owners and admins only: they are the ones who make someone a provider. */
function ManagedProvidersSettings() {
  const staffAccounts = useStaff();
  return <ProvidersSettings canManage staffAccounts={staffAccounts.data} />;
}

export function ProvidersSettingsRoute() {
  const { staff } = useSession();
  return canManageSettings(staff.role) ? <ManagedProvidersSettings /> : <ProvidersSettings canManage={false} staffAccounts={undefined} />;
}
