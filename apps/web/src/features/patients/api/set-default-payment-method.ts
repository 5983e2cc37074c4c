import { paymentMethodSchema } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientQueryKeys } from './patient-query-keys.ts';

export interface PaymentMethodRef {
  patientId: string;
  paymentMethodId: string;
}

export function setDefaultPaymentMethod({ patientId, paymentMethodId }: PaymentMethodRef) {
  return apiRequest(
    `/api/v1/patients/${encodeURIComponent(patientId)}/payment-methods/${encodeURIComponent(paymentMethodId)}/default`,
    paymentMethodSchema,
    { method: 'POST' },
  );
}

export function useSetDefaultPaymentMethod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: setDefaultPaymentMethod,
    onSuccess: (card) => queryClient.invalidateQueries({ queryKey: patientQueryKeys.paymentMethods(card.patientId) }),
  });
}
