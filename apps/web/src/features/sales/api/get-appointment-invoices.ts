import { invoiceListSchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { invoiceListsKey } from './invoice-query-keys.ts';

export function getAppointmentInvoices(appointmentId: string, signal?: AbortSignal) {
  return apiRequest('/api/v1/invoices', invoiceListSchema, { query: { appointmentId, limit: 50 }, signal });
}

/**
 * The invoices of one appointment (its checkout, a no-show or cancellation fee), newest first.
 * Keyed by the appointment's version: marking a no-show with a fee, cancelling or checking out
 * changes the appointment, and its invoices are asked for again.
 */
export function useAppointmentInvoices(appointmentId: string, appointmentVersion: number, { enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: [...invoiceListsKey, 'appointment', appointmentId, appointmentVersion],
    queryFn: ({ signal }) => getAppointmentInvoices(appointmentId, signal),
    enabled,
    // The appointment's last invoices stay on screen while its new version's are fetched (never another appointment's).
    placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[2] === appointmentId ? previous : undefined),
    select: (list) => list.items,
  });
}
