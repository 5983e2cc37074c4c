import { paymentMethodSchema } from '@glowdesk/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { patientQueryKeys } from './patient-query-keys.ts';

export interface AddPaymentMethodInput {
  patientId: string;
  /** What the gateway's card form returned; the card number itself never reaches /api/v1. */
  gatewayToken: string;
}

export function addPaymentMethod({ patientId, gatewayToken }: AddPaymentMethodInput) {
  return apiRequest(`/api/v1/patients/${encodeURIComponent(patientId)}/payment-methods`, paymentMethodSchema, {
    method: 'POST',
    body: { gatewayToken },
  });
}

export function useAddPaymentMethod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: addPaymentMethod,
    onSuccess: (card) => queryClient.invalidateQueries({ queryKey: patientQueryKeys.paymentMethods(card.patientId) }),
  });
}
