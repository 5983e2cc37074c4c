import { walletSchema } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/api-client.ts';
import { portalKeys } from './portal-query-keys.ts';

/** The signed-in patient's wallet (the active profile's): credits, rewards and prepaid services. */
export function usePortalWallet(slug: string) {
  return useQuery({
    queryKey: portalKeys.wallet(slug),
    queryFn: ({ signal }) => apiRequest('/api/v1/portal/wallet', walletSchema, { signal }),
  });
}
