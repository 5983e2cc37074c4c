import { paymentMethodListSchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientQueryKeys } from './patient-query-keys.ts';

export function getPaymentMethods(patientId: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/patients/${encodeURIComponent(patientId)}/payment-methods`, paymentMethodListSchema, { signal });
}

/** The patient's cards on file (brand, last 4, expiry; never the number). */
export function usePaymentMethods(patientId: string | undefined) {
  return useQuery({
    queryKey: patientQueryKeys.paymentMethods(patientId ?? 'none'),
    queryFn: ({ signal }) => getPaymentMethods(patientId ?? '', signal),
    enabled: patientId !== undefined,
    select: (list) => list.items,
  });
}
