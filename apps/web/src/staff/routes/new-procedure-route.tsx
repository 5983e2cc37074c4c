import { NewProcedurePage } from '../../features/emr/components/new-procedure-page.tsx';

export function NewProcedureRoute() {
  return <NewProcedurePage />;
}
