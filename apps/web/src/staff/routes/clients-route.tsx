import { ClientDirectory } from '../../features/patients/components/client-directory.tsx';

export function ClientsRoute() {
  return <ClientDirectory />;
}
