import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiCommand } from '../../../shared/api/api-client.ts';
import { patientQueryKeys } from './patient-query-keys.ts';
import type { PaymentMethodRef } from './set-default-payment-method.ts';

/** Detaches the card at the gateway; Glowdesk keeps the record for history (fees already charged name it). */
export function removePaymentMethod({ patientId, paymentMethodId }: PaymentMethodRef) {
  return apiCommand(`/api/v1/patients/${encodeURIComponent(patientId)}/payment-methods/${encodeURIComponent(paymentMethodId)}`, {
    method: 'DELETE',
  });
}

export function useRemovePaymentMethod() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: removePaymentMethod,
    onSuccess: (_nothing, { patientId }) => queryClient.invalidateQueries({ queryKey: patientQueryKeys.paymentMethods(patientId) }),
  });
}
