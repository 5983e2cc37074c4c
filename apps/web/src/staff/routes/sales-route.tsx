import { useSession } from '../../features/auth/components/session-context.tsx';
import { SalesPage } from '../../features/sales/components/sales-page.tsx';
import { SetupNextStep } from './setup-next-step.tsx';

export function SalesRoute() {
  const { practice } = useSession();
  return <SalesPage practiceTimeZone={practice.timezone} emptyActions={<SetupNextStep />} />;
}
