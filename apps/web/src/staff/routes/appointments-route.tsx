import { useSession } from '../../features/auth/components/session-context.tsx';
import { AppointmentBookShell } from '../../features/appointments/components/appointment-book-shell.tsx';
import { SetupNextStep } from './setup-next-step.tsx';

export function AppointmentsRoute() {
  const { practice } = useSession();
  return <AppointmentBookShell timeZone={practice.timezone} setupAction={<SetupNextStep />} />;
}
