import { walletSettingsSchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { walletQueryKeys } from './wallet-query-keys.ts';

export function getWalletSettings(signal?: AbortSignal) {
  return apiRequest('/api/v1/wallet/settings', walletSettingsSchema, { signal });
}

/** The wallet's currency and reward rule; every staff role may read them. */
export function useWalletSettings() {
  return useQuery({ queryKey: walletQueryKeys.settings, queryFn: ({ signal }) => getWalletSettings(signal) });
}
