import { useParams } from 'react-router';
import { useSession } from '../../features/auth/components/session-context.tsx';
import { InvoicePage } from '../../features/sales/components/invoice-page.tsx';

export function InvoiceRoute() {
  const { invoiceId = '' } = useParams();
  const { practice } = useSession();
  return <InvoicePage key={invoiceId} invoiceId={invoiceId} practiceTimeZone={practice.timezone} />;
}
