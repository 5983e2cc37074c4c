import { billingConfigSchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { appointmentQueryKeys } from './appointment-query-keys.ts';

export function getBillingConfig(signal?: AbortSignal) {
  return apiRequest('/api/v1/billing/config', billingConfigSchema, { signal });
}

/** Which payment gateway takes the card in the browser, and where its card form lives. */
export function useBillingConfig({ enabled }: { enabled: boolean }) {
  return useQuery({
    queryKey: appointmentQueryKeys.billingConfig(),
    queryFn: ({ signal }) => getBillingConfig(signal),
    enabled,
    staleTime: 30 * 60_000,
  });
}
