import { useSession } from '../../../features/auth/components/session-context.tsx';
import { AuditLog } from '../../../features/audit/components/audit-log.tsx';

export function AuditLogRoute() {
  const { practice } = useSession();
  return <AuditLog timeZone={practice.timezone} />;
}
