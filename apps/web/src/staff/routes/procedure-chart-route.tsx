import { useParams } from 'react-router';
import { ProcedureChartPage } from '../../features/emr/components/procedure-chart-page.tsx';

export function ProcedureChartRoute() {
  const { procedureId = '' } = useParams();
  return <ProcedureChartPage key={procedureId} procedureId={procedureId} />;
}
