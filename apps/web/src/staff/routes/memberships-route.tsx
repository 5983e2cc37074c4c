import { MembershipsPage } from '../../features/memberships/components/memberships-page.tsx';
import { SetupNextStep } from './setup-next-step.tsx';

export function MembershipsRoute() {
  return <MembershipsPage emptyActions={<SetupNextStep />} />;
}
