import { useSession } from '../../features/auth/components/session-context.tsx';
import { AppointmentBook } from '../../features/appointments/components/appointment-book.tsx';
import { SetupNextStep } from './setup-next-step.tsx';

export function AppointmentsRoute() {
  const { practice } = useSession();
  return <AppointmentBook practiceTimeZone={practice.timezone} setupAction={<SetupNextStep />} />;
}
