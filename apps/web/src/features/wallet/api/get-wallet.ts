import { walletSchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { walletQueryKeys } from './wallet-query-keys.ts';

export function getWallet(patientId: string, signal?: AbortSignal) {
  return apiRequest(`/api/v1/patients/${encodeURIComponent(patientId)}/wallet`, walletSchema, { signal });
}

/** A client's wallet: dollar credits, rewards and prepaid units that count today, and the ledger. */
export function useWallet(patientId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: walletQueryKeys.ofPatient(patientId),
    queryFn: ({ signal }) => getWallet(patientId, signal),
    enabled: options.enabled ?? true,
  });
}
