import { staffRoleLabels } from '@glowdesk/contracts';
import { Navigate } from 'react-router';
import { useSession } from '../../../features/auth/components/session-context.tsx';
import { PageHeader } from '../../../shared/layout/page-header.tsx';
import { RestrictedNotice } from '../../../shared/layout/restricted-notice.tsx';
import { canOpenSection, settingsSections } from './settings-sections.ts';

/** Opens the first section this role may manage, or explains that there is none. */
export function SettingsIndexRoute() {
  const { staff } = useSession();
  const first = settingsSections.find((section) => canOpenSection(section, staff.role));
  if (first) return <Navigate to={`/settings/${first.slug}`} replace />;
  return (
    <>
      <PageHeader title="Settings" size="section" description="How the practice is set up: staff, clinics, services and policies." />
      <RestrictedNotice title={`Your role (${staffRoleLabels[staff.role]}) has no settings to manage`}>
        Owners and admins manage the practice's settings. If something needs to change, ask one of them.
      </RestrictedNotice>
    </>
  );
}
