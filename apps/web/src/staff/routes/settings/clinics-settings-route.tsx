import { useSession } from '../../../features/auth/components/session-context.tsx';
import { ClinicsSettings } from '../../../features/practice-setup/components/clinics/clinics-settings.tsx';
import { canManageSettings } from './settings-sections.ts';

export function ClinicsSettingsRoute() {
  const { staff, practice } = useSession();
  return <ClinicsSettings canManage={canManageSettings(staff.role)} practiceTimeZone={practice.timezone} />;
}
