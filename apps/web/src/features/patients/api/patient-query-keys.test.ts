import { MutationObserver, QueryClient, type QueryKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { appointmentQueryKeys } from '../../appointments/api/appointment-query-keys.ts';
import { invoiceListsKey } from '../../sales/api/invoice-query-keys.ts';
import { updatePatientMutation } from './update-patient.ts';

describe('after a patient’s record is saved', () => {
  it('refetches every list that shows the patient’s name: the book, an open drawer, No Shows, invoices', async () => {
    const queryClient = new QueryClient();
    const namedKeys: QueryKey[] = [
      appointmentQueryKeys.list({ clinicId: 'clinic-1', from: 'a', to: 'b' }),
      appointmentQueryKeys.detail('appointment-1'),
      appointmentQueryKeys.noShowList({ from: 'a', to: 'b' }),
      [...invoiceListsKey, 'sales'],
    ];
    for (const key of namedKeys) queryClient.setQueryData(key, []);
    const saved = { id: 'patient-1', firstName: 'Ana', lastName: 'Silva', version: 2 };
    const observer = new MutationObserver(queryClient, {
      ...updatePatientMutation(queryClient),
      mutationFn: () => Promise.resolve(saved as never),
    });

    await observer.mutate({ patientId: 'patient-1', expectedVersion: 1, changes: {} });

    const stale = namedKeys.filter((key) => queryClient.getQueryState(key)?.isInvalidated);
    expect(stale).toEqual(namedKeys);
  });
});
