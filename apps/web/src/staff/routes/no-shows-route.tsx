import { useSession } from '../../features/auth/components/session-context.tsx';
import { NoShowsPage } from '../../features/appointments/components/no-shows-page.tsx';

export function NoShowsRoute() {
  const { practice } = useSession();
  return <NoShowsPage practiceTimeZone={practice.timezone} />;
}
