import { inventoryLotSchema, lotPatientListSchema, lotRecallSchema, type CreateInventoryLotRequest } from '@glowdesk/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { emrQueryKeys } from './emr-api.ts';

const lotPatientsKey = (lotId: string) => [...emrQueryKeys.lots(), lotId, 'patients'] as const;

/** The CSV of a lot's treated patients; a plain link downloads it with the staff session. */
export const lotPatientsCsvUrl = (lotId: string) => `/api/v1/inventory/lots/${encodeURIComponent(lotId)}/patients.csv`;

export function useCreateLot() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateInventoryLotRequest) => apiRequest('/api/v1/inventory/lots', inventoryLotSchema, { method: 'POST', body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: emrQueryKeys.lots() }),
  });
}

/** Every patient treated with the lot (procedure, date, amount in the lot's unit, provider); each read is audited. */
export function useLotPatients(lotId: string) {
  return useQuery({
    queryKey: lotPatientsKey(lotId),
    queryFn: ({ signal }) => apiRequest(`/api/v1/inventory/lots/${encodeURIComponent(lotId)}/patients`, lotPatientListSchema, { signal }),
  });
}

/** Messages every treated patient through the outbox and records the recall on the lot. */
export function useRecallLot(lotId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (message: string) =>
      apiRequest(`/api/v1/inventory/lots/${encodeURIComponent(lotId)}/recall`, lotRecallSchema, { method: 'POST', body: { message } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: emrQueryKeys.lots() }),
  });
}
