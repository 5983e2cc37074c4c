import { providerListSchema, type Provider } from '@glowdesk/contracts';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../shared/api/api-client.ts';
import { practiceSetupQueryKey } from './practice-setup-query-key.ts';

export const providersQueryKey = [...practiceSetupQueryKey, 'providers'] as const;

/** Every provider, active or not; the pages filter by status themselves. */
export async function getProviders(signal?: AbortSignal): Promise<Provider[]> {
  const { items } = await apiRequest('/api/v1/providers', providerListSchema, { signal });
  return items;
}

export function useProviders() {
  return useQuery({ queryKey: providersQueryKey, queryFn: ({ signal }) => getProviders(signal) });
}
