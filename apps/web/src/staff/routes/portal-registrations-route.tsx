import { PortalRegistrations } from '../../features/patients/components/portal-registrations.tsx';

export function PortalRegistrationsRoute() {
  return <PortalRegistrations />;
}
