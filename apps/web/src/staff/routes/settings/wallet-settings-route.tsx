import { useSession } from '../../../features/auth/components/session-context.tsx';
import { WalletSettings } from '../../../features/wallet/components/wallet-settings.tsx';
import { canManageSettings } from './settings-sections.ts';

export function WalletSettingsRoute() {
  const { staff } = useSession();
  return <WalletSettings canManage={canManageSettings(staff.role)} />;
}
