import type { QueryClient } from '@tanstack/react-query';
import { appointmentQueryKeys } from '../../appointments/api/appointment-query-keys.ts';
import { invoiceListsKey } from '../../sales/api/invoice-query-keys.ts';

const patientsRoot = ['patients'] as const;

/**
 * The patients feature's query keys. The directory, searches and duplicate checks sit under
 * `patients`; one patient's record and cards under `patient`.
 */
export const patientQueryKeys = {
  all: () => patientsRoot,
  pages: () => [...patientsRoot, 'list'] as const,
  search: (text: string, limit: number) => [...patientsRoot, 'search', text, limit] as const,
  duplicateCheck: (request: unknown) => [...patientsRoot, 'duplicate-check', request] as const,
  detail: (patientId: string) => ['patient', patientId] as const,
  paymentMethods: (patientId: string) => ['patient', patientId, 'payment-methods'] as const,
  portalAccess: (patientId: string) => ['patient', patientId, 'portal-access'] as const,
  guardians: (patientId: string) => ['patient', patientId, 'guardians'] as const,
};

/**
 * After a patient's record changed: the directory and searches, and everything that shows the
 * patient's name — the book's cards and drawers, No Shows and the invoices.
 */
export function refetchAfterPatientChange(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: patientQueryKeys.all() }),
    queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.allDetails() }),
    queryClient.invalidateQueries({ queryKey: appointmentQueryKeys.noShows() }),
    queryClient.invalidateQueries({ queryKey: invoiceListsKey }),
  ]);
}
