import type { QueryClient } from '@tanstack/react-query';
import { appointmentKey, appointmentListsKey } from '../../appointments/api/appointment-schema.ts';
import { invoiceKey, invoiceListsKey } from './invoice-query-keys.ts';

/**
 * After money moved (or an attempt was recorded): the invoice, every invoice list, and the
 * appointment it belongs to (paying a checkout invoice in full completes the appointment).
 */
export async function invalidateAfterMoney(queryClient: QueryClient, invoiceId: string, appointmentId: string | null): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: invoiceKey(invoiceId) }),
    queryClient.invalidateQueries({ queryKey: invoiceListsKey }),
    ...(appointmentId
      ? [
          queryClient.invalidateQueries({ queryKey: appointmentKey(appointmentId) }),
          queryClient.invalidateQueries({ queryKey: appointmentListsKey }),
        ]
      : []),
  ]);
}
