import { useParams } from 'react-router';
import { useSession } from '../../features/auth/components/session-context.tsx';
import { ClientProfile } from '../../features/patients/components/client-profile.tsx';

export function ClientProfileRoute() {
  const { patientId = '' } = useParams();
  const { practice } = useSession();
  return <ClientProfile key={patientId} patientId={patientId} practiceTimeZone={practice.timezone} />;
}
