import type { QueryClient } from '@tanstack/react-query';
import { appointmentQueryKeys } from '../../appointments/api/appointment-query-keys.ts';
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
          queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.detail(appointmentId) }),
          queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.lists() }),
        ]
      : []),
  ]);
}
