import { ProcedureTypesPage } from '../../features/emr/components/procedure-types-page.tsx';

export function ProcedureTypesRoute() {
  return <ProcedureTypesPage />;
}
